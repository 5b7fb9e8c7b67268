package dev.otellab.telemetry.embedded;

import dev.otellab.telemetry.ingest.PreparedItems;
import dev.otellab.telemetry.ingest.TelemetryBatch;
import dev.otellab.telemetry.model.InstrumentationScope;
import dev.otellab.telemetry.model.LogRecord;
import dev.otellab.telemetry.model.MetricPoint;
import dev.otellab.telemetry.model.Resource;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.SpanKind;
import dev.otellab.telemetry.model.StatusCode;
import dev.otellab.telemetry.sli.RequestSample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A batch turned into rows ready to bind, on the caller's thread: the encoding work is spread
 * over the receiver's threads and the writer thread only binds and steps statements. Rows are
 * also much smaller than the object graph, so a full queue holds less heap. Made from the domain
 * model ({@link #of}) or straight from OTLP/protobuf bytes ({@link OtlpRowDecoder}).
 */
record EncodedBatch(List<SpanRow> spans, List<LogRow> logs, List<MetricRow> metrics) implements PreparedItems {

    @Override
    public int size() {
        return spans.size() + logs.size() + metrics.size();
    }

    static EncodedBatch of(TelemetryBatch batch) {
        Map<Resource, ResourceKey> resources = new IdentityHashMap<>();
        List<SpanRow> spans = new ArrayList<>(batch.spans().size());
        for (Span span : batch.spans()) {
            spans.add(SpanRow.of(span, resources.computeIfAbsent(span.resource(), ResourceKey::of)));
        }
        List<LogRow> logs = new ArrayList<>(batch.logs().size());
        for (LogRecord log : batch.logs()) {
            logs.add(LogRow.of(log, resources.computeIfAbsent(log.resource(), ResourceKey::of)));
        }
        List<MetricRow> metrics = new ArrayList<>(batch.metrics().size());
        for (MetricPoint point : batch.metrics()) {
            metrics.add(new MetricRow(point, resources.computeIfAbsent(point.resource(), ResourceKey::of),
                    AttributeCodec.encode(point.attributes()), AttributeCodec.encodeList(point.explicitBounds()),
                    AttributeCodec.encodeList(point.bucketCounts())));
        }
        return new EncodedBatch(spans, logs, metrics);
    }

    /** A resource's encoded attributes: equal bytes are the same resource row. */
    record ResourceKey(byte[] attrs, int hash) {
        static ResourceKey of(Resource resource) {
            byte[] encoded = AttributeCodec.encode(resource.attributes());
            byte[] attrs = encoded == null ? new byte[] {0} : encoded;
            return new ResourceKey(attrs, Arrays.hashCode(attrs));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ResourceKey key && key.hash == hash && Arrays.equals(key.attrs, attrs);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    record SpanRow(
            byte[] traceId, byte[] spanId, byte[] parentSpanId,
            String name, int kind, String service, long startNs, long durationNs, int status,
            String statusMessage, String route, Integer httpStatus,
            byte[] attrs, byte[] events, byte[] links, ResourceKey resource, InstrumentationScope scope) {

        static SpanRow of(Span span, ResourceKey resource) {
            if (span.traceId().isEmpty() || span.spanId().isEmpty()) {
                throw new IllegalArgumentException("A span needs a trace id and a span id: " + span.name());
            }
            boolean server = span.kind() == SpanKind.SERVER;
            return new SpanRow(
                    AttributeCodec.idBytes(span.traceId()), AttributeCodec.idBytes(span.spanId()),
                    AttributeCodec.idBytes(span.parentSpanId()),
                    span.name(), span.kind().ordinal(), span.serviceName(), span.startUnixNano(),
                    span.durationNanos(), span.status().ordinal(),
                    span.statusMessage().isEmpty() ? null : span.statusMessage(),
                    server ? RequestSample.routeOf(span) : null,
                    RequestSample.httpStatusOf(span.attributes()),
                    AttributeCodec.encode(span.attributes()),
                    AttributeCodec.encodeEvents(span.events(), span.startUnixNano()),
                    AttributeCodec.encodeLinks(span.links()), resource, span.scope());
        }

        boolean isRoot() {
            return parentSpanId == null;
        }

        boolean isError() {
            return status == StatusCode.ERROR.ordinal();
        }

        long endNs() {
            return startNs + durationNs;
        }
    }

    record LogRow(long timeNs, long observedNs, int severity, String severityText, String body, String service,
                  byte[] traceId, byte[] spanId, byte[] attrs, ResourceKey resource, InstrumentationScope scope) {
        static LogRow of(LogRecord log, ResourceKey resource) {
            return new LogRow(log.timeUnixNano(), log.observedTimeUnixNano(), log.severityNumber(), log.severityText(),
                    log.body(), log.serviceName(), AttributeCodec.idBytes(log.traceId()),
                    AttributeCodec.idBytes(log.spanId()), AttributeCodec.encode(log.attributes()), resource, log.scope());
        }
    }

    record MetricRow(MetricPoint point, ResourceKey resource, byte[] attrs, byte[] bounds, byte[] bucketCounts) {
    }
}
