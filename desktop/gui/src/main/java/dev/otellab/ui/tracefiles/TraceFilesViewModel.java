package dev.otellab.ui.tracefiles;

import dev.otellab.telemetry.model.TraceId;
import dev.otellab.telemetry.files.ImportReport;
import dev.otellab.telemetry.files.TraceExport;
import dev.otellab.telemetry.files.TraceFileContent;
import dev.otellab.telemetry.files.TraceFileException;
import dev.otellab.telemetry.files.TraceFileReader;
import dev.otellab.telemetry.files.TraceImport;
import dev.otellab.telemetry.model.Trace;
import dev.otellab.telemetry.query.LogSource;
import dev.otellab.telemetry.query.TraceSource;
import dev.otellab.ui.common.UiExecutors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Exports traces to a file and opens trace files, off the FX thread, one job at a time, with
 * progress and Cancel: opening reads each file, imports it into the store (whole or not at
 * all) and hands the first trace read to the waterfall. The reports say what each file gave.
 */
public final class TraceFilesViewModel {
    private final TraceExport export;
    private final Supplier<Optional<TraceImport>> imports;
    private final UiExecutors executors;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper(this, "progress", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ObservableList<ImportReport> reports = FXCollections.observableArrayList();
    private AtomicBoolean cancelled = new AtomicBoolean();

    public TraceFilesViewModel(TraceSource traces, LogSource logs, Supplier<Optional<TraceImport>> imports,
                               UiExecutors executors) {
        this.export = new TraceExport(traces, logs);
        this.imports = imports;
        this.executors = executors;
    }

    /** Writes the traces and their logs to {@code file} (whole, or nothing on failure or Cancel). */
    public void export(List<TraceId> traceIds, Path file) {
        AtomicBoolean flag = begin("Exporting " + traceIds.size() + (traceIds.size() == 1 ? " trace" : " traces") + "…");
        executors.background().execute(() -> {
            String result;
            try {
                TraceExport.ExportSummary summary = export.exportTo(traceIds, file, flag::get);
                result = "Exported " + summary.describe() + " to " + file;
            } catch (TraceFileException e) {
                result = "Nothing exported: " + e.getMessage();
            } catch (IOException | RuntimeException e) {
                result = "Nothing exported: " + file + " could not be written (" + e.getMessage() + ")";
            }
            finish(result);
        });
    }

    /**
     * Reads and imports the files one by one; {@code onFirstTrace} gets the first trace read (on
     * the UI executor), which shows even when it could not be stored.
     */
    public void open(List<Path> files, Consumer<Trace> onFirstTrace) {
        AtomicBoolean flag = begin("Opening " + files.size() + (files.size() == 1 ? " file" : " files") + "…");
        reports.clear();
        executors.background().execute(() -> {
            List<ImportReport> done = new ArrayList<>();
            Trace first = null;
            Optional<TraceImport> importer = imports.get();
            try {
                for (int i = 0; i < files.size() && !flag.get(); i++) {
                    Path file = files.get(i);
                    int number = i + 1;
                    executors.ui().execute(() -> progress.set("Opening " + number + " of " + files.size() + ": "
                            + file.getFileName() + "…"));
                    ImportReport report;
                    try {
                        TraceFileContent content = TraceFileReader.read(file);
                        if (first == null && !content.traces().isEmpty()) {
                            first = content.traces().get(0);
                        }
                        report = importer.isPresent() ? importer.get().store(file, content)
                                : ImportReport.failed(file, "shown only: this window has no store to import into");
                    } catch (TraceFileException e) {
                        report = ImportReport.failed(file, e.getMessage());
                    } catch (IOException e) {
                        report = ImportReport.failed(file, "cannot read it: " + e.getMessage());
                    }
                    done.add(report);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Trace shown = first;
            executors.ui().execute(() -> {
                reports.setAll(done);
                if (shown != null) {
                    onFirstTrace.accept(shown);
                }
            });
            finish(summary(done, flag.get(), files.size()));
        });
    }

    public void cancel() {
        cancelled.set(true);
    }

    private AtomicBoolean begin(String work) {
        AtomicBoolean flag = new AtomicBoolean();
        cancelled = flag;
        busy.set(true);
        progress.set(work);
        message.set("");
        return flag;
    }

    private void finish(String result) {
        executors.ui().execute(() -> {
            busy.set(false);
            progress.set("");
            message.set(result);
        });
    }

    static String summary(List<ImportReport> reports, boolean cancelled, int asked) {
        long failed = reports.stream().filter(report -> !report.ok()).count();
        int spans = reports.stream().mapToInt(ImportReport::spans).sum();
        int logs = reports.stream().mapToInt(ImportReport::logs).sum();
        StringBuilder text = new StringBuilder("Imported ").append(spans).append(spans == 1 ? " span" : " spans")
                .append(" and ").append(logs).append(logs == 1 ? " log record" : " log records")
                .append(" from ").append(reports.size() - failed).append(" of ").append(asked)
                .append(asked == 1 ? " file" : " files");
        if (failed > 0) {
            ImportReport firstFailure = reports.stream().filter(report -> !report.ok()).findFirst().orElseThrow();
            text.append("; ").append(firstFailure.file().getFileName()).append(" not imported: ").append(firstFailure.error());
        }
        if (cancelled) {
            text.append(" (cancelled)");
        }
        return text.toString();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ObservableList<ImportReport> reports() {
        return reports;
    }
}
