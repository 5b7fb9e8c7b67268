package dev.otellab.verify;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A W3C trace context for one verify request. Verify makes the trace id itself and sends it in
 * the {@code traceparent} header, so it knows the trace of every request (lab-backend continues
 * incoming contexts) without relying on anything in the answer.
 */
public record TraceParent(String traceId, String parentSpanId) {
    public static final String HEADER = "traceparent";

    public static TraceParent random() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high;
        long low;
        long span;
        do {
            high = random.nextLong();
            low = random.nextLong();
            span = random.nextLong();
        } while ((high == 0 && low == 0) || span == 0); // all-zero ids are invalid
        return new TraceParent(hex(high) + hex(low), hex(span));
    }

    /** Version 00, sampled, so lab-backend's parent-based sampler records the request. */
    public String header() {
        return "00-" + traceId + "-" + parentSpanId + "-01";
    }

    private static String hex(long value) {
        return String.format(Locale.ROOT, "%016x", value);
    }
}
