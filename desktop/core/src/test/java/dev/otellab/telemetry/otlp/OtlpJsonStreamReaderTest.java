package dev.otellab.telemetry.otlp;

import dev.otellab.telemetry.files.TraceFileRoundTripTestData;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The streaming reader gives the same messages as protobuf's JsonFormat path, and says where input is wrong. */
class OtlpJsonStreamReaderTest {

    @Test
    void readsTheRecordedRequestsAsJsonFormatDoes() throws Exception {
        byte[] traces = OtlpJsonParserTest.fixture("otlp-trace-request.json");
        assertThat(OtlpJsonStreamReader.traces(traces, 0, traces.length)).isEqualTo(OtlpJsonParser.traces(traces));
        byte[] logs = OtlpJsonParserTest.fixture("otlp-logs-request.json");
        assertThat(OtlpJsonStreamReader.logs(logs, 0, logs.length)).isEqualTo(OtlpJsonParser.logs(logs));
    }

    @Test
    void readsEveryValueKindEventsLinksAndEnumsByName() throws Exception {
        ExportTraceServiceRequest request = OtlpEncoder.traces(TraceFileRoundTripTestData.richTrace());
        byte[] line = OtlpJsonPrinter.line(request).getBytes(StandardCharsets.UTF_8);
        assertThat(OtlpJsonStreamReader.traces(line, 0, line.length)).isEqualTo(request);
        byte[] named = new String(line, StandardCharsets.UTF_8).replace("\"kind\":2", "\"kind\":\"SPAN_KIND_SERVER\"")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(OtlpJsonStreamReader.traces(named, 0, named.length)).isEqualTo(request);
    }

    @Test
    void wrongInputIsReportedWithItsPlace() {
        byte[] wrongType = "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"name\":{}}]}]}]}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> OtlpJsonStreamReader.traces(wrongType, 0, wrongType.length))
                .isInstanceOf(OtlpJsonStreamReader.OtlpJsonException.class)
                .hasMessage("\"name\": expected a string, found an object")
                .satisfies(e -> assertThat(((OtlpJsonStreamReader.OtlpJsonException) e).column()).isEqualTo(52));
        byte[] badId = "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"xyz!\"}]}]}]}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> OtlpJsonStreamReader.traces(badId, 0, badId.length))
                .hasMessageContaining("is neither a hex nor a base64 id");
        byte[] trailing = "{\"resourceSpans\":[]} {}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> OtlpJsonStreamReader.traces(trailing, 0, trailing.length))
                .hasMessageContaining("unexpected content after the request");
    }
}
