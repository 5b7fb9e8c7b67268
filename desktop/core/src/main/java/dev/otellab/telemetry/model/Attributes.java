package dev.otellab.telemetry.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Attribute maps as the domain carries them: insertion-ordered and read-only. Values are
 * String, Long, Double, Boolean, byte[] or an unmodifiable List of those (OTLP AnyValue,
 * kvlist flattened by the decoder into nested maps when needed).
 */
public final class Attributes {
    private static final Map<String, Object> EMPTY = Map.of();

    private Attributes() {
    }

    public static Map<String, Object> empty() {
        return EMPTY;
    }

    /** A read-only, order-keeping copy (the empty map is shared). */
    public static Map<String, Object> copyOf(Map<String, ?> source) {
        if (source == null || source.isEmpty()) {
            return EMPTY;
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(source));
    }

    /** The value as text, for display and for key=value matching: lists are comma-joined. */
    public static String asText(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof List<?> list) {
            StringBuilder text = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    text.append(", ");
                }
                text.append(asText(list.get(i)));
            }
            return text.append(']').toString();
        }
        if (value instanceof byte[] bytes) {
            return java.util.Base64.getEncoder().encodeToString(bytes);
        }
        return String.valueOf(value);
    }
}
