package dev.otellab.telemetry.model;

import java.util.HexFormat;

/** Trace and span ids as the domain writes them: lowercase hex, 32 and 16 characters. */
public final class TelemetryIds {
    public static final int TRACE_ID_HEX_LENGTH = 32;
    public static final int SPAN_ID_HEX_LENGTH = 16;
    private static final HexFormat HEX = HexFormat.of();

    private TelemetryIds() {
    }

    public static boolean isValidTraceId(String id) {
        return isValid(id, TRACE_ID_HEX_LENGTH);
    }

    public static boolean isValidSpanId(String id) {
        return isValid(id, SPAN_ID_HEX_LENGTH);
    }

    /** Lowercases and checks a user-typed trace id; throws IllegalArgumentException with a readable message. */
    public static String normalizeTraceId(String id) {
        String trimmed = id == null ? "" : id.trim().toLowerCase(java.util.Locale.ROOT);
        if (!isValidTraceId(trimmed)) {
            throw new IllegalArgumentException(
                    "A trace id is 32 hexadecimal characters (0-9, a-f), not zero; got '" + id + "'");
        }
        return trimmed;
    }

    /** Lowercases and checks a user-typed span id; throws IllegalArgumentException with a readable message. */
    public static String normalizeSpanId(String id) {
        String trimmed = id == null ? "" : id.trim().toLowerCase(java.util.Locale.ROOT);
        if (!isValidSpanId(trimmed)) {
            throw new IllegalArgumentException(
                    "A span id is 16 hexadecimal characters (0-9, a-f), not zero; got '" + id + "'");
        }
        return trimmed;
    }

    public static String toHex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    public static byte[] fromHex(String hex) {
        return HEX.parseHex(hex);
    }

    private static boolean isValid(String id, int length) {
        if (id == null || id.length() != length) {
            return false;
        }
        boolean allZero = true;
        for (int i = 0; i < length; i++) {
            char c = id.charAt(i);
            boolean hexDigit = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
            if (!hexDigit) {
                return false;
            }
            allZero &= c == '0';
        }
        return !allZero;
    }
}
