package dev.otellab.verify.report;

/** Renders a verify report as the text of one file format. */
public interface ReportWriter {
    String write(VerifyReport report);
}
