package dev.otellab.telemetry.model;

/**
 * A span id: 8 bytes, written as 16 lowercase hex characters, not all zero. Made once, at the
 * edge where text comes in ({@link #parse}), like {@link TraceId}.
 */
public record SpanId(String hex) {
    public static final int HEX_LENGTH = 16;
    public static final int BYTES = HEX_LENGTH / 2;

    /** @throws IllegalArgumentException when {@code hex} is not 16 lowercase hex characters or all zero */
    public SpanId {
        if (!TelemetryIds.isCanonical(hex, HEX_LENGTH)) {
            throw new IllegalArgumentException(TelemetryIds.refusal("span id", HEX_LENGTH, hex));
        }
    }

    /**
     * The span id a user typed or pasted, trimmed and lowercased.
     *
     * @throws IllegalArgumentException with a message for the user when the text is no span id
     */
    public static SpanId parse(String text) {
        return new SpanId(TelemetryIds.parsed(text, HEX_LENGTH, "span id"));
    }

    /** True when {@link #parse} would accept {@code text}. */
    public static boolean isValid(String text) {
        return TelemetryIds.isCanonical(TelemetryIds.typed(text), HEX_LENGTH);
    }

    /** A span id from a backend that leaves out leading zeros (Zipkin), padded back to 16 characters. */
    public static SpanId withLeadingZeros(String hex) {
        return parse(TelemetryIds.withLeadingZeros(hex, HEX_LENGTH));
    }

    public static SpanId fromBytes(byte[] bytes) {
        return new SpanId(TelemetryIds.hexOf(bytes, BYTES, "span id"));
    }

    public byte[] bytes() {
        return TelemetryIds.fromHex(hex);
    }

    @Override
    public String toString() {
        return hex;
    }
}
