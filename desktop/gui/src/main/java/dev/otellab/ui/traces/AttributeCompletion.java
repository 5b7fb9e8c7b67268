package dev.otellab.ui.traces;

import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.telemetry.query.TraceTags;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Completion of the Attributes field's last token: attribute names while a key is typed, that
 * key's values once it reads {@code key=}. Names and values come from {@link TraceTags}, kept per
 * range for {@link #KEPT} so that typing does not query on each key; a failing source offers
 * nothing. Called on ControlsFX's background thread: thread-safe.
 */
final class AttributeCompletion {
    static final Duration KEPT = Duration.ofSeconds(5);
    static final int MAX_SUGGESTIONS = 15;

    private final TraceTags tags;
    private final Clock clock;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    private record Kept(Instant at, List<String> entries) {
    }

    /** @param tags where names and values come from; null when the source cannot list them */
    AttributeCompletion(TraceTags tags, Clock clock) {
        this.tags = tags;
        this.clock = clock;
    }

    /**
     * Suggestions for {@code typed}'s last token. {@code rangeKey} names the form's time range
     * (what is kept is per range); {@code range} is resolved only when the source is asked.
     */
    List<AttributeSuggestion> suggest(String typed, String rangeKey, java.util.function.Supplier<TimeRange> range) {
        if (tags == null) {
            return List.of();
        }
        String text = typed == null ? "" : typed;
        int start = lastTokenStart(text);
        String before = text.substring(0, start);
        String token = text.substring(start);
        int equals = token.indexOf('=');
        if (equals < 0) {
            String part = token.toLowerCase(Locale.ROOT);
            return entries(rangeKey, null, range).stream()
                    .filter(name -> name.toLowerCase(Locale.ROOT).contains(part))
                    .limit(MAX_SUGGESTIONS)
                    .map(name -> new AttributeSuggestion(name, before + name + "="))
                    .toList();
        }
        String key = token.substring(0, equals);
        if (key.isEmpty()) {
            return List.of();
        }
        String part = unquoted(token.substring(equals + 1)).toLowerCase(Locale.ROOT);
        return entries(rangeKey, key, range).stream()
                .filter(value -> value.toLowerCase(Locale.ROOT).contains(part))
                .filter(value -> !value.equalsIgnoreCase(part))
                .limit(MAX_SUGGESTIONS)
                .map(value -> new AttributeSuggestion(value, before + key + "=" + AttributeFilter.quoted(value)))
                .toList();
    }

    /** Where the last token begins: after the last whitespace outside a quoted value. */
    static int lastTokenStart(String text) {
        int start = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && Character.isWhitespace(c)) {
                start = i + 1;
            }
        }
        return start;
    }

    private static String unquoted(String part) {
        String inner = part.startsWith("\"") ? part.substring(1) : part;
        return inner.endsWith("\"") ? inner.substring(0, inner.length() - 1) : inner;
    }

    /** Names (key null) or a key's values in the range, from what was kept when it is fresh enough. */
    private List<String> entries(String rangeKey, String key, java.util.function.Supplier<TimeRange> range) {
        String cacheKey = rangeKey + '\u0000' + (key == null ? "" : "=" + key);
        Instant now = clock.instant();
        Kept fresh = kept.get(cacheKey);
        if (fresh != null && fresh.at().plus(KEPT).isAfter(now)) {
            return fresh.entries();
        }
        List<String> entries;
        try {
            TimeRange window = range.get();
            entries = key == null ? tags.tagNames(window) : tags.tagValues(key, window);
        } catch (RuntimeException unavailable) {
            // a source that cannot answer (not started, unreachable) offers nothing; the search says why
            entries = List.of();
        }
        kept.put(cacheKey, new Kept(now, entries));
        return entries;
    }
}
