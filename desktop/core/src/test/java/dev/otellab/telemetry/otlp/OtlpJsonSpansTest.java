package dev.otellab.telemetry.otlp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.otellab.config.Json;
import dev.otellab.telemetry.model.InstrumentationScope;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.SpanKind;
import dev.otellab.telemetry.model.StatusCode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Spans out of Tempo's recorded answers (base64 ids, enum names) equal the receiver's reading of what was sent. */
class OtlpJsonSpansTest {
    private static final String FAILING_TRACE = "1ff8005c23c9c3ff693332aabece5fe8";

    @Test
    void tempoAnswersGiveTheSpansTheReceiverDecodedFromTheSentRequest() throws Exception {
        List<Span> sent = sorted(OtlpDecoder.traces(OtlpJsonParser.traces(OtlpJsonParserTest.fixture("otlp-trace-request.json")))
                .batch().spans());

        List<Span> byIdV1 = sorted(OtlpJsonSpans.read(tempo("tempo-trace-by-id.json").path("batches")));
        List<Span> byIdV2 = sorted(OtlpJsonSpans.read(tempo("tempo-trace-by-id-v2.json").path("trace").path("resourceSpans")));

        assertThat(sent).hasSize(2);
        assertThat(byIdV1).isEqualTo(sent);
        assertThat(byIdV2).isEqualTo(sent);
    }

    @Test
    void readsTheFailingRichTrace() {
        List<Span> spans = OtlpJsonSpans.read(tempo("rich-trace-by-id-error.json").path("batches"));

        assertThat(spans).hasSize(4).allSatisfy(span -> {
            assertThat(span.traceId()).isEqualTo(FAILING_TRACE);
            assertThat(span.serviceName()).isEqualTo("checkout-svc");
            assertThat(span.scope()).isEqualTo(new InstrumentationScope("hidden-check", "1.0.0"));
        });
        Span charge = spans.stream().filter(span -> span.name().equals("charge card")).findFirst().orElseThrow();
        assertThat(charge.kind()).isEqualTo(SpanKind.CLIENT);
        assertThat(charge.status()).isEqualTo(StatusCode.ERROR);
        assertThat(charge.statusMessage()).isEqualTo("card declined");
        assertThat(charge.parentSpanId()).isEqualTo("f265ceb1c3b6a39e");
        assertThat(charge.durationNanos()).isEqualTo(1_795_595_179_193_532_891L - 1_795_595_179_183_000_000L);
        assertThat(charge.events()).singleElement().satisfies(event -> {
            assertThat(event.isException()).isTrue();
            assertThat(event.timeUnixNano()).isEqualTo(1_795_595_179_183_320_226L);
            assertThat(event.attributes()).containsEntry("exception.message", "card declined");
        });
        Span root = spans.stream().filter(span -> span.parentSpanId().isEmpty()).findFirst().orElseThrow();
        assertThat(root.spanId()).isEqualTo("f265ceb1c3b6a39e");
        assertThat(root.attributes()).containsEntry("http.response.status_code", 502L).containsEntry("http.route", "/checkout/{cart}");
        assertThat(OtlpJsonSpans.read(tempo("rich-trace-by-id-v2-error.json").path("trace").path("resourceSpans")))
                .containsExactlyInAnyOrderElementsOf(spans);
    }

    @Test
    void leavesOutSpansWithInvalidIdsAsTheReceiverDoes() {
        JsonNode answer = json("""
                [{"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "svc"}}]},
                  "scopeSpans": [{"spans": [
                    {"traceId": "5b8efff798038103d269b633813fc60c", "spanId": "eee19b7ec3c1b174", "name": "kept",
                     "kind": 2, "parentSpanId": "0000000000000000", "status": {"code": 2},
                     "attributes": [{"key": "n", "value": {"intValue": 7}}, {"key": "list", "value": {"arrayValue":
                       {"values": [{"boolValue": true}, {"doubleValue": "NaN"}, {}]}}}],
                     "links": [{"traceId": "00000000000000000000000000000000", "spanId": "eee19b7ec3c1b174"}]},
                    {"traceId": "00000000000000000000000000000000", "spanId": "eee19b7ec3c1b175", "name": "zero trace id"},
                    {"traceId": "5b8efff798038103d269b633813fc60c", "spanId": "eee1", "name": "short span id"},
                    {"traceId": "5b8efff798038103d269b633813fc60c", "spanId": "eee19b7ec3c1b176", "parentSpanId": "ab",
                     "name": "bad parent"}]}]}]""");

        List<Span> spans = OtlpJsonSpans.read(answer);

        assertThat(spans).singleElement().satisfies(span -> {
            assertThat(span.name()).isEqualTo("kept");
            assertThat(span.isRoot()).isTrue();
            assertThat(span.kind()).isEqualTo(SpanKind.SERVER);
            assertThat(span.status()).isEqualTo(StatusCode.ERROR);
            assertThat(span.attributes()).containsEntry("n", 7L);
            assertThat(span.attributes().get("list")).isEqualTo(List.of(true, Double.NaN));
            assertThat(span.links()).isEmpty();
        });
    }

    @Test
    void noResourceSpansIsNoSpansAndAnUnreadableTimeIsRefused() {
        assertThat(OtlpJsonSpans.read(json("{}").path("batches"))).isEmpty();
        assertThatThrownBy(() -> OtlpJsonSpans.read(json("""
                [{"scopeSpans": [{"spans": [{"traceId": "5b8efff798038103d269b633813fc60c",
                  "spanId": "eee19b7ec3c1b174", "startTimeUnixNano": "soon"}]}]}]""")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("startTimeUnixNano");
    }

    private static List<Span> sorted(List<Span> spans) {
        return spans.stream().sorted(Comparator.comparing(Span::spanId)).toList();
    }

    private static JsonNode tempo(String name) {
        try (InputStream in = OtlpJsonSpansTest.class.getResourceAsStream("/fixtures/tempo-2.7.2/" + name)) {
            return Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
