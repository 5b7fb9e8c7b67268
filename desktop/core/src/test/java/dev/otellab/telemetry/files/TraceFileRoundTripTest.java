package dev.otellab.telemetry.files;

import dev.otellab.telemetry.model.TraceId;
import dev.otellab.telemetry.embedded.TelemetryStore;
import dev.otellab.telemetry.embedded.TestTelemetry;
import dev.otellab.telemetry.ingest.TelemetryBatch;
import dev.otellab.telemetry.model.InstrumentationScope;
import dev.otellab.telemetry.model.LogRecord;
import dev.otellab.telemetry.model.Resource;
import dev.otellab.telemetry.model.Severity;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.SpanEvent;
import dev.otellab.telemetry.model.SpanKind;
import dev.otellab.telemetry.model.SpanLink;
import dev.otellab.telemetry.model.StatusCode;
import dev.otellab.telemetry.model.Trace;
import dev.otellab.telemetry.query.LogFilter;
import dev.otellab.telemetry.query.QueryDirection;
import dev.otellab.telemetry.query.TimeRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.otellab.telemetry.embedded.TestTelemetry.at;
import static dev.otellab.telemetry.embedded.TestTelemetry.spanId;
import static dev.otellab.telemetry.embedded.TestTelemetry.traceId;
import static org.assertj.core.api.Assertions.assertThat;

/** Export from one real store, import into a fresh one: the same spans, logs, attributes, events, links and resources. */
class TraceFileRoundTripTest {
    @TempDir
    Path folder;

    static List<Span> richTrace(String traceId) {
        Resource checkout = new Resource(attributes("service.name", "checkout", "host.name", "lab-host",
                "process.pid", 4242L));
        Resource payments = new Resource(attributes("service.name", "payments", "deployment.environment", "lab"));
        InstrumentationScope http = new InstrumentationScope("io.opentelemetry.http", "2.31.1");
        InstrumentationScope jdbc = new InstrumentationScope("io.opentelemetry.jdbc", "");
        Map<String, Object> rootAttributes = attributes("http.route", "/checkout", "http.response.status_code", 500L,
                "retry.ratio", 0.25, "cache.hit", false, "tags", List.of("a", "b"), "ports", List.of(80L, 443L),
                "nested", Map.of("k", "v"));
        return List.of(
                new Span(traceId, spanId(1), "", "POST /checkout", SpanKind.SERVER, "checkout", at(0), at(250),
                        StatusCode.ERROR, "card declined", rootAttributes,
                        List.of(new SpanEvent(at(240), "exception", attributes("exception.type", "CardDeclined",
                                "exception.message", "declined"))),
                        List.of(new SpanLink(traceId(99), spanId(7), attributes("link.kind", "follows"))),
                        checkout, http),
                new Span(traceId, spanId(2), spanId(1), "SELECT carts", SpanKind.CLIENT, "checkout", at(10), at(40),
                        StatusCode.UNSET, "", attributes("db.system", "sqlite"), List.of(), List.of(), checkout, jdbc),
                new Span(traceId, spanId(3), spanId(1), "charge", SpanKind.SERVER, "payments", at(50), at(240),
                        StatusCode.OK, "", attributes("amount", 12L), List.of(), List.of(), payments, http));
    }

    static List<LogRecord> richLogs(String traceId) {
        return List.of(
                TestTelemetry.log(at(20), Severity.INFO, "checkout", "loading cart", traceId, spanId(2)),
                TestTelemetry.log(at(241), Severity.ERROR, "payments", "card declined", traceId, spanId(3)));
    }

    @Test
    void exportThenImportIntoAFreshStoreGivesTheSameTraceAndLogs() throws Exception {
        String id = traceId(1);
        Path file = folder.resolve("trace.jsonl");
        try (TelemetryStore source = TelemetryStore.open(folder.resolve("a"))) {
            source.accept(new TelemetryBatch(richTrace(id), richLogs(id), List.of())).toCompletableFuture().join();
            source.accept(new TelemetryBatch(richTrace(traceId(2)), List.of(), List.of())).toCompletableFuture().join();
            TraceExport.ExportSummary summary = new TraceExport(source.traces(), source.logs())
                    .exportTo(List.of(TraceId.parse(id)), file, () -> false);
            assertThat(summary).isEqualTo(new TraceExport.ExportSummary(1, 3, 2));
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("{\"resourceSpans\":").contains("\"traceId\":\"" + id + "\"")
                .contains("\"kind\":2");
        assertThat(lines.get(1)).startsWith("{\"resourceLogs\":");

        try (TelemetryStore target = TelemetryStore.open(folder.resolve("b"))) {
            ImportReport report = new TraceImport(target, target.traces()).importFile(file);
            assertThat(report.ok()).as(report.describe()).isTrue();
            assertThat(report.format()).isEqualTo(TraceFileFormat.OTLP_JSON_LINES);
            assertThat(report.spans()).isEqualTo(3);
            assertThat(report.logs()).isEqualTo(2);
            assertThat(report.traceIds()).containsExactly(id);

            Trace imported = target.traces().trace(TraceId.parse(id)).orElseThrow();
            assertThat(imported.spans()).containsExactlyElementsOf(sorted(richTrace(id)));
            List<LogRecord> logs = target.logs().query(LogFilter.forTrace(TraceId.parse(id)), TimeRange.all(), 100,
                    QueryDirection.OLDEST_FIRST);
            assertThat(logs).containsExactlyElementsOf(richLogs(id));
            assertThat(target.traces().trace(TraceId.parse(traceId(2)))).isEmpty();
        }
    }

    @Test
    void importingTheSameFileTwiceSkipsWhatIsStored() throws Exception {
        Path file = folder.resolve("twice.jsonl");
        Files.writeString(file, TraceFileWriter.lines(List.of(
                new TraceFileWriter.TraceWithLogs(new Trace(traceId(3), richTrace(traceId(3))), richLogs(traceId(3))))));
        try (TelemetryStore store = TelemetryStore.open(folder.resolve("c"))) {
            TraceImport importer = new TraceImport(store, store.traces());
            assertThat(importer.importFile(file).spans()).isEqualTo(3);
            ImportReport again = importer.importFile(file);
            assertThat(again.spans()).isZero();
            assertThat(again.logs()).isZero();
            assertThat(again.skipped()).containsExactly("3 spans already in the store",
                    "2 log records of traces already in the store");
            assertThat(store.logs().query(LogFilter.forTrace(TraceId.parse(traceId(3))), TimeRange.all(), 100,
                    QueryDirection.OLDEST_FIRST)).hasSize(2);
        }
    }

    private static List<Span> sorted(List<Span> spans) {
        return new Trace("x", spans).spans();
    }

    private static Map<String, Object> attributes(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
