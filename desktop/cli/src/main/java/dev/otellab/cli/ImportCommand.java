package dev.otellab.cli;

import dev.otellab.app.IngestStore;
import dev.otellab.telemetry.files.ImportReport;
import dev.otellab.telemetry.files.TraceImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code lab-console import FILE...}: trace files into the data folder's store, each whole or not at all. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import trace files into the data folder's store: OTLP JSON lines (lab-console export, the"
                + " Collector's file exporter), one OTLP JSON or protobuf export request (traces or logs), and"
                + " Tempo's trace-by-id JSON (/api/traces and /api/v2/traces, Grafana's download).",
                "Each file is imported whole or not at all; a bad file is named with the line and what is wrong."
                        + " Exit code 1 when a file was not imported."})
final class ImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions store;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "The files to import.")
    List<Path> files;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        List<ImportReport> reports = new ArrayList<>();
        try (IngestStore telemetry = IngestStore.open(store.storeDir())) {
            TraceImport importer = new TraceImport(telemetry.ingest(), telemetry.traces());
            for (Path file : files) {
                ImportReport report = importer.importFile(file);
                reports.add(report);
                if (!store.json) {
                    (report.ok() ? out : spec.commandLine().getErr()).println(report.describe());
                }
            }
        }
        if (store.json) {
            out.println(JsonOutput.write(reports.stream().map(ImportCommand::json).toList()));
        }
        out.flush();
        spec.commandLine().getErr().flush();
        return reports.stream().allMatch(ImportReport::ok) ? 0 : 1;
    }

    private static java.util.Map<String, Object> json(ImportReport report) {
        java.util.Map<String, Object> item = new java.util.LinkedHashMap<>();
        item.put("file", report.file().toString());
        item.put("imported", report.ok());
        item.put("format", report.format() == null ? null : report.format().label());
        item.put("spans", report.spans());
        item.put("logs", report.logs());
        item.put("traceIds", report.traceIds());
        item.put("skipped", report.skipped());
        item.put("error", report.error());
        return item;
    }
}
