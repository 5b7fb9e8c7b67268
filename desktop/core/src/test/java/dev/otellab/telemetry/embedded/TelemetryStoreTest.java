package dev.otellab.telemetry.embedded;

import dev.otellab.telemetry.model.TraceId;
import dev.otellab.telemetry.ingest.TelemetryBatch;
import dev.otellab.telemetry.model.InstrumentationScope;
import dev.otellab.telemetry.model.LogRecord;
import dev.otellab.telemetry.model.MetricPoint;
import dev.otellab.telemetry.model.MetricType;
import dev.otellab.telemetry.model.Resource;
import dev.otellab.telemetry.model.Severity;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.SpanEvent;
import dev.otellab.telemetry.model.SpanKind;
import dev.otellab.telemetry.model.SpanLink;
import dev.otellab.telemetry.model.SpanNode;
import dev.otellab.telemetry.model.StatusCode;
import dev.otellab.telemetry.model.Trace;
import dev.otellab.telemetry.model.TraceSummary;
import dev.otellab.telemetry.query.LogFilter;
import dev.otellab.telemetry.query.QueryDirection;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.telemetry.query.TraceSearchCriteria;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.otellab.telemetry.embedded.TestTelemetry.at;
import static dev.otellab.telemetry.embedded.TestTelemetry.resource;
import static dev.otellab.telemetry.embedded.TestTelemetry.span;
import static dev.otellab.telemetry.embedded.TestTelemetry.spanId;
import static dev.otellab.telemetry.embedded.TestTelemetry.traceId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TelemetryStoreTest {
    @TempDir
    Path dir;
    TelemetryStore store;

    @BeforeEach
    void open() {
        store = TelemetryStore.open(dir);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void ingest(TelemetryBatch batch) {
        store.accept(batch).toCompletableFuture().join();
    }

    private static Map<String, Object> everyType() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("http.route", "/api/tasks/{id}");
        attributes.put("http.response.status_code", 201L);
        attributes.put("custom.text", "héllo wörld");
        attributes.put("custom.long", -42L);
        attributes.put("custom.double", 3.25);
        attributes.put("custom.bool", true);
        attributes.put("custom.false", false);
        attributes.put("custom.bytes", new byte[] {1, 2, 3});
        attributes.put("custom.strings", List.of("a", "b"));
        attributes.put("custom.longs", List.of(1L, 2L, 3L));
        attributes.put("custom.doubles", List.of(0.5, 1.5));
        attributes.put("custom.bools", List.of(true, false));
        attributes.put("custom.map", Map.of("inner", "value"));
        return attributes;
    }

    @Test
    void aSpanWithEveryFieldComesBackEqual() {
        Resource resource = new Resource(Map.of("service.name", "tasks", "service.version", "1.2.3",
                "process.pid", 4242L, "custom.resource", List.of("x", "y")));
        Span span = new Span(traceId(1), spanId(2), spanId(1), "POST /api/tasks", SpanKind.SERVER, "tasks",
                at(10), at(25), StatusCode.ERROR, "boom", everyType(),
                List.of(new SpanEvent(at(12), "exception", Map.of("exception.type", "java.io.IOException",
                        "exception.message", "disk full")), new SpanEvent(at(20), "retry", Map.of())),
                List.of(new SpanLink(traceId(9), spanId(9), Map.of("link.reason", "batch"))),
                resource, new InstrumentationScope("io.opentelemetry.jdbc", "2.31.1"));

        ingest(TelemetryBatch.ofSpans(List.of(span)));
        Span stored = store.traces().trace(TraceId.parse(traceId(1))).orElseThrow().spans().get(0);

        assertThat(stored).usingRecursiveComparison().ignoringFields("attributes").isEqualTo(span);
        assertThat(stored.attributes()).containsOnlyKeys(span.attributes().keySet());
        assertThat(stored.attributes()).containsAllEntriesOf(withoutBytes(span.attributes()));
        assertThat((byte[]) stored.attributes().get("custom.bytes")).containsExactly(1, 2, 3);
        assertThat(List.copyOf(stored.attributes().keySet())).containsExactlyElementsOf(span.attributes().keySet());
    }

    private static Map<String, Object> withoutBytes(Map<String, Object> attributes) {
        Map<String, Object> copy = new LinkedHashMap<>(attributes);
        copy.remove("custom.bytes");
        return copy;
    }

    @Test
    void logsAndMetricsComeBackEqual() {
        LogRecord log = new LogRecord(at(5), at(6), 17, "ERROR", "Task 7 not found", "tasks", traceId(1), spanId(1),
                everyTypeWithoutBytes(), resource("tasks"), new InstrumentationScope("app.logger", ""));
        LogRecord untraced = new LogRecord(0, at(7), 9, "", "started", "", null, null, Map.of(),
                resource("tasks"), null);
        MetricPoint histogram = new MetricPoint("http.server.request.duration", "Duration of requests", "s",
                MetricType.HISTOGRAM, false, "tasks", at(0), at(10), Map.of("http.route", "/api/tasks"), 0, 12, 3.5,
                List.of(0.1, 0.5, 1.0), List.of(3L, 5L, 2L, 2L), resource("tasks"));
        MetricPoint counter = new MetricPoint("tasks.created", "", "{task}", MetricType.SUM, true, "tasks", at(0),
                at(20), Map.of(), 7, 0, 0, List.of(), List.of(), resource("tasks"));

        ingest(new TelemetryBatch(List.of(), List.of(log, untraced), List.of(histogram, counter)));

        assertThat(store.logs().query(LogFilter.ALL, TimeRange.all(), 10, QueryDirection.OLDEST_FIRST))
                .containsExactly(log, untraced);
        assertThat(store.metrics().names(TimeRange.all()))
                .containsExactly("http.server.request.duration", "tasks.created");
        assertThat(store.metrics().points("http.server.request.duration", TimeRange.all(), 10)).containsExactly(histogram);
        assertThat(store.metrics().points("tasks.created", TimeRange.all(), 10)).containsExactly(counter);
        assertThat(store.metrics().points("tasks.created", new TimeRange(at(0), at(20)), 10)).isEmpty();
    }

    private static Map<String, Object> everyTypeWithoutBytes() {
        return withoutBytes(everyType());
    }

    @Test
    void aTraceIsAssembledFromBatchesArrivingInAnyOrderWithTheRootLast() {
        String trace = traceId(7);
        Span root = span(trace, spanId(1), "", "frontend", "GET /", SpanKind.SERVER, at(0), 100, StatusCode.UNSET, Map.of());
        Span child = span(trace, spanId(2), spanId(1), "tasks", "SELECT tasks", SpanKind.CLIENT, at(10), 30,
                StatusCode.UNSET, Map.of());
        Span grandchild = span(trace, spanId(3), spanId(2), "tasks", "db", SpanKind.INTERNAL, at(15), 10,
                StatusCode.ERROR, Map.of());

        ingest(TelemetryBatch.ofSpans(List.of(grandchild)));
        Trace partial = store.traces().trace(TraceId.parse(trace)).orElseThrow();
        assertThat(partial.roots()).singleElement().satisfies(node -> assertThat(node.orphan()).isTrue());
        assertThat(store.traces().search(TraceSearchCriteria.ANY, TimeRange.all(), 10)).singleElement()
                .satisfies(summary -> assertThat(summary.rootName()).isEqualTo("db"));

        ingest(TelemetryBatch.ofSpans(List.of(child)));
        ingest(TelemetryBatch.ofSpans(List.of(root)));

        Trace whole = store.traces().trace(TraceId.parse(trace)).orElseThrow();
        assertThat(whole.depthFirst()).extracting(SpanNode::depth).containsExactly(0, 1, 2);
        assertThat(whole.depthFirst()).extracting(node -> node.span().name()).containsExactly("GET /", "SELECT tasks", "db");
        assertThat(whole.depthFirst()).noneMatch(SpanNode::orphan);
        assertThat(store.traces().search(TraceSearchCriteria.ANY, TimeRange.all(), 10)).singleElement()
                .isEqualTo(whole.summary());
    }

    @Test
    void aSpanWhoseParentNeverArrivesShowsAsAnOrphan() {
        String trace = traceId(8);
        ingest(TelemetryBatch.ofSpans(List.of(
                span(trace, spanId(1), "", "frontend", "GET /", SpanKind.SERVER, at(0), 100, StatusCode.UNSET, Map.of()),
                span(trace, spanId(5), spanId(4), "tasks", "lost parent", SpanKind.INTERNAL, at(20), 5,
                        StatusCode.UNSET, Map.of()))));

        Trace found = store.traces().trace(TraceId.parse(trace)).orElseThrow();

        assertThat(found.roots()).extracting(SpanNode::orphan).containsExactly(false, true);
        assertThat(found.summary().rootName()).isEqualTo("GET /");
    }

    @Test
    void aRetriedBatchIsStoredOnce() {
        List<Span> spans = List.of(
                span(traceId(3), spanId(1), "", "frontend", "GET /", SpanKind.SERVER, at(0), 100, StatusCode.UNSET, Map.of()));
        ingest(TelemetryBatch.ofSpans(spans));
        ingest(TelemetryBatch.ofSpans(spans));

        assertThat(store.traces().trace(TraceId.parse(traceId(3))).orElseThrow().spans()).hasSize(1);
        assertThat(store.traces().search(TraceSearchCriteria.ANY, TimeRange.all(), 10)).singleElement()
                .extracting(TraceSummary::spanCount).isEqualTo(1);
    }

    @Test
    void aBatchResentWithOneNewSpanCountsOnlyTheNewSpan() {
        // More spans than one multi-row statement holds, spread over traces, one trace stored already.
        List<Span> first = new ArrayList<>();
        for (int i = 1; i <= 150; i++) {
            first.add(span(traceId(100 + i % 3), spanId(i), i <= 3 ? "" : spanId(i % 3 == 0 ? 3 : i % 3), "frontend", "op " + i,
                    SpanKind.INTERNAL, at(i), 10, i == 7 ? StatusCode.ERROR : StatusCode.UNSET, Map.of("n", (long) i)));
        }
        ingest(TelemetryBatch.ofSpans(first));
        List<Span> resent = new ArrayList<>(first);
        resent.add(span(traceId(101), spanId(999), spanId(1), "checkout", "late", SpanKind.CLIENT, at(500), 10,
                StatusCode.ERROR, Map.of()));
        ingest(TelemetryBatch.ofSpans(resent));

        Map<String, TraceSummary> summaries = new HashMap<>();
        for (TraceSummary summary : store.traces().search(TraceSearchCriteria.ANY, TimeRange.all(), 10)) {
            summaries.put(summary.traceId(), summary);
        }
        assertThat(summaries).hasSize(3);
        assertThat(summaries.get(traceId(101)).spanCount()).isEqualTo(51);
        assertThat(summaries.get(traceId(101)).errorCount()).isEqualTo(1 + 1);
        assertThat(summaries.get(traceId(101)).services()).containsExactlyInAnyOrder("frontend", "checkout");
        assertThat(summaries.get(traceId(100)).spanCount()).isEqualTo(50);
        assertThat(summaries.get(traceId(102)).spanCount()).isEqualTo(50);
        assertThat(store.traces().trace(TraceId.parse(traceId(101))).orElseThrow().spans()).hasSize(51);
        assertThat(store.traces().search(TraceSearchCriteria.ANY.withSpanName("late"), TimeRange.all(), 10))
                .extracting(TraceSummary::traceId).containsExactly(traceId(101));
    }

    @Test
    void anUnknownTraceIsEmptyAndAMalformedIdIsRejected() {
        assertThat(store.traces().trace(TraceId.parse(traceId(404)))).isEmpty();
        assertThatThrownBy(() -> store.traces().trace(TraceId.parse("xyz"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 hexadecimal");
    }

    /** Six traces, one per 1 s, with distinct services, names, durations, errors and attributes. */
    private void ingestSearchFixture() {
        List<Span> spans = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            String trace = traceId(i);
            String service = i % 2 == 0 ? "checkout" : "tasks";
            long start = at(i * 1000L);
            spans.add(span(trace, spanId(1), "", "frontend", "GET /page" + i, SpanKind.SERVER, start, i * 100L,
                    StatusCode.UNSET, Map.of("http.route", "/page" + i)));
            spans.add(span(trace, spanId(2), spanId(1), service, i == 3 ? "charge card" : "work", SpanKind.INTERNAL,
                    start + 1_000_000, 10, i == 5 ? StatusCode.ERROR : StatusCode.UNSET,
                    Map.of("tenant", i <= 2 ? "acme" : "globex", "attempt", (long) i)));
        }
        // Split over batches so summaries are merged across transactions.
        ingest(TelemetryBatch.ofSpans(spans.subList(0, 5)));
        ingest(TelemetryBatch.ofSpans(spans.subList(5, spans.size())));
    }

    private List<String> search(TraceSearchCriteria criteria) {
        return search(criteria, TimeRange.all(), 20);
    }

    private List<String> search(TraceSearchCriteria criteria, TimeRange range, int limit) {
        return store.traces().search(criteria, range, limit).stream().map(TraceSummary::traceId).toList();
    }

    @Test
    void searchFiltersByEachCriterionNewestFirst() {
        ingestSearchFixture();

        assertThat(search(TraceSearchCriteria.ANY))
                .containsExactly(traceId(6), traceId(5), traceId(4), traceId(3), traceId(2), traceId(1));
        assertThat(search(TraceSearchCriteria.ANY.withService("checkout")))
                .containsExactly(traceId(6), traceId(4), traceId(2));
        assertThat(search(TraceSearchCriteria.ANY.withSpanName("charge card"))).containsExactly(traceId(3));
        assertThat(search(TraceSearchCriteria.ANY.withService("checkout").withSpanName("charge card"))).isEmpty();
        assertThat(search(TraceSearchCriteria.ANY.withSpanName("CHARGE"))).as("a part of the name, any case")
                .containsExactly(traceId(3));
        assertThat(search(TraceSearchCriteria.ANY.withSpanName("charge_card%"))).as("LIKE's wildcards are plain text").isEmpty();
        assertThat(search(TraceSearchCriteria.ANY.withDuration(Duration.ofMillis(300), null)))
                .containsExactly(traceId(6), traceId(5), traceId(4), traceId(3));
        assertThat(search(TraceSearchCriteria.ANY.withDuration(null, Duration.ofMillis(200))))
                .containsExactly(traceId(2), traceId(1));
        assertThat(search(TraceSearchCriteria.ANY.withDuration(Duration.ofMillis(200), Duration.ofMillis(400))))
                .containsExactly(traceId(4), traceId(3), traceId(2));
        assertThat(search(TraceSearchCriteria.ANY.withErrorsOnly(true))).containsExactly(traceId(5));
        assertThat(search(TraceSearchCriteria.ANY.withAttributes(Map.of("tenant", "acme"))))
                .containsExactly(traceId(2), traceId(1));
        assertThat(search(TraceSearchCriteria.ANY.withAttributes(Map.of("tenant", "globex", "attempt", "4"))))
                .containsExactly(traceId(4));
        assertThat(search(TraceSearchCriteria.ANY.withAttributes(Map.of("http.route", "/page3"))))
                .containsExactly(traceId(3));
        assertThat(search(TraceSearchCriteria.ANY.withAttributes(Map.of("tenant", "nobody")))).isEmpty();
        assertThat(search(TraceSearchCriteria.ANY, new TimeRange(at(2000), at(4000)), 20))
                .containsExactly(traceId(3), traceId(2));
        assertThat(search(TraceSearchCriteria.ANY, TimeRange.all(), 2)).containsExactly(traceId(6), traceId(5));
    }

    @Test
    void attributeSearchMatchesTheSpansResourceAttributesToo() {
        ingestSearchFixture();

        assertThat(search(TraceSearchCriteria.ANY.withAttributes(Map.of("service.name", "checkout"))))
                .containsExactly(traceId(6), traceId(4), traceId(2));
        assertThat(search(TraceSearchCriteria.ANY.withAttributes(Map.of("host.name", "lab-host")))).hasSize(6);
        assertThat(search(TraceSearchCriteria.ANY.withAttributes(Map.of("host.name", "other-host")))).isEmpty();
        assertThat(search(TraceSearchCriteria.ANY.withAttributes(Map.of("service.name", "checkout", "tenant", "nobody"))))
                .isEmpty();
    }

    @Test
    void attributeSearchMatchesValuesOfEveryTypeByTheirText() {
        ingest(TelemetryBatch.ofSpans(List.of(span(traceId(1), spanId(1), "", "tasks", "GET /", SpanKind.SERVER, at(0),
                5, StatusCode.UNSET, everyType()))));

        for (Map.Entry<String, String> attribute : Map.of("custom.text", "héllo wörld", "custom.long", "-42",
                "custom.double", "3.25", "custom.bool", "true", "custom.strings", "[a, b]",
                "http.response.status_code", "201").entrySet()) {
            assertThat(search(TraceSearchCriteria.ANY.withAttributes(Map.of(attribute.getKey(), attribute.getValue()))))
                    .as(attribute.toString()).containsExactly(traceId(1));
        }
        assertThat(search(TraceSearchCriteria.ANY.withAttributes(Map.of("custom.text", "héllo")))).isEmpty();
        assertThat(search(TraceSearchCriteria.ANY.withAttributes(Map.of("custom.long", "42")))).isEmpty();
    }

    @Test
    void searchSummariesDescribeTheWholeTrace() {
        ingestSearchFixture();

        TraceSummary summary = store.traces().search(TraceSearchCriteria.ANY.withErrorsOnly(true), TimeRange.all(), 1)
                .get(0);

        assertThat(summary).isEqualTo(store.traces().trace(TraceId.parse(traceId(5))).orElseThrow().summary());
        assertThat(summary.rootService()).isEqualTo("frontend");
        assertThat(summary.services()).containsExactlyInAnyOrder("frontend", "tasks");
        assertThat(summary.durationNanos()).isEqualTo(Duration.ofMillis(500).toNanos());
        assertThat(summary.spanCount()).isEqualTo(2);
        assertThat(summary.errorCount()).isEqualTo(1);
    }

    @Test
    void dataSurvivesCloseAndReopen() {
        ingestSearchFixture();
        ingest(TelemetryBatch.ofLogs(List.of(TestTelemetry.log(at(1), Severity.INFO, "tasks", "hello", "", ""))));
        store.close();

        store = TelemetryStore.open(dir);

        assertThat(search(TraceSearchCriteria.ANY)).hasSize(6);
        assertThat(store.traces().trace(TraceId.parse(traceId(4))).orElseThrow().spans()).hasSize(2);
        assertThat(store.logs().query(LogFilter.ALL, TimeRange.all(), 10, QueryDirection.NEWEST_FIRST)).hasSize(1);
    }

    @Test
    void aTraceContinuedAfterReopeningJoinsItsStoredSpansAndNewTracesStaySeparate() {
        ingestSearchFixture();
        store.close();
        store = TelemetryStore.open(dir);

        ingest(TelemetryBatch.ofSpans(List.of(
                span(traceId(4), spanId(3), spanId(2), "inventory", "reserve", SpanKind.CLIENT, at(4_500), 5,
                        StatusCode.ERROR, Map.of()),
                span(traceId(7), spanId(1), "", "tasks", "GET /page7", SpanKind.SERVER, at(7_000), 50,
                        StatusCode.UNSET, Map.of()))));

        assertThat(store.traces().trace(TraceId.parse(traceId(4))).orElseThrow().spans()).extracting(Span::spanId)
                .containsExactlyInAnyOrder(spanId(1), spanId(2), spanId(3));
        assertThat(store.traces().trace(TraceId.parse(traceId(7))).orElseThrow().spans()).extracting(Span::spanId)
                .containsExactly(spanId(1));
        TraceSummary continued = store.traces().search(TraceSearchCriteria.ANY.withSpanName("reserve"),
                TimeRange.all(), 20).get(0);
        assertThat(continued.traceId()).isEqualTo(traceId(4));
        assertThat(continued.spanCount()).isEqualTo(3);
        assertThat(continued.errorCount()).isEqualTo(1);
        assertThat(continued.services()).containsExactlyInAnyOrder("frontend", "checkout", "inventory");
        assertThat(search(TraceSearchCriteria.ANY)).hasSize(7);
    }

    @Test
    void aRareNameIsFoundByAnyPartOfItAmongOtherNames() {
        ingestSearchFixture();

        assertThat(search(TraceSearchCriteria.ANY.withSpanName("arge ca"))).containsExactly(traceId(3));
        assertThat(search(TraceSearchCriteria.ANY.withSpanName("page"))).as("six names, one per trace")
                .containsExactly(traceId(6), traceId(5), traceId(4), traceId(3), traceId(2), traceId(1));
        assertThat(search(TraceSearchCriteria.ANY.withService("tasks").withSpanName("OR")))
                .as("'work' of a tasks span, not 'GET /page' of the frontend's").containsExactly(traceId(5), traceId(1));
        assertThat(search(TraceSearchCriteria.ANY.withSpanName("page3"), new TimeRange(at(4000), at(7000)), 20))
                .isEmpty();
        assertThat(search(TraceSearchCriteria.ANY.withSpanName("no such operation"))).isEmpty();
    }

    @Test
    void aPartContainedInManyNamesFindsTheirTraces() {
        List<Span> spans = new ArrayList<>();
        for (int i = 1; i <= EmbeddedTraceSource.LISTED_NAMES + 20; i++) {
            spans.add(span(traceId(i), spanId(1), "", "tasks", "op-" + i, SpanKind.SERVER, at(i), 5,
                    StatusCode.UNSET, Map.of()));
        }
        ingest(TelemetryBatch.ofSpans(spans));

        assertThat(search(TraceSearchCriteria.ANY.withSpanName("op-"), TimeRange.all(), 1000))
                .hasSize(EmbeddedTraceSource.LISTED_NAMES + 20);
        assertThat(search(TraceSearchCriteria.ANY.withSpanName("op-42"), TimeRange.all(), 1000))
                .containsExactlyInAnyOrder(traceId(42), traceId(420), traceId(421), traceId(422), traceId(423),
                        traceId(424), traceId(425), traceId(426), traceId(427), traceId(428), traceId(429));
    }

    @Test
    void aStoreWrittenBeforeTheNameListGetsItsNamesListedWhenOpened() throws SQLException {
        ingestSearchFixture();
        store.close();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(StoreSchema.FILE_NAME));
             Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE span_name_list");
            statement.execute("PRAGMA user_version = 2");
        }

        store = TelemetryStore.open(dir);

        assertThat(search(TraceSearchCriteria.ANY.withSpanName("charge"))).containsExactly(traceId(3));
        assertThat(search(TraceSearchCriteria.ANY.withSpanName("page2"))).containsExactly(traceId(2));
        ingest(TelemetryBatch.ofSpans(List.of(span(traceId(7), spanId(1), "", "tasks", "refund card", SpanKind.SERVER,
                at(7_000), 5, StatusCode.UNSET, Map.of()))));
        assertThat(search(TraceSearchCriteria.ANY.withSpanName("card"))).containsExactly(traceId(7), traceId(3));
    }

    @Test
    void aStoreWithExactTimeIndexesGetsThemBySlotWhenOpened() throws SQLException {
        ingestSearchFixture();
        ingest(TelemetryBatch.ofLogs(List.of(TestTelemetry.log(at(1), Severity.INFO, "tasks", "first", "", ""),
                TestTelemetry.log(at(2), Severity.INFO, "tasks", "second", "", ""))));
        store.close();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(StoreSchema.FILE_NAME));
             Statement statement = connection.createStatement()) { // the layout of schema 3
            statement.execute("CREATE TABLE span_names (name TEXT NOT NULL, start_ns INTEGER NOT NULL,"
                    + " trace_ref INTEGER NOT NULL, PRIMARY KEY (name, start_ns, trace_ref)) WITHOUT ROWID");
            statement.execute("INSERT INTO span_names SELECT name, last_start_ns, value FROM span_name_traces,"
                    + " json_each(trace_refs)");
            statement.execute("DROP TABLE span_name_traces");
            statement.execute("DROP TABLE trace_logs");
            statement.execute("CREATE INDEX logs_by_trace ON logs (trace_id, time_ns) WHERE trace_id IS NOT NULL");
            for (String index : List.of("traces_by_start", "spans_server", "logs_by_time", "logs_by_service")) {
                statement.execute("DROP INDEX " + index);
            }
            statement.execute("CREATE INDEX traces_by_start ON traces (start_ns)");
            statement.execute("CREATE INDEX spans_server ON spans (service, start_ns, duration_ns, http_status, status,"
                    + " route) WHERE kind = 2");
            statement.execute("CREATE INDEX logs_by_time ON logs (time_ns)");
            statement.execute("CREATE INDEX logs_by_service ON logs (service, time_ns)");
            statement.execute("PRAGMA user_version = 3");
        }

        store = TelemetryStore.open(dir);

        assertThat(search(TraceSearchCriteria.ANY.withSpanName("charge"))).containsExactly(traceId(3));
        assertThat(search(TraceSearchCriteria.ANY))
                .containsExactly(traceId(6), traceId(5), traceId(4), traceId(3), traceId(2), traceId(1));
        assertThat(store.slis().services(TimeRange.all())).containsExactly("frontend");
        assertThat(store.logs().query(LogFilter.ALL, TimeRange.all(), 10, QueryDirection.NEWEST_FIRST))
                .extracting(LogRecord::body).containsExactly("second", "first");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(StoreSchema.FILE_NAME));
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM sqlite_master WHERE name IN"
                     + " ('traces_by_start', 'spans_server', 'logs_by_time', 'logs_by_service')"
                     + " AND sql LIKE '%>> " + TimeBucket.SHIFT + "%'")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(4);
        }
    }

    @Test
    void aStoreWithARecordIndexByTraceGetsItsTraceLogsWhenOpened() throws SQLException {
        ingest(TelemetryBatch.ofLogs(List.of(TestTelemetry.log(at(1), Severity.INFO, "tasks", "first", traceId(1), spanId(1)),
                TestTelemetry.log(at(2), Severity.INFO, "tasks", "other", traceId(2), spanId(1)),
                TestTelemetry.log(at(3), Severity.INFO, "tasks", "second", traceId(1), spanId(2)))));
        store.close();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(StoreSchema.FILE_NAME));
             Statement statement = connection.createStatement()) { // the layout of schema 4
            statement.execute("DROP TABLE trace_logs");
            statement.execute("CREATE INDEX logs_by_trace ON logs (trace_id, time_ns) WHERE trace_id IS NOT NULL");
            statement.execute("PRAGMA user_version = 4");
        }

        store = TelemetryStore.open(dir);

        assertThat(store.logs().query(LogFilter.forTrace(TraceId.parse(traceId(1))), TimeRange.all(), 10,
                QueryDirection.OLDEST_FIRST)).extracting(LogRecord::body).containsExactly("first", "second");
        ingest(TelemetryBatch.ofLogs(List.of(TestTelemetry.log(at(4), Severity.INFO, "tasks", "third", traceId(1),
                spanId(3)))));
        assertThat(store.logs().query(LogFilter.forTrace(TraceId.parse(traceId(1))), TimeRange.all(), 10,
                QueryDirection.NEWEST_FIRST)).extracting(LogRecord::body).containsExactly("third", "second", "first");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(StoreSchema.FILE_NAME));
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 'logs_by_trace'")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).as("the per-record index is gone").isZero();
        }
    }

    @Test
    void tracesAndLogsOfOneTimeSlotComeNewestFirstWhateverTheirArrival() {
        List<Span> spans = new ArrayList<>();
        List<LogRecord> logs = new ArrayList<>();
        long slotStart = (at(5_000) >> TimeBucket.SHIFT) << TimeBucket.SHIFT;
        long[] offsets = {3_000_000, 1_000, 9_000_000, 5_000_000}; // all within one slot (16.8 ms), out of order
        for (int i = 0; i < offsets.length; i++) {
            spans.add(span(traceId(i + 1), spanId(1), "", "tasks", "op", SpanKind.SERVER, slotStart + offsets[i], 5,
                    StatusCode.UNSET, Map.of()));
            logs.add(TestTelemetry.log(slotStart + offsets[i], Severity.INFO, "tasks", "log " + (i + 1), "", ""));
        }
        ingest(TelemetryBatch.ofSpans(spans));
        ingest(TelemetryBatch.ofLogs(logs));

        assertThat(search(TraceSearchCriteria.ANY))
                .containsExactly(traceId(3), traceId(4), traceId(1), traceId(2));
        assertThat(search(TraceSearchCriteria.ANY, new TimeRange(slotStart + 2_000, slotStart + 9_000_000), 20))
                .containsExactly(traceId(4), traceId(1));
        assertThat(store.logs().query(LogFilter.ALL, TimeRange.all(), 10, QueryDirection.NEWEST_FIRST))
                .extracting(LogRecord::body).containsExactly("log 3", "log 4", "log 1", "log 2");
        assertThat(store.logs().query(LogFilter.ALL, TimeRange.all(), 2, QueryDirection.OLDEST_FIRST))
                .extracting(LogRecord::body).containsExactly("log 2", "log 1");
    }

    @Test
    void aReadOnlyStoreAnswersQueriesAndRefusesWrites() {
        ingestSearchFixture();

        try (TelemetryStore reader = TelemetryStore.openReadOnly(dir)) {
            assertThat(reader.traces().search(TraceSearchCriteria.ANY, TimeRange.all(), 20)).hasSize(6);
            assertThat(reader.accept(TelemetryBatch.ofSpans(List.of())).toCompletableFuture())
                    .isCompletedExceptionally();
        }
    }

    @Test
    void openingReadOnlyWhereNothingWasStoredSaysSo(@TempDir Path empty) {
        assertThatThrownBy(() -> TelemetryStore.openReadOnly(empty.resolve("missing")))
                .isInstanceOf(TelemetryStore.StoreNotFoundException.class)
                .hasMessageContaining("No telemetry stored yet");
    }
}
