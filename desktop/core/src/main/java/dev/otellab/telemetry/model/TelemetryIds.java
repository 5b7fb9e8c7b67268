package dev.otellab.telemetry.model;

import java.util.HexFormat;
import java.util.Locale;

/**
 * The one hex codec of trace and span ids (lowercase, as the domain writes them) and the check
 * behind {@link TraceId} and {@link SpanId}. Code outside the model uses the value types; the
 * store and the OTLP codec use the raw conversions for bytes whose length they already know.
 */
public final class TelemetryIds {
    private static final HexFormat HEX = HexFormat.of();

    private TelemetryIds() {
    }

    public static String toHex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /** The bytes of lowercase or uppercase hex; IllegalArgumentException when it is not hex of whole bytes. */
    public static byte[] fromHex(String hex) {
        return HEX.parseHex(hex);
    }

    /** True when {@code hex} has this many characters, all lowercase hex digits, not all zero. */
    static boolean isCanonical(String hex, int length) {
        if (hex == null || hex.length() != length) {
            return false;
        }
        boolean allZero = true;
        for (int i = 0; i < length; i++) {
            char c = hex.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
            allZero &= c == '0';
        }
        return !allZero;
    }

    /** What a user typed or pasted, trimmed and lowercased. */
    static String typed(String text) {
        return text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    }

    /** Hex that a backend wrote without its leading zeros, padded back to {@code length}. */
    static String withLeadingZeros(String hex, int length) {
        String lower = typed(hex);
        return lower.length() >= length ? lower : "0".repeat(length - lower.length()) + lower;
    }

    /** The canonical hex of a typed id, or IllegalArgumentException with a message for the user. */
    static String parsed(String text, int length, String what) {
        String typed = typed(text);
        if (!isCanonical(typed, length)) {
            throw new IllegalArgumentException(refusal(what, length, text));
        }
        return typed;
    }

    static String hexOf(byte[] bytes, int length, String what) {
        if (bytes == null || bytes.length != length) {
            throw new IllegalArgumentException("A " + what + " is " + length + " bytes; got "
                    + (bytes == null ? "none" : bytes.length));
        }
        return toHex(bytes);
    }

    static String refusal(String what, int length, String got) {
        return "A " + what + " is " + length + " hexadecimal characters (0-9, a-f), not zero; got '" + got + "'";
    }
}
