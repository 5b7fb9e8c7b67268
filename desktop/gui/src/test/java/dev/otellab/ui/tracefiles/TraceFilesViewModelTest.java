package dev.otellab.ui.tracefiles;

import dev.otellab.telemetry.model.TraceId;
import dev.otellab.telemetry.diff.CheckoutRequests;
import dev.otellab.telemetry.embedded.TelemetryStore;
import dev.otellab.telemetry.files.ImportReport;
import dev.otellab.telemetry.files.TraceImport;
import dev.otellab.telemetry.model.StatusCode;
import dev.otellab.telemetry.model.Trace;
import dev.otellab.ui.InMemoryTelemetry;
import dev.otellab.ui.common.UiExecutors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Export and open without a screen: in-memory traces out, a real store in. */
class TraceFilesViewModelTest {
    private static final String ID = "0000000000000000000000000000c0de";

    @TempDir
    Path folder;

    private final UiExecutors direct = new UiExecutors(Runnable::run, Runnable::run, null, Clock.systemUTC());

    @Test
    void exportsThenOpensIntoTheStoreAndShowsTheFirstTrace() throws Exception {
        InMemoryTelemetry telemetry = new InMemoryTelemetry();
        telemetry.addSpans(CheckoutRequests.request(ID, 80, 2, StatusCode.ERROR, "visa").spans());
        Path file = folder.resolve("out.jsonl");
        TraceFilesViewModel exporting = new TraceFilesViewModel(telemetry, telemetry, Optional::empty, direct);
        exporting.export(List.of(TraceId.parse(ID)), file);
        assertThat(exporting.messageProperty().get()).isEqualTo("Exported 1 trace, 5 spans, 0 log records to " + file);
        assertThat(exporting.busyProperty().get()).isFalse();

        Path bad = folder.resolve("bad.json");
        Files.writeString(bad, "{\"resourceSpans\": 3}");
        try (TelemetryStore store = TelemetryStore.open(folder.resolve("store"))) {
            TraceFilesViewModel opening = new TraceFilesViewModel(store.traces(), store.logs(),
                    () -> Optional.of(new TraceImport(store, store.traces())), direct);
            List<Trace> shown = new ArrayList<>();
            opening.open(List.of(file, bad), shown::add);
            assertThat(shown).extracting(Trace::traceId).containsExactly(ID);
            assertThat(opening.reports()).extracting(ImportReport::ok).containsExactly(true, false);
            assertThat(opening.reports().get(1).error()).startsWith("line 1, column 19: not valid OTLP/JSON");
            assertThat(opening.messageProperty().get())
                    .startsWith("Imported 5 spans and 0 log records from 1 of 2 files; bad.json not imported: line 1");
            assertThat(store.traces().trace(TraceId.parse(ID))).map(trace -> trace.spans().size()).contains(5);
        }
    }

    @Test
    void anExportOfAMissingTraceWritesNothing() {
        InMemoryTelemetry telemetry = new InMemoryTelemetry();
        TraceFilesViewModel model = new TraceFilesViewModel(telemetry, telemetry, Optional::empty, direct);
        Path file = folder.resolve("none.jsonl");
        model.export(List.of(TraceId.parse(ID)), file);
        assertThat(model.messageProperty().get()).isEqualTo("Nothing exported: trace " + ID + " was not found; no file was written");
        assertThat(file).doesNotExist();
    }
}
