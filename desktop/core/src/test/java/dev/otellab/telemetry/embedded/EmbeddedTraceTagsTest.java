package dev.otellab.telemetry.embedded;

import dev.otellab.telemetry.ingest.TelemetryBatch;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.SpanKind;
import dev.otellab.telemetry.model.StatusCode;
import dev.otellab.telemetry.query.TimeRange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.otellab.telemetry.embedded.TestTelemetry.at;
import static dev.otellab.telemetry.embedded.TestTelemetry.newSpanId;
import static dev.otellab.telemetry.embedded.TestTelemetry.span;
import static dev.otellab.telemetry.embedded.TestTelemetry.traceId;
import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedTraceTagsTest {
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

    private void ingest(List<Span> spans) {
        store.accept(TelemetryBatch.ofSpans(spans)).toCompletableFuture().join();
    }

    private static Span spanAt(long trace, String service, long millis, Map<String, Object> attributes) {
        return span(traceId(trace), newSpanId(), "", service, "GET /tasks", SpanKind.SERVER, at(millis), 5,
                StatusCode.UNSET, attributes);
    }

    @Test
    void listsSpanAndResourceAttributeNamesSorted() {
        ingest(List.of(spanAt(1, "lab-backend", 0, Map.of("http.route", "/tasks", "http.response.status_code", 500L)),
                spanAt(2, "lab-web", 10, Map.of("db.statement", "SELECT * FROM tasks"))));

        assertThat(store.traceTags().tagNames(TimeRange.all())).containsExactly("db.statement", "host.name",
                "http.response.status_code", "http.route", "service.name");
    }

    @Test
    void listsTheValuesOfOneNameAsTextFromSpansAndResources() {
        ingest(List.of(spanAt(1, "lab-backend", 0, Map.of("http.response.status_code", 500L)),
                spanAt(2, "lab-web", 10, Map.of("http.response.status_code", 201L)),
                spanAt(3, "lab-web", 20, Map.of("http.route", "/tasks"))));

        assertThat(store.traceTags().tagValues("http.response.status_code", TimeRange.all())).containsExactly("201", "500");
        assertThat(store.traceTags().tagValues("service.name", TimeRange.all())).containsExactly("lab-backend", "lab-web");
        assertThat(store.traceTags().tagValues("no.such.name", TimeRange.all())).isEmpty();
    }

    @Test
    void readsOnlyTheSpansInTheRange() {
        ingest(List.of(spanAt(1, "lab-backend", 0, Map.of("old.key", "before")),
                spanAt(2, "lab-backend", 60_000, Map.of("new.key", "inside"))));
        TimeRange lastPart = new TimeRange(at(30_000), at(120_000));

        assertThat(store.traceTags().tagNames(lastPart)).contains("new.key").doesNotContain("old.key");
        assertThat(store.traceTags().tagValues("old.key", lastPart)).isEmpty();
        assertThat(store.traceTags().tagValues("old.key", TimeRange.all())).containsExactly("before");
    }

    @Test
    void readsNoMoreThanTheNewestSpans() {
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            spans.add(spanAt(100 + i, "lab-backend", i, Map.of("oldest.only", "v" + i)));
        }
        for (int i = 0; i < EmbeddedTraceTags.SCANNED_SPANS; i++) {
            spans.add(spanAt(1_000 + i, "lab-backend", 1_000 + i, Map.of("http.route", "/tasks")));
        }
        ingest(spans);

        assertThat(store.traceTags().tagNames(TimeRange.all())).contains("http.route").doesNotContain("oldest.only");
        assertThat(store.traceTags().tagNames(new TimeRange(at(0), at(500)))).contains("oldest.only");
    }
}
