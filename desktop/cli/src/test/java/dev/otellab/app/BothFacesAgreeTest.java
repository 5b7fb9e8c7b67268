package dev.otellab.app;

import dev.otellab.cli.LabConsole;
import dev.otellab.config.DataDirectories;
import dev.otellab.lab.LabEngine;
import dev.otellab.lab.embedded.EmbeddedLabSettings;
import dev.otellab.presentation.DurationText;
import dev.otellab.presentation.SloText;
import dev.otellab.telemetry.embedded.TelemetryStore;
import dev.otellab.telemetry.ingest.TelemetryBatch;
import dev.otellab.telemetry.model.SliSeries;
import dev.otellab.telemetry.model.SloStatus;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.SpanKind;
import dev.otellab.telemetry.model.StatusCode;
import dev.otellab.telemetry.model.TraceSummary;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.ui.ConsoleLauncher;
import dev.otellab.ui.ConsoleServices;
import dev.otellab.ui.common.TestExecutors;
import dev.otellab.ui.common.UiExecutors;
import dev.otellab.ui.shell.Navigator;
import dev.otellab.ui.sli.SliViewModel;
import dev.otellab.ui.traces.TraceSearchViewModel;
import dev.otellab.telemetry.embedded.receiver.ReceiverSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

import static dev.otellab.telemetry.embedded.TestTelemetry.span;
import static dev.otellab.telemetry.embedded.TestTelemetry.spanId;
import static dev.otellab.telemetry.embedded.TestTelemetry.traceId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decision 0011's promise, kept by one composition root: the CLI and the window's view models,
 * both wired by {@code dev.otellab.app} over one embedded store, show the same traces and the
 * same SLO table.
 */
class BothFacesAgreeTest {
    @TempDir
    Path dataDir;

    private final ScheduledExecutorService timer = TestExecutors.timer();
    private LabEngine windowLab;
    private ConsoleServices window;

    @BeforeEach
    void storeTrafficAndOpenTheWindowsLab() {
        storeTraffic();
        DataDirectories directories = DataDirectories.forUser(dataDir);
        windowLab = LabEngines.switchable(EmbeddedLabSettings.defaults(directories)
                .withReceiver(ReceiverSettings.anyFreePorts()).withBackendPort(0));
        window = ConsoleLauncher.services(windowLab, directories);
    }

    @AfterEach
    void close() {
        windowLab.close();
        timer.shutdownNow();
    }

    @Test
    void theTracesListShowsTheSameRows() {
        TraceSearchViewModel search = new TraceSearchViewModel(window.traces(), window.slis(), executors());
        search.search();

        List<String> windowRows = search.results().stream().map(BothFacesAgreeTest::traceRow).toList();
        List<String> cliRows = cli("traces").lines().skip(1)
                .map(line -> Arrays.stream(line.trim().split("\\s{2,}")).skip(1).toList())
                .map(cells -> String.join(" | ", cells.get(0), cells.get(2), cells.get(3), cells.get(4), cells.get(5)))
                .toList();

        assertThat(windowRows).hasSize(3);
        assertThat(cliRows).containsExactlyElementsOf(windowRows);
    }

    @Test
    void theSloTableShowsTheSameNumbers() {
        SliViewModel slis = new SliViewModel(window.slis(), window.traces(), executors(), Navigator.NONE);
        slis.serviceProperty().set("frontend");
        List<String> windowRows = slis.statuses().stream().map(BothFacesAgreeTest::sloRow).toList();
        slis.close();

        List<String> cliRows = new ArrayList<>();
        for (String line : cli("sli", "--service", "frontend").lines().toList()) {
            String[] cells = line.trim().split("\\s{2,}");
            if (cells.length == 10 && !cells[0].equals("ROUTE")) {
                cliRows.add(String.join(" | ", cells[0], cells[1], cells[5], cells[7], cells[9]));
            }
        }

        assertThat(windowRows).hasSize(3);
        assertThat(cliRows).containsExactlyInAnyOrderElementsOf(windowRows);
    }

    private UiExecutors executors() {
        return new UiExecutors(Runnable::run, Runnable::run, timer, Clock.systemUTC());
    }

    /** A row of the Traces view: trace id, root name, duration, spans, errors. */
    private static String traceRow(TraceSummary trace) {
        return String.join(" | ", trace.traceId(), trace.rootName(), DurationText.format(trace.durationNanos()),
                Integer.toString(trace.spanCount()), Integer.toString(trace.errorCount()));
    }

    /** A row of the SLIs view's SLO table: route, requests, availability, p95, health. */
    private static String sloRow(SloStatus status) {
        String route = status.route().equals(SliSeries.ALL_ROUTES) ? "(all routes)" : status.route();
        return String.join(" | ", route, Long.toString(status.requests()), SloText.formatPercent(status.availability()),
                SloText.formatMillis(status.p95LatencyMillis()), SloText.healthText(status.overall()));
    }

    private String cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", dataDir.toString()));
        int exit = LabConsole.run(new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
        assertThat(exit).as(err.toString()).isZero();
        return out.toString();
    }

    /** Three requests to two routes of "frontend", one failing and one slow, three minutes ago. */
    private void storeTraffic() {
        long start = TimeRange.toNanos(Instant.now().minus(Duration.ofMinutes(3)));
        List<Span> spans = List.of(
                span(traceId(1), spanId(1), "", "frontend", "GET /api/tasks", SpanKind.SERVER, start, 120,
                        StatusCode.UNSET, Map.of("http.route", "/api/tasks", "http.response.status_code", 200L)),
                span(traceId(1), spanId(2), spanId(1), "tasks", "SELECT tasks", SpanKind.CLIENT, start + 10_000_000L, 40,
                        StatusCode.UNSET, Map.of("db.system", "sqlite")),
                span(traceId(2), spanId(3), "", "frontend", "POST /api/tasks", SpanKind.SERVER, start + 1_000_000_000L, 30,
                        StatusCode.ERROR, Map.of("http.route", "/api/tasks", "http.response.status_code", 500L)),
                span(traceId(3), spanId(4), "", "frontend", "GET /health", SpanKind.SERVER, start + 2_000_000_000L, 900,
                        StatusCode.UNSET, Map.of("http.route", "/health", "http.response.status_code", 200L)));
        try (TelemetryStore store = TelemetryStore.open(DataDirectories.forUser(dataDir).telemetryStoreDir())) {
            store.accept(new TelemetryBatch(spans, List.of(), List.of())).toCompletableFuture().join();
        }
    }
}
