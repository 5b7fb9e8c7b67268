package dev.otellab.telemetry.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.otellab.telemetry.model.LogRecord;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.SpanKind;
import dev.otellab.telemetry.model.StatusCode;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public class OtlpJsonParserTest {
    public static final String PROBE_TRACE_ID = "5b8efff798038103d269b633813fc60c";

    public static byte[] fixture(String name) {
        try (InputStream in = OtlpJsonParserTest.class.getResourceAsStream("/otlp/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readsTheRecordedTraceRequest() throws Exception {
        DecodedRequest decoded = OtlpDecoder.traces(OtlpJsonParser.traces(fixture("otlp-trace-request.json")));

        List<Span> spans = decoded.batch().spans();
        assertThat(spans).hasSize(2);
        Span root = spans.get(0);
        assertThat(root.traceId()).isEqualTo(PROBE_TRACE_ID);
        assertThat(root.spanId()).isEqualTo("eee19b7ec3c1b174");
        assertThat(root.isRoot()).isTrue();
        assertThat(root.name()).isEqualTo("GET /probe");
        assertThat(root.kind()).isEqualTo(SpanKind.SERVER);
        assertThat(root.status()).isEqualTo(StatusCode.OK);
        assertThat(root.serviceName()).isEqualTo("probe-svc");
        assertThat(root.scope().name()).isEqualTo("probe-scope");
        assertThat(root.startUnixNano()).isEqualTo(1795593102427616856L);
        assertThat(root.attributes()).containsEntry("http.method", "GET").containsEntry("http.status_code", 200L);
        Span child = spans.get(1);
        assertThat(child.parentSpanId()).isEqualTo("eee19b7ec3c1b174");
        assertThat(child.kind()).isEqualTo(SpanKind.CLIENT);
        assertThat(child.status()).isEqualTo(StatusCode.UNSET);
    }

    @Test
    void readsTheRecordedLogsRequest() throws Exception {
        DecodedRequest decoded = OtlpDecoder.logs(OtlpJsonParser.logs(fixture("otlp-logs-request.json")));

        LogRecord log = decoded.batch().logs().get(0);
        assertThat(log.traceId()).isEqualTo(PROBE_TRACE_ID);
        assertThat(log.spanId()).isEqualTo("eee19b7ec3c1b174");
        assertThat(log.severityNumber()).isEqualTo(9);
        assertThat(log.severityText()).isEqualTo("INFO");
        assertThat(log.body()).isEqualTo("probe log line for trace " + PROBE_TRACE_ID);
        assertThat(log.serviceName()).isEqualTo("probe-svc");
    }

    @Test
    void acceptsEnumNamesSnakeCaseNumbersAndUnknownFields() throws Exception {
        String json = """
                {"resource_spans":[{"scope_spans":[{"spans":[{
                  "trace_id":"5B8EFFF798038103D269B633813FC60C","span_id":"eee19b7ec3c1b174",
                  "name":"x","kind":"SPAN_KIND_PRODUCER","start_time_unix_nano":1795593102427616856,
                  "status":{"code":"STATUS_CODE_ERROR"},"somethingNew":{"a":1}}]}]}]}
                """;

        Span span = OtlpDecoder.traces(OtlpJsonParser.traces(json.getBytes(StandardCharsets.UTF_8)))
                .batch().spans().get(0);

        assertThat(span.traceId()).isEqualTo(PROBE_TRACE_ID);
        assertThat(span.kind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(span.status()).isEqualTo(StatusCode.ERROR);
        assertThat(span.startUnixNano()).isEqualTo(1795593102427616856L);
        assertThat(span.serviceName()).isEqualTo("unknown_service");
    }

    @Test
    void refusesWhatIsNotOtlpJson() {
        for (String bad : List.of("{\"resourceSpans\":[", "[]", "{} trailing", "{\"resourceSpans\":\"nope\"}", "")) {
            assertThatThrownBy(() -> OtlpJsonParser.traces(bad.getBytes(StandardCharsets.UTF_8)))
                    .as(bad).isInstanceOf(InvalidProtocolBufferException.class);
        }
        byte[] invalidUtf8 = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertThatThrownBy(() -> OtlpJsonParser.traces(invalidUtf8)).isInstanceOf(InvalidProtocolBufferException.class);
    }

    @Test
    void printsResponsesAsOtlpJson() {
        ExportTraceServiceResponse response = ExportTraceServiceResponse.newBuilder()
                .setPartialSuccess(ExportTracePartialSuccess.newBuilder().setRejectedSpans(2).setErrorMessage("bad ids"))
                .build();

        assertThat(OtlpJsonParser.print(response))
                .isEqualTo("{\"partialSuccess\":{\"rejectedSpans\":\"2\",\"errorMessage\":\"bad ids\"}}");
        assertThat(OtlpJsonParser.print(ExportTraceServiceResponse.getDefaultInstance())).isEqualTo("{}");
    }
}
