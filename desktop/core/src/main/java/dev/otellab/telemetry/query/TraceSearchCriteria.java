package dev.otellab.telemetry.query;

import java.time.Duration;
import java.util.Map;

/**
 * What to look for in traces. Empty strings and null durations mean "any". A trace matches
 * when one of its spans matches all given span-level criteria (service, span name, attributes);
 * the duration bounds apply to the whole trace; {@code errorsOnly} asks for traces with at
 * least one ERROR span.
 */
public record TraceSearchCriteria(
        String service,
        String spanName,
        Duration minDuration,
        Duration maxDuration,
        boolean errorsOnly,
        Map<String, String> attributes) {

    public static final TraceSearchCriteria ANY = new TraceSearchCriteria("", "", null, null, false, Map.of());

    public TraceSearchCriteria {
        service = service == null ? "" : service.trim();
        spanName = spanName == null ? "" : spanName.trim();
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        if (minDuration != null && maxDuration != null && minDuration.compareTo(maxDuration) > 0) {
            throw new IllegalArgumentException("The minimum duration is larger than the maximum");
        }
    }

    public TraceSearchCriteria withService(String value) {
        return new TraceSearchCriteria(value, spanName, minDuration, maxDuration, errorsOnly, attributes);
    }

    public TraceSearchCriteria withSpanName(String value) {
        return new TraceSearchCriteria(service, value, minDuration, maxDuration, errorsOnly, attributes);
    }

    public TraceSearchCriteria withDuration(Duration min, Duration max) {
        return new TraceSearchCriteria(service, spanName, min, max, errorsOnly, attributes);
    }

    public TraceSearchCriteria withErrorsOnly(boolean value) {
        return new TraceSearchCriteria(service, spanName, minDuration, maxDuration, value, attributes);
    }

    public TraceSearchCriteria withAttributes(Map<String, String> value) {
        return new TraceSearchCriteria(service, spanName, minDuration, maxDuration, errorsOnly, value);
    }
}
