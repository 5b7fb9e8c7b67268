package dev.otellab.telemetry.embedded.receiver;

import dev.otellab.telemetry.model.LogRecord;
import dev.otellab.telemetry.model.MetricPoint;
import dev.otellab.telemetry.model.MetricType;
import dev.otellab.telemetry.model.SpanKind;
import dev.otellab.telemetry.model.StatusCode;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.KeyValue;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The real OpenTelemetry Java SDK exporters send to the receiver; the decoded domain objects are checked. */
class SdkExportersTest {
    private static final RecordingIngest ingest = new RecordingIngest();
    private static final Resource RESOURCE = Resource.getDefault().merge(Resource.create(Attributes.of(
            AttributeKey.stringKey("service.name"), "checkout", AttributeKey.stringKey("deployment.environment"), "lab")));
    private static OtlpReceiver receiver;

    @BeforeAll
    static void start() {
        receiver = new OtlpReceiver(ReceiverSettings.anyFreePorts(), ingest);
        receiver.start();
    }

    @AfterAll
    static void stop() {
        receiver.stop();
    }

    @BeforeEach
    void reset() {
        ingest.clear();
    }

    private static String http(String path) {
        return receiver.endpoints().httpUrl() + path;
    }

    /** Sends a SERVER span with a CLIENT child (attributes of each type, an event, ERROR status); returns their ids. */
    private static Map<String, String> sendTrace(SpanExporter exporter) {
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(RESOURCE)
                .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                .build();
        try {
            Tracer tracer = provider.tracerBuilder("shop.orders").setInstrumentationVersion("1.4.2").build();
            Span server = tracer.spanBuilder("POST /orders").setSpanKind(io.opentelemetry.api.trace.SpanKind.SERVER).startSpan();
            Span client;
            Scope serverScope = server.makeCurrent();
            try {
                client = tracer.spanBuilder("INSERT orders")
                        .setSpanKind(io.opentelemetry.api.trace.SpanKind.CLIENT)
                        .setAttribute("db.system", "sqlite")
                        .setAttribute("db.rows", 3L)
                        .setAttribute("db.cached", true)
                        .setAttribute("db.cost", 0.25)
                        .setAttribute(AttributeKey.stringArrayKey("db.tables"), List.of("orders", "lines"))
                        .setAttribute(AttributeKey.longArrayKey("db.shards"), List.of(1L, 2L))
                        .startSpan();
                client.addEvent("retry", Attributes.of(AttributeKey.longKey("attempt"), 2L));
                client.setStatus(io.opentelemetry.api.trace.StatusCode.ERROR, "constraint violated");
                client.end();
            } finally {
                serverScope.close();
            }
            server.end();
            CompletableResultCode flushed = provider.forceFlush().join(10, TimeUnit.SECONDS);
            assertThat(flushed.isSuccess()).as("the exporter reported success").isTrue();
            return Map.of("traceId", server.getSpanContext().getTraceId(),
                    "serverId", server.getSpanContext().getSpanId(),
                    "clientId", client.getSpanContext().getSpanId());
        } finally {
            provider.shutdown().join(10, TimeUnit.SECONDS);
        }
    }

    private static void assertTraceDecoded(Map<String, String> ids) {
        dev.otellab.telemetry.model.Span server = ingest.span("POST /orders");
        dev.otellab.telemetry.model.Span client = ingest.span("INSERT orders");
        assertThat(server.traceId()).isEqualTo(ids.get("traceId")).matches("[0-9a-f]{32}");
        assertThat(server.spanId()).isEqualTo(ids.get("serverId")).matches("[0-9a-f]{16}");
        assertThat(server.isRoot()).isTrue();
        assertThat(server.kind()).isEqualTo(SpanKind.SERVER);
        assertThat(client.traceId()).isEqualTo(ids.get("traceId"));
        assertThat(client.spanId()).isEqualTo(ids.get("clientId"));
        assertThat(client.parentSpanId()).isEqualTo(ids.get("serverId"));
        assertThat(client.kind()).isEqualTo(SpanKind.CLIENT);
        assertThat(client.status()).isEqualTo(StatusCode.ERROR);
        assertThat(client.statusMessage()).isEqualTo("constraint violated");
        assertThat(client.attributes())
                .containsEntry("db.system", "sqlite")
                .containsEntry("db.rows", 3L)
                .containsEntry("db.cached", true)
                .containsEntry("db.cost", 0.25)
                .containsEntry("db.tables", List.of("orders", "lines"))
                .containsEntry("db.shards", List.of(1L, 2L));
        assertThat(client.events()).singleElement().satisfies(event -> {
            assertThat(event.name()).isEqualTo("retry");
            assertThat(event.attributes()).containsEntry("attempt", 2L);
            assertThat(event.timeUnixNano()).isBetween(client.startUnixNano(), client.endUnixNano());
        });
        assertThat(client.endUnixNano()).isGreaterThanOrEqualTo(client.startUnixNano());
        assertThat(client.serviceName()).isEqualTo("checkout");
        assertThat(client.resource().attributes())
                .containsEntry("deployment.environment", "lab")
                .containsEntry("telemetry.sdk.language", "java");
        assertThat(client.scope().name()).isEqualTo("shop.orders");
        assertThat(client.scope().version()).isEqualTo("1.4.2");
    }

    @Test
    void otlpHttpSpanExporterWithProtobuf() {
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder().setEndpoint(http("/v1/traces")).build();

        assertTraceDecoded(sendTrace(exporter));
        assertThat(receiver.stats().acceptedSpans()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void otlpHttpSpanExporterWithGzip() {
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint(http("/v1/traces")).setCompression("gzip").build();

        assertTraceDecoded(sendTrace(exporter));
    }

    @Test
    void otlpGrpcSpanExporter() {
        OtlpGrpcSpanExporter exporter = OtlpGrpcSpanExporter.builder().setEndpoint(receiver.endpoints().grpcUrl()).build();

        assertTraceDecoded(sendTrace(exporter));
    }

    @Test
    void otlpGrpcSpanExporterWithGzip() {
        OtlpGrpcSpanExporter exporter = OtlpGrpcSpanExporter.builder()
                .setEndpoint(receiver.endpoints().grpcUrl()).setCompression("gzip").build();

        assertTraceDecoded(sendTrace(exporter));
    }

    /** Sends a WARN record inside a span with a map body and an INFO record outside any span; returns the span's ids. */
    private static Map<String, String> sendLogs(LogRecordExporter exporter) {
        SdkTracerProvider tracerProvider = SdkTracerProvider.builder().setResource(RESOURCE)
                .addSpanProcessor(SimpleSpanProcessor.create(SpanExporter.composite())) // without a processor, spans are no-ops
                .build();
        SdkLoggerProvider provider = SdkLoggerProvider.builder()
                .setResource(RESOURCE)
                .addLogRecordProcessor(SimpleLogRecordProcessor.create(exporter))
                .build();
        try {
            Logger logger = provider.loggerBuilder("shop.audit").setInstrumentationVersion("0.9").build();
            Span span = tracerProvider.get("shop").spanBuilder("work").startSpan();
            logger.logRecordBuilder()
                    .setContext(Context.current().with(span))
                    .setSeverity(io.opentelemetry.api.logs.Severity.WARN)
                    .setSeverityText("WARN")
                    .setBody(Value.of(KeyValue.of("event", Value.of("payment retried")), KeyValue.of("attempt", Value.of(2L))))
                    .setAttribute(AttributeKey.stringKey("order.id"), "A-17")
                    .emit();
            logger.logRecordBuilder()
                    .setSeverity(io.opentelemetry.api.logs.Severity.INFO)
                    .setBody("started")
                    .emit();
            span.end();
            assertThat(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
            return Map.of("traceId", span.getSpanContext().getTraceId(), "spanId", span.getSpanContext().getSpanId());
        } finally {
            provider.shutdown().join(10, TimeUnit.SECONDS);
            tracerProvider.shutdown().join(10, TimeUnit.SECONDS);
        }
    }

    private static void assertLogsDecoded(Map<String, String> ids) {
        List<LogRecord> logs = ingest.logs();
        assertThat(logs).hasSize(2);
        LogRecord warn = logs.stream().filter(log -> log.severityNumber() == 13).findFirst().orElseThrow();
        assertThat(warn.severityText()).isEqualTo("WARN");
        assertThat(warn.body()).isEqualTo("{\"event\":\"payment retried\",\"attempt\":2}");
        assertThat(warn.traceId()).isEqualTo(ids.get("traceId"));
        assertThat(warn.spanId()).isEqualTo(ids.get("spanId"));
        assertThat(warn.attributes()).containsEntry("order.id", "A-17");
        assertThat(warn.serviceName()).isEqualTo("checkout");
        assertThat(warn.scope().name()).isEqualTo("shop.audit");
        assertThat(warn.timeUnixNano()).isPositive();
        LogRecord info = logs.stream().filter(log -> log.severityNumber() == 9).findFirst().orElseThrow();
        assertThat(info.body()).isEqualTo("started");
        assertThat(info.severityText()).as("derived from the number when the SDK sends none").isEqualTo("INFO");
        assertThat(info.hasTrace()).isFalse();
        assertThat(info.spanId()).isEmpty();
    }

    @Test
    void otlpHttpLogRecordExporter() {
        assertLogsDecoded(sendLogs(OtlpHttpLogRecordExporter.builder().setEndpoint(http("/v1/logs")).build()));
        assertThat(receiver.stats().acceptedLogRecords()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void otlpGrpcLogRecordExporter() {
        assertLogsDecoded(sendLogs(OtlpGrpcLogRecordExporter.builder().setEndpoint(receiver.endpoints().grpcUrl()).build()));
    }

    @Test
    void otlpHttpMetricExporterWithACounterAndAHistogram() {
        OtlpHttpMetricExporter exporter = OtlpHttpMetricExporter.builder().setEndpoint(http("/v1/metrics")).build();
        PeriodicMetricReader reader = PeriodicMetricReader.builder(exporter).setInterval(Duration.ofHours(1)).build();
        SdkMeterProvider provider = SdkMeterProvider.builder().setResource(RESOURCE).registerMetricReader(reader).build();
        try {
            Meter meter = provider.meterBuilder("shop.metrics").build();
            Attributes route = Attributes.of(AttributeKey.stringKey("http.route"), "/orders");
            meter.counterBuilder("orders.created").setDescription("orders placed").setUnit("{order}").build().add(5, route);
            meter.histogramBuilder("order.duration").setUnit("ms").build().record(12.0, route);
            meter.histogramBuilder("order.duration").setUnit("ms").build().record(240.0, route);

            assertThat(reader.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
        } finally {
            provider.shutdown().join(10, TimeUnit.SECONDS);
        }

        MetricPoint counter = ingest.metrics().stream().filter(point -> point.name().equals("orders.created"))
                .findFirst().orElseThrow();
        assertThat(counter.type()).isEqualTo(MetricType.SUM);
        assertThat(counter.monotonic()).isTrue();
        assertThat(counter.value()).isEqualTo(5.0);
        assertThat(counter.description()).isEqualTo("orders placed");
        assertThat(counter.unit()).isEqualTo("{order}");
        assertThat(counter.attributes()).containsEntry("http.route", "/orders");
        assertThat(counter.serviceName()).isEqualTo("checkout");
        assertThat(counter.timeUnixNano()).isGreaterThan(counter.startTimeUnixNano());
        MetricPoint histogram = ingest.metrics().stream().filter(point -> point.name().equals("order.duration"))
                .findFirst().orElseThrow();
        assertThat(histogram.type()).isEqualTo(MetricType.HISTOGRAM);
        assertThat(histogram.count()).isEqualTo(2);
        assertThat(histogram.sum()).isEqualTo(252.0);
        assertThat(histogram.explicitBounds()).isNotEmpty();
        assertThat(histogram.bucketCounts()).hasSize(histogram.explicitBounds().size() + 1);
        assertThat(histogram.bucketCounts().stream().mapToLong(Long::longValue).sum()).isEqualTo(2);
    }
}
