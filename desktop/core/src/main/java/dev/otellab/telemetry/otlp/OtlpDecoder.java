package dev.otellab.telemetry.otlp;

import com.google.protobuf.ByteString;
import dev.otellab.telemetry.ingest.TelemetryBatch;
import dev.otellab.telemetry.model.InstrumentationScope;
import dev.otellab.telemetry.model.LogRecord;
import dev.otellab.telemetry.model.MetricPoint;
import dev.otellab.telemetry.model.MetricType;
import dev.otellab.telemetry.model.Resource;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.SpanEvent;
import dev.otellab.telemetry.model.SpanKind;
import dev.otellab.telemetry.model.SpanLink;
import dev.otellab.telemetry.model.StatusCode;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Status;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns OTLP protobuf export requests into the domain model. This is the receiver's hot path:
 * no intermediate formats, no streams, indexed loops, pre-sized collections, one Resource and
 * one InstrumentationScope object shared by all items under them.
 *
 * <p>Items that cannot be stored are rejected one by one (counted, with the first reason) and
 * the rest is kept, as OTLP's partial success expects:
 * <ul>
 *   <li>a span whose trace id is not 16 bytes or is all zero, whose span id is not 8 bytes or
 *       is all zero, or whose parent span id is neither empty nor 8 bytes;</li>
 *   <li>a log record whose trace id is neither empty nor 16 bytes, or whose span id is neither
 *       empty nor 8 bytes (all-zero ids mean "no trace" and become empty);</li>
 *   <li>a data point of a metric without a name, a number point without a value, a histogram
 *       point whose bucket counts do not match its bounds.</li>
 * </ul>
 * A link whose ids are invalid is dropped from its span (the span is kept). Attribute values
 * become String, Long, Double, Boolean, byte[], an unmodifiable List (array) or an unmodifiable
 * Map (kvlist); an attribute without a value is left out. Gauges and sums carry their value
 * (ints widened to double) with count and sum 0; histogram-like points carry count and sum with
 * value 0, and a histogram without a sum gets a NaN sum. A log body that is not a string is
 * rendered as JSON text. Not kept (the model has no place for them): trace state, flags,
 * dropped-item counts, exemplars, exponential bucket layouts and summary quantiles.
 */
public final class OtlpDecoder {
    private static final int TRACE_ID_BYTES = 16;
    private static final int SPAN_ID_BYTES = 8;
    private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();
    private static final SpanKind[] KINDS = {
            SpanKind.UNSPECIFIED, SpanKind.INTERNAL, SpanKind.SERVER, SpanKind.CLIENT, SpanKind.PRODUCER, SpanKind.CONSUMER
    };

    private OtlpDecoder() {
    }

    public static DecodedRequest traces(ExportTraceServiceRequest request) {
        List<ResourceSpans> resourceSpansList = request.getResourceSpansList();
        int total = 0;
        for (int r = 0; r < resourceSpansList.size(); r++) {
            ResourceSpans resourceSpans = resourceSpansList.get(r);
            for (int s = 0; s < resourceSpans.getScopeSpansCount(); s++) {
                total += resourceSpans.getScopeSpans(s).getSpansCount();
            }
        }
        List<Span> spans = new ArrayList<>(total);
        Rejections rejections = new Rejections("spans");
        for (int r = 0; r < resourceSpansList.size(); r++) {
            ResourceSpans resourceSpans = resourceSpansList.get(r);
            Resource resource = new Resource(attributes(resourceSpans.getResource().getAttributesList()));
            String serviceName = resource.serviceName();
            for (int s = 0; s < resourceSpans.getScopeSpansCount(); s++) {
                ScopeSpans scopeSpans = resourceSpans.getScopeSpans(s);
                InstrumentationScope scope = scope(scopeSpans.getScope());
                for (int i = 0; i < scopeSpans.getSpansCount(); i++) {
                    Span span = span(scopeSpans.getSpans(i), serviceName, resource, scope, rejections);
                    if (span != null) {
                        spans.add(span);
                    }
                }
            }
        }
        return new DecodedRequest(TelemetryBatch.ofSpans(spans), rejections.count, rejections.message());
    }

    public static DecodedRequest logs(ExportLogsServiceRequest request) {
        List<ResourceLogs> resourceLogsList = request.getResourceLogsList();
        int total = 0;
        for (int r = 0; r < resourceLogsList.size(); r++) {
            ResourceLogs resourceLogs = resourceLogsList.get(r);
            for (int s = 0; s < resourceLogs.getScopeLogsCount(); s++) {
                total += resourceLogs.getScopeLogs(s).getLogRecordsCount();
            }
        }
        List<LogRecord> logs = new ArrayList<>(total);
        Rejections rejections = new Rejections("log records");
        for (int r = 0; r < resourceLogsList.size(); r++) {
            ResourceLogs resourceLogs = resourceLogsList.get(r);
            Resource resource = new Resource(attributes(resourceLogs.getResource().getAttributesList()));
            String serviceName = resource.serviceName();
            for (int s = 0; s < resourceLogs.getScopeLogsCount(); s++) {
                ScopeLogs scopeLogs = resourceLogs.getScopeLogs(s);
                InstrumentationScope scope = scope(scopeLogs.getScope());
                for (int i = 0; i < scopeLogs.getLogRecordsCount(); i++) {
                    LogRecord log = log(scopeLogs.getLogRecords(i), serviceName, resource, scope, rejections);
                    if (log != null) {
                        logs.add(log);
                    }
                }
            }
        }
        return new DecodedRequest(TelemetryBatch.ofLogs(logs), rejections.count, rejections.message());
    }

    public static DecodedRequest metrics(ExportMetricsServiceRequest request) {
        List<MetricPoint> points = new ArrayList<>();
        Rejections rejections = new Rejections("data points");
        List<ResourceMetrics> resourceMetricsList = request.getResourceMetricsList();
        for (int r = 0; r < resourceMetricsList.size(); r++) {
            ResourceMetrics resourceMetrics = resourceMetricsList.get(r);
            Resource resource = new Resource(attributes(resourceMetrics.getResource().getAttributesList()));
            String serviceName = resource.serviceName();
            for (int s = 0; s < resourceMetrics.getScopeMetricsCount(); s++) {
                ScopeMetrics scopeMetrics = resourceMetrics.getScopeMetrics(s);
                for (int m = 0; m < scopeMetrics.getMetricsCount(); m++) {
                    metric(scopeMetrics.getMetrics(m), serviceName, resource, points, rejections);
                }
            }
        }
        return new DecodedRequest(TelemetryBatch.ofMetrics(points), rejections.count, rejections.message());
    }

    private static Span span(io.opentelemetry.proto.trace.v1.Span span, String serviceName, Resource resource,
                             InstrumentationScope scope, Rejections rejections) {
        ByteString traceId = span.getTraceId();
        if (!isValidId(traceId, TRACE_ID_BYTES)) {
            rejections.add("span '" + span.getName() + "' has an invalid trace id (" + describe(traceId)
                    + "; a trace id is 16 bytes, not all zero)");
            return null;
        }
        ByteString spanId = span.getSpanId();
        if (!isValidId(spanId, SPAN_ID_BYTES)) {
            rejections.add("span '" + span.getName() + "' has an invalid span id (" + describe(spanId)
                    + "; a span id is 8 bytes, not all zero)");
            return null;
        }
        ByteString parentSpanId = span.getParentSpanId();
        if (!parentSpanId.isEmpty() && parentSpanId.size() != SPAN_ID_BYTES) {
            rejections.add("span '" + span.getName() + "' has an invalid parent span id (" + describe(parentSpanId)
                    + "; a parent span id is empty or 8 bytes)");
            return null;
        }
        Status status = span.getStatus();
        return new Span(
                hex(traceId),
                hex(spanId),
                isAllZero(parentSpanId) ? "" : hex(parentSpanId),
                span.getName(),
                kind(span.getKindValue()),
                serviceName,
                span.getStartTimeUnixNano(),
                span.getEndTimeUnixNano(),
                status(status.getCodeValue()),
                status.getMessage(),
                attributes(span.getAttributesList()),
                events(span),
                links(span),
                resource,
                scope);
    }

    private static List<SpanEvent> events(io.opentelemetry.proto.trace.v1.Span span) {
        int count = span.getEventsCount();
        if (count == 0) {
            return List.of();
        }
        List<SpanEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            io.opentelemetry.proto.trace.v1.Span.Event event = span.getEvents(i);
            events.add(new SpanEvent(event.getTimeUnixNano(), event.getName(), attributes(event.getAttributesList())));
        }
        return events;
    }

    private static List<SpanLink> links(io.opentelemetry.proto.trace.v1.Span span) {
        int count = span.getLinksCount();
        if (count == 0) {
            return List.of();
        }
        List<SpanLink> links = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            io.opentelemetry.proto.trace.v1.Span.Link link = span.getLinks(i);
            if (isValidId(link.getTraceId(), TRACE_ID_BYTES) && isValidId(link.getSpanId(), SPAN_ID_BYTES)) {
                links.add(new SpanLink(hex(link.getTraceId()), hex(link.getSpanId()), attributes(link.getAttributesList())));
            }
        }
        return links;
    }

    private static LogRecord log(io.opentelemetry.proto.logs.v1.LogRecord log, String serviceName, Resource resource,
                                 InstrumentationScope scope, Rejections rejections) {
        ByteString traceId = log.getTraceId();
        if (!traceId.isEmpty() && traceId.size() != TRACE_ID_BYTES) {
            rejections.add("a log record has an invalid trace id (" + describe(traceId)
                    + "; a trace id is empty or 16 bytes)");
            return null;
        }
        ByteString spanId = log.getSpanId();
        if (!spanId.isEmpty() && spanId.size() != SPAN_ID_BYTES) {
            rejections.add("a log record has an invalid span id (" + describe(spanId)
                    + "; a span id is empty or 8 bytes)");
            return null;
        }
        return new LogRecord(
                log.getTimeUnixNano(),
                log.getObservedTimeUnixNano(),
                log.getSeverityNumberValue(),
                log.getSeverityText(),
                bodyText(log.getBody()),
                serviceName,
                isAllZero(traceId) ? "" : hex(traceId),
                isAllZero(spanId) ? "" : hex(spanId),
                attributes(log.getAttributesList()),
                resource,
                scope);
    }

    private static void metric(Metric metric, String serviceName, Resource resource,
                               List<MetricPoint> into, Rejections rejections) {
        String name = metric.getName();
        switch (metric.getDataCase()) {
            case GAUGE -> numbers(metric, MetricType.GAUGE, false, metric.getGauge().getDataPointsList(),
                    serviceName, resource, into, rejections);
            case SUM -> numbers(metric, MetricType.SUM, metric.getSum().getIsMonotonic(),
                    metric.getSum().getDataPointsList(), serviceName, resource, into, rejections);
            case HISTOGRAM -> {
                List<HistogramDataPoint> points = metric.getHistogram().getDataPointsList();
                for (int i = 0; i < points.size(); i++) {
                    HistogramDataPoint point = points.get(i);
                    if (name.isEmpty()) {
                        rejections.add("a metric without a name was sent");
                        continue;
                    }
                    int buckets = point.getBucketCountsCount();
                    if (buckets != 0 && buckets != point.getExplicitBoundsCount() + 1) {
                        rejections.add("histogram '" + name + "' has " + buckets + " bucket counts for "
                                + point.getExplicitBoundsCount() + " bounds (want bounds + 1)");
                        continue;
                    }
                    into.add(new MetricPoint(name, metric.getDescription(), metric.getUnit(), MetricType.HISTOGRAM,
                            false, serviceName, point.getStartTimeUnixNano(), point.getTimeUnixNano(),
                            attributes(point.getAttributesList()), 0, point.getCount(),
                            point.hasSum() ? point.getSum() : Double.NaN,
                            point.getExplicitBoundsList(), point.getBucketCountsList(), resource));
                }
            }
            case EXPONENTIAL_HISTOGRAM -> {
                List<ExponentialHistogramDataPoint> points = metric.getExponentialHistogram().getDataPointsList();
                for (int i = 0; i < points.size(); i++) {
                    ExponentialHistogramDataPoint point = points.get(i);
                    if (name.isEmpty()) {
                        rejections.add("a metric without a name was sent");
                        continue;
                    }
                    into.add(new MetricPoint(name, metric.getDescription(), metric.getUnit(),
                            MetricType.EXPONENTIAL_HISTOGRAM, false, serviceName, point.getStartTimeUnixNano(),
                            point.getTimeUnixNano(), attributes(point.getAttributesList()), 0, point.getCount(),
                            point.hasSum() ? point.getSum() : Double.NaN, List.of(), List.of(), resource));
                }
            }
            case SUMMARY -> {
                List<SummaryDataPoint> points = metric.getSummary().getDataPointsList();
                for (int i = 0; i < points.size(); i++) {
                    SummaryDataPoint point = points.get(i);
                    if (name.isEmpty()) {
                        rejections.add("a metric without a name was sent");
                        continue;
                    }
                    into.add(new MetricPoint(name, metric.getDescription(), metric.getUnit(), MetricType.SUMMARY,
                            false, serviceName, point.getStartTimeUnixNano(), point.getTimeUnixNano(),
                            attributes(point.getAttributesList()), 0, point.getCount(), point.getSum(),
                            List.of(), List.of(), resource));
                }
            }
            default -> {
                // DATA_NOT_SET: a metric without data carries no data point to store or reject.
            }
        }
    }

    private static void numbers(Metric metric, MetricType type, boolean monotonic, List<NumberDataPoint> points,
                                String serviceName, Resource resource, List<MetricPoint> into, Rejections rejections) {
        String name = metric.getName();
        for (int i = 0; i < points.size(); i++) {
            NumberDataPoint point = points.get(i);
            if (name.isEmpty()) {
                rejections.add("a metric without a name was sent");
                continue;
            }
            double value;
            switch (point.getValueCase()) {
                case AS_DOUBLE -> value = point.getAsDouble();
                case AS_INT -> value = point.getAsInt();
                default -> {
                    rejections.add("a data point of '" + name + "' has no value");
                    continue;
                }
            }
            into.add(new MetricPoint(name, metric.getDescription(), metric.getUnit(), type, monotonic, serviceName,
                    point.getStartTimeUnixNano(), point.getTimeUnixNano(), attributes(point.getAttributesList()),
                    value, 0, 0, List.of(), List.of(), resource));
        }
    }

    private static InstrumentationScope scope(io.opentelemetry.proto.common.v1.InstrumentationScope scope) {
        if (scope.getName().isEmpty() && scope.getVersion().isEmpty()) {
            return InstrumentationScope.UNKNOWN;
        }
        return new InstrumentationScope(scope.getName(), scope.getVersion());
    }

    /** Attributes in arrival order; a key sent twice keeps its last value. */
    static Map<String, Object> attributes(List<KeyValue> keyValues) {
        int count = keyValues.size();
        if (count == 0) {
            return Map.of();
        }
        Map<String, Object> map = new LinkedHashMap<>(capacity(count));
        for (int i = 0; i < count; i++) {
            KeyValue keyValue = keyValues.get(i);
            Object value = value(keyValue.getValue());
            if (value != null) {
                map.put(keyValue.getKey(), value);
            }
        }
        return map;
    }

    /** An AnyValue as a domain attribute value, or null when it holds none. */
    static Object value(AnyValue value) {
        switch (value.getValueCase()) {
            case STRING_VALUE:
                return value.getStringValue();
            case BOOL_VALUE:
                return value.getBoolValue();
            case INT_VALUE:
                return value.getIntValue();
            case DOUBLE_VALUE:
                return value.getDoubleValue();
            case BYTES_VALUE:
                return value.getBytesValue().toByteArray();
            case ARRAY_VALUE: {
                ArrayValue array = value.getArrayValue();
                int count = array.getValuesCount();
                List<Object> list = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    Object element = value(array.getValues(i));
                    if (element != null) {
                        list.add(element);
                    }
                }
                return Collections.unmodifiableList(list);
            }
            case KVLIST_VALUE: {
                KeyValueList kvList = value.getKvlistValue();
                return Collections.unmodifiableMap(attributes(kvList.getValuesList()));
            }
            default:
                return null;
        }
    }

    /** A log body as text: strings as they are, anything else as JSON. */
    static String bodyText(AnyValue body) {
        if (body.getValueCase() == AnyValue.ValueCase.STRING_VALUE) {
            return body.getStringValue();
        }
        if (body.getValueCase() == AnyValue.ValueCase.VALUE_NOT_SET) {
            return "";
        }
        StringBuilder json = new StringBuilder(64);
        appendJson(json, body);
        return json.toString();
    }

    private static void appendJson(StringBuilder json, AnyValue value) {
        switch (value.getValueCase()) {
            case STRING_VALUE -> appendJsonString(json, value.getStringValue());
            case BOOL_VALUE -> json.append(value.getBoolValue());
            case INT_VALUE -> json.append(value.getIntValue());
            case DOUBLE_VALUE -> {
                double number = value.getDoubleValue();
                if (Double.isFinite(number)) {
                    json.append(number);
                } else {
                    appendJsonString(json, Double.toString(number));
                }
            }
            case BYTES_VALUE -> appendJsonString(json, Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray()));
            case ARRAY_VALUE -> {
                ArrayValue array = value.getArrayValue();
                json.append('[');
                for (int i = 0; i < array.getValuesCount(); i++) {
                    if (i > 0) {
                        json.append(',');
                    }
                    appendJson(json, array.getValues(i));
                }
                json.append(']');
            }
            case KVLIST_VALUE -> {
                KeyValueList kvList = value.getKvlistValue();
                json.append('{');
                for (int i = 0; i < kvList.getValuesCount(); i++) {
                    if (i > 0) {
                        json.append(',');
                    }
                    appendJsonString(json, kvList.getValues(i).getKey());
                    json.append(':');
                    appendJson(json, kvList.getValues(i).getValue());
                }
                json.append('}');
            }
            default -> json.append("null");
        }
    }

    private static void appendJsonString(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }

    private static SpanKind kind(int number) {
        return number >= 0 && number < KINDS.length ? KINDS[number] : SpanKind.UNSPECIFIED;
    }

    private static StatusCode status(int number) {
        return switch (number) {
            case Status.StatusCode.STATUS_CODE_OK_VALUE -> StatusCode.OK;
            case Status.StatusCode.STATUS_CODE_ERROR_VALUE -> StatusCode.ERROR;
            default -> StatusCode.UNSET;
        };
    }

    private static boolean isValidId(ByteString id, int length) {
        return id.size() == length && !isAllZero(id);
    }

    private static boolean isAllZero(ByteString id) {
        for (int i = 0; i < id.size(); i++) {
            if (id.byteAt(i) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Lowercase hex of an id, without copying it to a byte array first. */
    static String hex(ByteString bytes) {
        int size = bytes.size();
        char[] chars = new char[size * 2];
        for (int i = 0; i < size; i++) {
            int b = bytes.byteAt(i) & 0xff;
            chars[2 * i] = HEX_DIGITS[b >>> 4];
            chars[2 * i + 1] = HEX_DIGITS[b & 0x0f];
        }
        return new String(chars);
    }

    private static String describe(ByteString id) {
        return id.isEmpty() ? "empty" : id.size() + " bytes " + hex(id);
    }

    private static int capacity(int entries) {
        return (int) (entries / 0.75f) + 1;
    }

    /** Counts rejected items and keeps the first reason: one message per request, as OTLP asks. */
    private static final class Rejections {
        private final String items;
        private long count;
        private String first;

        Rejections(String items) {
            this.items = items;
        }

        void add(String reason) {
            if (count == 0) {
                first = reason;
            }
            count++;
        }

        String message() {
            if (count == 0) {
                return "";
            }
            return count + " " + items + " rejected; first: " + first;
        }
    }
}
