package dev.otellab.ui.traces;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Attribute conditions as typed in the search form: {@code key=value} pairs separated by
 * spaces; a value with spaces goes in double quotes ({@code db.statement="INSERT INTO tasks"}).
 */
public final class AttributeFilter {
    private AttributeFilter() {
    }

    /** The pairs in typing order; empty text gives an empty map. IllegalArgumentException explains a bad pair. */
    public static Map<String, String> parse(String text) {
        Map<String, String> pairs = new LinkedHashMap<>();
        String input = text == null ? "" : text.strip();
        int i = 0;
        while (i < input.length()) {
            while (i < input.length() && Character.isWhitespace(input.charAt(i))) {
                i++;
            }
            if (i >= input.length()) {
                break;
            }
            int keyStart = i;
            while (i < input.length() && input.charAt(i) != '=' && !Character.isWhitespace(input.charAt(i))) {
                i++;
            }
            String key = input.substring(keyStart, i);
            if (i >= input.length() || input.charAt(i) != '=') {
                throw new IllegalArgumentException("'" + key + "' has no value: write attributes as key=value, e.g. http.response.status_code=500");
            }
            if (key.isEmpty()) {
                throw new IllegalArgumentException("An attribute condition needs a key before '=': write key=value");
            }
            i++; // '='
            String value;
            if (i < input.length() && input.charAt(i) == '"') {
                int close = input.indexOf('"', i + 1);
                if (close < 0) {
                    throw new IllegalArgumentException("The value of '" + key + "' opens a quote that is never closed");
                }
                value = input.substring(i + 1, close);
                i = close + 1;
            } else {
                int valueStart = i;
                while (i < input.length() && !Character.isWhitespace(input.charAt(i))) {
                    i++;
                }
                value = input.substring(valueStart, i);
            }
            if (value.isEmpty()) {
                throw new IllegalArgumentException("'" + key + "=' has an empty value: write key=value");
            }
            if (pairs.containsKey(key)) {
                throw new IllegalArgumentException("'" + key + "' is given twice");
            }
            pairs.put(key, value);
        }
        return pairs;
    }

    /** The validation message, or "" when the text is fine. */
    public static String problem(String text) {
        try {
            parse(text);
            return "";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** The text that {@link #parse} reads back as the same pairs. */
    public static String format(Map<String, String> pairs) {
        StringBuilder text = new StringBuilder();
        pairs.forEach((key, value) -> {
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(key).append('=');
            text.append(quoted(value));
        });
        return text.toString();
    }

    /** A value as {@link #parse} reads it: in double quotes when it holds whitespace. */
    static String quoted(String value) {
        return value.chars().anyMatch(Character::isWhitespace) ? '"' + value + '"' : value;
    }
}
