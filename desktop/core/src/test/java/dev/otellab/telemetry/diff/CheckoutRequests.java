package dev.otellab.telemetry.diff;

import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.SpanKind;
import dev.otellab.telemetry.model.StatusCode;
import dev.otellab.telemetry.model.Trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.otellab.telemetry.embedded.TestTelemetry.span;

/** Traces of one checkout request with knobs for what differs between two of them (diff tests, CLI, window). */
public final class CheckoutRequests {
    private static final long MS = 1_000_000L;

    private CheckoutRequests() {
    }

    /** A request: root 100 ms, "load cart" 0-30 ms, {@code sqlCalls} SQL calls of 5 ms, "charge card" 40-90 ms. */
    public static Trace request(String traceId, long chargeMillis, int sqlCalls, StatusCode chargeStatus, String cardType) {
        List<Span> spans = new ArrayList<>();
        long total = Math.max(100, 40 + chargeMillis + 10);
        spans.add(span(traceId, id(1), "", "checkout", "GET /checkout", SpanKind.SERVER, 0, total, StatusCode.UNSET,
                Map.of("http.route", "/checkout")));
        spans.add(span(traceId, id(2), id(1), "checkout", "load cart", SpanKind.INTERNAL, 0, 30, StatusCode.UNSET, Map.of()));
        for (int i = 0; i < sqlCalls; i++) {
            spans.add(span(traceId, id(10 + i), id(2), "checkout", "SELECT items", SpanKind.CLIENT, (i * 5L) * MS, 5,
                    StatusCode.UNSET, Map.of("db.system", "sqlite")));
        }
        spans.add(span(traceId, id(3), id(1), "payments", "charge card", SpanKind.CLIENT, 40 * MS, chargeMillis,
                chargeStatus, Map.of("card.type", cardType)));
        return new Trace(traceId, spans);
    }

    /** The trace's spans moved {@code by} nanoseconds later (the requests start at 0). */
    public static List<Span> shifted(Trace trace, long by) {
        return trace.spans().stream().map(span -> new Span(span.traceId(), span.spanId(), span.parentSpanId(), span.name(),
                span.kind(), span.serviceName(), span.startUnixNano() + by, span.endUnixNano() + by, span.status(),
                span.statusMessage(), span.attributes(), span.events(), span.links(), span.resource(), span.scope()))
                .toList();
    }

    private static String id(long n) {
        return String.format("%016x", n);
    }
}
