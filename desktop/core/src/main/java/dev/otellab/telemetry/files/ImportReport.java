package dev.otellab.telemetry.files;

import java.nio.file.Path;
import java.util.List;

/**
 * What importing one file did: the spans and log records stored, what was skipped and why, the
 * traces it holds (in file order); or, for a bad file, the reason and nothing stored.
 */
public record ImportReport(Path file, TraceFileFormat format, int spans, int logs, List<String> traceIds,
                           List<String> skipped, String error) {
    public ImportReport {
        traceIds = List.copyOf(traceIds);
        skipped = List.copyOf(skipped);
        error = error == null ? "" : error;
    }

    public static ImportReport failed(Path file, String error) {
        return new ImportReport(file, null, 0, 0, List.of(), List.of(), error);
    }

    public boolean ok() {
        return error.isEmpty();
    }

    /** One line for people: what was imported, or why not. */
    public String describe() {
        if (!ok()) {
            return file + ": not imported: " + error;
        }
        StringBuilder text = new StringBuilder()
                .append(file).append(" (").append(format.label()).append("): ")
                .append(spans).append(spans == 1 ? " span" : " spans").append(" and ")
                .append(logs).append(logs == 1 ? " log record" : " log records").append(" imported, ")
                .append(traceIds.size()).append(traceIds.size() == 1 ? " trace" : " traces");
        for (String reason : skipped) {
            text.append("; skipped ").append(reason);
        }
        return text.toString();
    }
}
