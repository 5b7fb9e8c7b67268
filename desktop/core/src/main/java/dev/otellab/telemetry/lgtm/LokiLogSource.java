package dev.otellab.telemetry.lgtm;

import dev.otellab.telemetry.client.LgtmClientSettings;
import dev.otellab.telemetry.client.LgtmHttp;
import dev.otellab.telemetry.endpoints.Backend;
import com.fasterxml.jackson.databind.JsonNode;
import dev.otellab.telemetry.model.LogRecord;
import dev.otellab.telemetry.query.LogFilter;
import dev.otellab.telemetry.query.LogSource;
import dev.otellab.telemetry.query.QueryDirection;
import dev.otellab.telemetry.query.Subscription;
import dev.otellab.telemetry.query.TimeRange;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Logs from Loki's HTTP API: {@code /loki/api/v1/query_range} with the categorize-labels
 * encoding (labels apart from structured metadata), and a live tail over the
 * {@code /loki/api/v1/tail} websocket ({@link LokiTail}).
 *
 * <p>Ranges are clipped to what Loki accepts ({@link QueryRanges}).
 */
public final class LokiLogSource implements LogSource {
    static final String ENCODING_FLAGS_HEADER = "X-Loki-Response-Encoding-Flags";
    static final String CATEGORIZE_LABELS = "categorize-labels";
    /** The longest range a query asks Loki for; an older start is moved up to it. */
    public static final Duration LONGEST_QUERY = QueryRanges.LONGEST;

    private final LgtmHttp http;
    private final Clock clock;
    private final LgtmClientSettings settings;

    LokiLogSource(LgtmHttp http, LgtmClientSettings settings, Clock clock) {
        this.http = http;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public List<LogRecord> query(LogFilter filter, TimeRange range, int limit, QueryDirection direction) {
        if (limit <= 0) {
            return List.of();
        }
        String logQl = LogQl.of(filter);
        TimeRange clipped = QueryRanges.clipped(range, clock);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("query", logQl);
        query.put("start", Long.toString(clipped.fromUnixNano()));
        query.put("end", Long.toString(clipped.toUnixNano()));
        query.put("limit", Integer.toString(limit));
        query.put("direction", direction == QueryDirection.NEWEST_FIRST ? "backward" : "forward");
        JsonNode answer = http.getJson(Backend.LOKI, http.url(Backend.LOKI, "loki/api/v1/query_range", query),
                "log query " + logQl, Map.of(ENCODING_FLAGS_HEADER, CATEGORIZE_LABELS))
                .orElseThrow(() -> http.failure(Backend.LOKI, "log query " + logQl,
                        "answered 404 Not Found: is this Loki's address?"));
        List<LogRecord> records = new java.util.ArrayList<>(LokiEntries.records(answer.path("data").path("result")));
        Comparator<LogRecord> byTime = Comparator.comparingLong(LogRecord::timeUnixNano);
        records.sort(direction == QueryDirection.NEWEST_FIRST ? byTime.reversed() : byTime);
        return records.size() > limit ? List.copyOf(records.subList(0, limit)) : records;
    }

    @Override
    public Subscription tail(LogFilter filter, Consumer<List<LogRecord>> listener) {
        return tail(filter, listener, problem -> { });
    }

    /**
     * As {@link #tail(LogFilter, Consumer)}, also telling {@code problems} each time the socket
     * fails or Loki refuses the tail (e.g. a LogQL parse error), before it reconnects.
     */
    public Subscription tail(LogFilter filter, Consumer<List<LogRecord>> listener, Consumer<String> problems) {
        return LokiTail.open(http, settings, LogQl.of(filter), TimeRange.toNanos(clock.instant()), listener, problems);
    }
}
