package dev.otellab.verify;

/** Why a verify request was sent: ordinary task traffic, or slow or failing on purpose. */
public enum RequestKind {
    NORMAL, SLOW, FAILING
}
