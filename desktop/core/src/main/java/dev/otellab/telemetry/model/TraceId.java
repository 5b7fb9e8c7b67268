package dev.otellab.telemetry.model;

/**
 * A trace id: 16 bytes, written as 32 lowercase hex characters, not all zero. Text that comes
 * in from a user or a backend becomes a TraceId once, at the edge ({@link #parse}); the query
 * ports take TraceIds and check nothing again.
 */
public record TraceId(String hex) {
    public static final int HEX_LENGTH = 32;
    public static final int BYTES = HEX_LENGTH / 2;

    /** @throws IllegalArgumentException when {@code hex} is not 32 lowercase hex characters or all zero */
    public TraceId {
        if (!TelemetryIds.isCanonical(hex, HEX_LENGTH)) {
            throw new IllegalArgumentException(TelemetryIds.refusal("trace id", HEX_LENGTH, hex));
        }
    }

    /**
     * The trace id a user typed or pasted: surrounding blanks are dropped and uppercase is read
     * as lowercase.
     *
     * @throws IllegalArgumentException with a message for the user when the text is no trace id
     */
    public static TraceId parse(String text) {
        return new TraceId(TelemetryIds.parsed(text, HEX_LENGTH, "trace id"));
    }

    /** True when {@link #parse} would accept {@code text}. */
    public static boolean isValid(String text) {
        return TelemetryIds.isCanonical(TelemetryIds.typed(text), HEX_LENGTH);
    }

    /**
     * A trace id from a backend that leaves out leading zeros (Tempo's search) or keeps 64-bit
     * ids (Zipkin): padded to 128 bits, as OpenTelemetry pads them.
     */
    public static TraceId withLeadingZeros(String hex) {
        return parse(TelemetryIds.withLeadingZeros(hex, HEX_LENGTH));
    }

    public static TraceId fromBytes(byte[] bytes) {
        return new TraceId(TelemetryIds.hexOf(bytes, BYTES, "trace id"));
    }

    public byte[] bytes() {
        return TelemetryIds.fromHex(hex);
    }

    @Override
    public String toString() {
        return hex;
    }
}
