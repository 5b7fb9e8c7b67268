package dev.otellab.telemetry.otlp;

import com.google.protobuf.ByteString;
import dev.otellab.telemetry.model.LogRecord;
import dev.otellab.telemetry.model.MetricPoint;
import dev.otellab.telemetry.model.MetricType;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.SpanKind;
import dev.otellab.telemetry.model.StatusCode;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Status;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

public class OtlpDecoderTest {
    public static final String TRACE_ID = "5b8efff798038103d269b633813fc60c";
    public static final String SPAN_ID = "eee19b7ec3c1b174";
    static final String PARENT_ID = "00f067aa0ba902b7";

    public static ByteString id(String hex) {
        return ByteString.copyFrom(HexFormat.of().parseHex(hex));
    }

    static KeyValue attribute(String key, AnyValue value) {
        return KeyValue.newBuilder().setKey(key).setValue(value).build();
    }

    static AnyValue string(String value) {
        return AnyValue.newBuilder().setStringValue(value).build();
    }

    static Resource resource(String service) {
        return Resource.newBuilder().addAttributes(attribute("service.name", string(service))).build();
    }

    public static io.opentelemetry.proto.trace.v1.Span.Builder protoSpan(String name, ByteString traceId, ByteString spanId) {
        return io.opentelemetry.proto.trace.v1.Span.newBuilder().setName(name).setTraceId(traceId).setSpanId(spanId)
                .setStartTimeUnixNano(1_000).setEndTimeUnixNano(3_000);
    }

    public static ExportTraceServiceRequest traces(io.opentelemetry.proto.trace.v1.Span... spans) {
        return ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder().setResource(resource("checkout"))
                        .addScopeSpans(ScopeSpans.newBuilder()
                                .setScope(InstrumentationScope.newBuilder().setName("shop").setVersion("2.0"))
                                .addAllSpans(List.of(spans))))
                .build();
    }

    @Test
    void decodesEverySpanField() {
        AnyValue kvlist = AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
                .addValues(attribute("inner", AnyValue.newBuilder().setIntValue(7).build()))).build();
        AnyValue array = AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
                .addValues(string("a")).addValues(string("b"))).build();
        io.opentelemetry.proto.trace.v1.Span proto = protoSpan("GET /cart", id(TRACE_ID), id(SPAN_ID))
                .setParentSpanId(id(PARENT_ID))
                .setKind(io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_SERVER)
                .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("boom"))
                .addAttributes(attribute("s", string("text")))
                .addAttributes(attribute("b", AnyValue.newBuilder().setBoolValue(true).build()))
                .addAttributes(attribute("i", AnyValue.newBuilder().setIntValue(42).build()))
                .addAttributes(attribute("d", AnyValue.newBuilder().setDoubleValue(1.5).build()))
                .addAttributes(attribute("arr", array))
                .addAttributes(attribute("kv", kvlist))
                .addAttributes(attribute("bytes", AnyValue.newBuilder().setBytesValue(ByteString.copyFromUtf8("hi")).build()))
                .addAttributes(attribute("none", AnyValue.getDefaultInstance()))
                .addEvents(io.opentelemetry.proto.trace.v1.Span.Event.newBuilder().setName("exception").setTimeUnixNano(2_000)
                        .addAttributes(attribute("exception.message", string("card declined"))))
                .addLinks(io.opentelemetry.proto.trace.v1.Span.Link.newBuilder().setTraceId(id(TRACE_ID)).setSpanId(id(PARENT_ID)))
                .addLinks(io.opentelemetry.proto.trace.v1.Span.Link.newBuilder().setTraceId(id("0102")).setSpanId(id(PARENT_ID)))
                .build();

        DecodedRequest decoded = OtlpDecoder.traces(traces(proto));

        assertThat(decoded.rejected()).isZero();
        Span span = decoded.batch().spans().get(0);
        assertThat(span.traceId()).isEqualTo(TRACE_ID);
        assertThat(span.spanId()).isEqualTo(SPAN_ID);
        assertThat(span.parentSpanId()).isEqualTo(PARENT_ID);
        assertThat(span.kind()).isEqualTo(SpanKind.SERVER);
        assertThat(span.status()).isEqualTo(StatusCode.ERROR);
        assertThat(span.statusMessage()).isEqualTo("boom");
        assertThat(span.serviceName()).isEqualTo("checkout");
        assertThat(span.scope().name()).isEqualTo("shop");
        assertThat(span.scope().version()).isEqualTo("2.0");
        assertThat(span.startUnixNano()).isEqualTo(1_000);
        assertThat(span.endUnixNano()).isEqualTo(3_000);
        assertThat(span.attributes()).containsEntry("s", "text").containsEntry("b", true).containsEntry("i", 42L)
                .containsEntry("d", 1.5).containsEntry("arr", List.of("a", "b"))
                .containsEntry("kv", Map.of("inner", 7L)).doesNotContainKey("none");
        assertThat((byte[]) span.attributes().get("bytes")).containsExactly('h', 'i');
        assertThat(span.events()).singleElement().satisfies(event -> {
            assertThat(event.isException()).isTrue();
            assertThat(event.timeUnixNano()).isEqualTo(2_000);
            assertThat(event.attributes()).containsEntry("exception.message", "card declined");
        });
        assertThat(span.links()).as("the link with a 2-byte trace id is dropped, the span kept")
                .singleElement().satisfies(link -> {
                    assertThat(link.traceId()).isEqualTo(TRACE_ID);
                    assertThat(link.spanId()).isEqualTo(PARENT_ID);
                });
    }

    @Test
    void rejectsSpansWithInvalidIdsAndKeepsTheOthers() {
        DecodedRequest decoded = OtlpDecoder.traces(traces(
                protoSpan("good", id(TRACE_ID), id(SPAN_ID)).build(),
                protoSpan("short trace id", id("0102030405"), id(SPAN_ID)).build(),
                protoSpan("zero trace id", ByteString.copyFrom(new byte[16]), id(SPAN_ID)).build(),
                protoSpan("long span id", id(TRACE_ID), id(TRACE_ID)).build(),
                protoSpan("bad parent", id(TRACE_ID), id(SPAN_ID)).setParentSpanId(id("01")).build()));

        assertThat(decoded.batch().spans()).extracting(Span::name).containsExactly("good");
        assertThat(decoded.rejected()).isEqualTo(4);
        assertThat(decoded.errorMessage()).startsWith("4 spans rejected").contains("short trace id");
    }

    @Test
    void decodesLogRecords() {
        AnyValue mapBody = AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
                .addValues(attribute("msg", string("say \"hi\"")))
                .addValues(attribute("n", AnyValue.newBuilder().setIntValue(3).build()))
                .addValues(attribute("list", AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
                        .addValues(AnyValue.newBuilder().setBoolValue(false))
                        .addValues(AnyValue.newBuilder().setDoubleValue(0.5))).build()))).build();
        ExportLogsServiceRequest request = ExportLogsServiceRequest.newBuilder()
                .addResourceLogs(ResourceLogs.newBuilder().setResource(resource("worker"))
                        .addScopeLogs(ScopeLogs.newBuilder()
                                .addLogRecords(io.opentelemetry.proto.logs.v1.LogRecord.newBuilder()
                                        .setObservedTimeUnixNano(5_000)
                                        .setSeverityNumber(io.opentelemetry.proto.logs.v1.SeverityNumber.SEVERITY_NUMBER_WARN)
                                        .setBody(mapBody)
                                        .setTraceId(id(TRACE_ID)).setSpanId(id(SPAN_ID)))
                                .addLogRecords(io.opentelemetry.proto.logs.v1.LogRecord.newBuilder()
                                        .setTimeUnixNano(6_000).setSeverityText("info").setBody(string("plain")))
                                .addLogRecords(io.opentelemetry.proto.logs.v1.LogRecord.newBuilder()
                                        .setBody(string("bad")).setTraceId(id("0102")))))
                .build();

        DecodedRequest decoded = OtlpDecoder.logs(request);

        assertThat(decoded.rejected()).isEqualTo(1);
        List<LogRecord> logs = decoded.batch().logs();
        assertThat(logs).hasSize(2);
        LogRecord first = logs.get(0);
        assertThat(first.timeUnixNano()).as("falls back to the observed time").isEqualTo(5_000);
        assertThat(first.severityNumber()).isEqualTo(13);
        assertThat(first.severityText()).isEqualTo("WARN");
        assertThat(first.body()).isEqualTo("{\"msg\":\"say \\\"hi\\\"\",\"n\":3,\"list\":[false,0.5]}");
        assertThat(first.traceId()).isEqualTo(TRACE_ID);
        assertThat(first.spanId()).isEqualTo(SPAN_ID);
        assertThat(first.serviceName()).isEqualTo("worker");
        LogRecord second = logs.get(1);
        assertThat(second.body()).isEqualTo("plain");
        assertThat(second.traceId()).isEmpty();
        assertThat(second.spanId()).isEmpty();
        assertThat(second.severityText()).isEqualTo("info");
    }

    @Test
    void decodesEveryMetricKind() {
        Metric gauge = Metric.newBuilder().setName("queue.depth").setUnit("1").setGauge(Gauge.newBuilder()
                .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(10).setAsInt(4))).build();
        Metric sum = Metric.newBuilder().setName("requests").setDescription("served").setSum(Sum.newBuilder()
                .setIsMonotonic(true)
                .addDataPoints(NumberDataPoint.newBuilder().setStartTimeUnixNano(1).setTimeUnixNano(10).setAsDouble(2.5)
                        .addAttributes(attribute("route", string("/a"))))
                .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(10))).build();
        Metric histogram = Metric.newBuilder().setName("latency").setUnit("ms").setHistogram(Histogram.newBuilder()
                .addDataPoints(HistogramDataPoint.newBuilder().setCount(3).setSum(30).addAllExplicitBounds(List.of(5.0, 50.0))
                        .addAllBucketCounts(List.of(1L, 1L, 1L)))
                .addDataPoints(HistogramDataPoint.newBuilder().setCount(3).addAllExplicitBounds(List.of(5.0))
                        .addAllBucketCounts(List.of(1L, 1L, 1L)))).build();
        Metric exponential = Metric.newBuilder().setName("size").setExponentialHistogram(ExponentialHistogram.newBuilder()
                .addDataPoints(ExponentialHistogramDataPoint.newBuilder().setCount(9).setSum(90))).build();
        Metric summary = Metric.newBuilder().setName("gc").setSummary(Summary.newBuilder()
                .addDataPoints(SummaryDataPoint.newBuilder().setCount(2).setSum(0.25))).build();
        ExportMetricsServiceRequest request = ExportMetricsServiceRequest.newBuilder()
                .addResourceMetrics(ResourceMetrics.newBuilder().setResource(resource("api"))
                        .addScopeMetrics(ScopeMetrics.newBuilder()
                                .addAllMetrics(List.of(gauge, sum, histogram, exponential, summary))))
                .build();

        DecodedRequest decoded = OtlpDecoder.metrics(request);

        assertThat(decoded.rejected()).as("a number point without value, a histogram with 3 buckets for 1 bound")
                .isEqualTo(2);
        List<MetricPoint> points = decoded.batch().metrics();
        assertThat(points).extracting(MetricPoint::name, MetricPoint::type)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("queue.depth", MetricType.GAUGE),
                        org.assertj.core.groups.Tuple.tuple("requests", MetricType.SUM),
                        org.assertj.core.groups.Tuple.tuple("latency", MetricType.HISTOGRAM),
                        org.assertj.core.groups.Tuple.tuple("size", MetricType.EXPONENTIAL_HISTOGRAM),
                        org.assertj.core.groups.Tuple.tuple("gc", MetricType.SUMMARY));
        assertThat(points.get(0).value()).isEqualTo(4.0);
        assertThat(points.get(0).monotonic()).isFalse();
        assertThat(points.get(1).value()).isEqualTo(2.5);
        assertThat(points.get(1).monotonic()).isTrue();
        assertThat(points.get(1).attributes()).containsEntry("route", "/a");
        assertThat(points.get(1).serviceName()).isEqualTo("api");
        assertThat(points.get(2).count()).isEqualTo(3);
        assertThat(points.get(2).sum()).isEqualTo(30.0);
        assertThat(points.get(2).explicitBounds()).containsExactly(5.0, 50.0);
        assertThat(points.get(2).bucketCounts()).containsExactly(1L, 1L, 1L);
        assertThat(points.get(3).count()).isEqualTo(9);
        assertThat(points.get(3).sum()).isEqualTo(90.0);
        assertThat(points.get(4).count()).isEqualTo(2);
        assertThat(points.get(4).sum()).isEqualTo(0.25);
    }
}
