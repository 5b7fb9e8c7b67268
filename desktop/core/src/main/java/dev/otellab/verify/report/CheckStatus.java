package dev.otellab.verify.report;

/** The outcome of one verify check. */
public enum CheckStatus {
    PASS, FAIL
}
