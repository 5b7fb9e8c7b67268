package dev.otellab.verify.report;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Locale;
import java.util.Optional;

/** The formats a verify report can be written in, by the names users type. */
public enum ReportFormat {
    MD("md", ".md"),
    JSON("json", ".json"),
    JUNIT("junit", ".xml");

    private final String label;
    private final String extension;

    ReportFormat(String label, String extension) {
        this.label = label;
        this.extension = extension;
    }

    public String label() {
        return label;
    }

    public ReportWriter writer(ObjectMapper mapper) {
        return switch (this) {
            case MD -> new MarkdownReport();
            case JSON -> new JsonReport(mapper);
            case JUNIT -> new JUnitReport();
        };
    }

    /** md, json or junit (any case); throws IllegalArgumentException naming the choices. */
    public static ReportFormat parse(String text) {
        String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (ReportFormat format : values()) {
            if (format.label.equals(wanted)) {
                return format;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a report format: use md, json or junit");
    }

    /** The format a file name's extension says (.md, .json, .xml), if it says one. */
    public static Optional<ReportFormat> forFileName(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        for (ReportFormat format : values()) {
            if (name.endsWith(format.extension)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
