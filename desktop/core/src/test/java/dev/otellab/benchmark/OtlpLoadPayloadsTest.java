package dev.otellab.benchmark;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.trace.v1.Span;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class OtlpLoadPayloadsTest {

    @Test
    void everyStampHasNewIdsAndTheTemplatesTimesUnlessCurrentTimesAreAsked() throws Exception {
        OtlpLoadPayloads.Template template = OtlpLoadPayloads.spans(new Random(1), 16);
        List<Span> first = spans(template.stamp(new Random(2)));
        List<Span> second = spans(template.stamp(new Random(3)));

        assertThat(first).hasSize(16);
        assertThat(first.get(0).getTraceId()).isNotEqualTo(second.get(0).getTraceId());
        assertThat(first.get(1).getParentSpanId()).isEqualTo(first.get(0).getSpanId());
        assertThat(second.get(5).getStartTimeUnixNano()).isEqualTo(first.get(5).getStartTimeUnixNano());

        long shift = 5_000_000_000L;
        List<Span> moved = spans(template.stampAt(new Random(4), first.get(0).getStartTimeUnixNano() + shift));
        for (int i = 0; i < first.size(); i++) {
            assertThat(moved.get(i).getStartTimeUnixNano()).isEqualTo(first.get(i).getStartTimeUnixNano() + shift);
            assertThat(moved.get(i).getEndTimeUnixNano()).isEqualTo(first.get(i).getEndTimeUnixNano() + shift);
        }
    }

    @Test
    void logRecordsMoveTheirTimeAndObservedTimeTogether() throws Exception {
        OtlpLoadPayloads.Template template = OtlpLoadPayloads.logs(new Random(1), 8);
        LogRecord original = logs(template.stamp(new Random(2))).get(3);
        LogRecord first = logs(template.stamp(new Random(2))).get(0);
        LogRecord moved = logs(template.stampAt(new Random(2), first.getTimeUnixNano() + 5_000_000_000L)).get(3);

        assertThat(moved.getTimeUnixNano() - original.getTimeUnixNano()).isEqualTo(5_000_000_000L);
        assertThat(moved.getObservedTimeUnixNano()).isEqualTo(moved.getTimeUnixNano());
        assertThat(moved.getBody()).isEqualTo(original.getBody());
    }

    private static List<Span> spans(byte[] body) throws Exception {
        return ExportTraceServiceRequest.parseFrom(body).getResourceSpans(0).getScopeSpans(0).getSpansList();
    }

    private static List<LogRecord> logs(byte[] body) throws Exception {
        return ExportLogsServiceRequest.parseFrom(body).getResourceLogs(0).getScopeLogs(0).getLogRecordsList();
    }
}
