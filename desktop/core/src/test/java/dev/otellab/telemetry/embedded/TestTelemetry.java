package dev.otellab.telemetry.embedded;

import dev.otellab.telemetry.model.InstrumentationScope;
import dev.otellab.telemetry.model.LogRecord;
import dev.otellab.telemetry.model.Resource;
import dev.otellab.telemetry.model.Severity;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.SpanKind;
import dev.otellab.telemetry.model.StatusCode;
import dev.otellab.telemetry.query.TimeRange;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Builds spans and log records for store tests: readable ids, times relative to a base. */
public final class TestTelemetry {
    public static final InstrumentationScope SCOPE = new InstrumentationScope("io.test", "1.0");
    private static final AtomicLong SPAN_COUNTER = new AtomicLong(1);
    private static final long BASE = TimeRange.toNanos(Instant.now().minusSeconds(3600)) / 1_000_000_000L * 1_000_000_000L;

    private TestTelemetry() {
    }

    /** A time {@code millis} after a base about one hour ago (inside the default retention). */
    public static long at(long millis) {
        return base() + millis * 1_000_000L;
    }

    /** Fixed once per test run, so times computed at different moments of a test agree. */
    public static long base() {
        return BASE;
    }

    public static Resource resource(String service) {
        return new Resource(Map.of(Resource.SERVICE_NAME, service, "host.name", "lab-host"));
    }

    public static String traceId(long n) {
        return HexFormat.of().toHexDigits(0x1000L) + HexFormat.of().toHexDigits(n);
    }

    public static String spanId(long n) {
        return HexFormat.of().toHexDigits(n == 0 ? 1 : n);
    }

    public static String newSpanId() {
        return spanId(SPAN_COUNTER.getAndIncrement());
    }

    public static Span span(String traceId, String spanId, String parentId, String service, String name, SpanKind kind,
                            long startNanos, long durationMillis, StatusCode status, Map<String, Object> attributes) {
        return new Span(traceId, spanId, parentId, name, kind, service, startNanos,
                startNanos + durationMillis * 1_000_000L, status, "", attributes, List.of(), List.of(),
                resource(service), SCOPE);
    }

    public static Span server(String traceId, String service, String route, long startNanos, long durationMillis,
                              int httpStatus) {
        return span(traceId, newSpanId(), "", service, "GET " + route, SpanKind.SERVER, startNanos, durationMillis,
                httpStatus >= 500 ? StatusCode.ERROR : StatusCode.UNSET,
                Map.of("http.route", route, "http.response.status_code", (long) httpStatus));
    }

    public static LogRecord log(long timeNanos, Severity severity, String service, String body, String traceId,
                                String spanId) {
        return new LogRecord(timeNanos, timeNanos + 1000, severity.lowestNumber(), severity.name(), body, service,
                traceId, spanId, Map.of("logger", "app"), resource(service), SCOPE);
    }
}
