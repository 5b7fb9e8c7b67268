package dev.otellab.telemetry.lgtm;

import dev.otellab.telemetry.client.LgtmClientSettings;
import dev.otellab.telemetry.client.LgtmHttp;
import dev.otellab.telemetry.endpoints.Backend;
import dev.otellab.telemetry.model.LogRecord;
import dev.otellab.telemetry.query.Subscription;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One live tail over Loki's {@code /loki/api/v1/tail} websocket. When the socket fails or Loki
 * closes it, the tail reconnects after a pause (doubling up to {@link LgtmClientSettings#MAX_BACKOFF})
 * from the time of the last record it delivered, and drops what it has already delivered, so a
 * reconnect neither loses nor repeats records Loki still has. Closing stops it for good.
 * Records reach the listener on the socket's reader thread, one batch per message, oldest first.
 */
final class LokiTail implements Subscription {
    private static final Logger LOG = LoggerFactory.getLogger(LokiTail.class);
    private static final Duration PING_INTERVAL = Duration.ofSeconds(20);
    private static final ScheduledExecutorService RECONNECTS = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "loki-tail-reconnect");
        thread.setDaemon(true);
        return thread;
    });

    private final LgtmHttp http;
    private final LgtmClientSettings settings;
    private final OkHttpClient client;
    private final String logQl;
    private final Consumer<List<LogRecord>> listener;
    private final Consumer<String> problems;
    private final Set<String> deliveredAtResume = new HashSet<>();
    private long resumeFrom;
    private int failures;
    private boolean closed;
    private WebSocket socket;

    private LokiTail(LgtmHttp http, LgtmClientSettings settings, String logQl, long startNanos,
                     Consumer<List<LogRecord>> listener, Consumer<String> problems) {
        this.http = http;
        this.settings = settings;
        this.client = http.client().newBuilder().readTimeout(Duration.ZERO).pingInterval(PING_INTERVAL).build();
        this.logQl = logQl;
        this.listener = listener;
        this.problems = problems;
        this.resumeFrom = startNanos;
    }

    static LokiTail open(LgtmHttp http, LgtmClientSettings settings, String logQl, long startNanos,
                         Consumer<List<LogRecord>> listener, Consumer<String> problems) {
        LokiTail tail = new LokiTail(http, settings, logQl, startNanos, listener, problems);
        tail.connect();
        return tail;
    }

    private synchronized void connect() {
        if (closed) {
            return;
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("query", logQl);
        query.put("start", Long.toString(resumeFrom));
        Request request = new Request.Builder()
                .url(http.url(Backend.LOKI, "loki/api/v1/tail", query))
                .header(LokiLogSource.ENCODING_FLAGS_HEADER, LokiLogSource.CATEGORIZE_LABELS)
                .build();
        socket = client.newWebSocket(request, new Listener());
    }

    /** Once per socket: a socket both closed by Loki and then failing asks only once. */
    private synchronized void reconnectLater(WebSocket failed, String problem) {
        if (closed || failed != socket) {
            return;
        }
        socket = null;
        failures++;
        Duration pause = settings.backoff(failures);
        problems.accept(problem);
        LOG.warn("{}; reconnecting in {} ms", problem, pause.toMillis());
        RECONNECTS.schedule(this::connect, pause.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void deliver(String message) {
        List<LogRecord> received;
        try {
            received = new ArrayList<>(LokiEntries.records(LgtmHttp.JSON.readTree(message).path("streams")));
        } catch (IOException e) {
            problems.accept("Loki sent a tail message that is not JSON: " + LgtmHttp.shortened(message));
            return;
        }
        // Oldest first before the duplicate check, which moves the resume time forward as it goes.
        received.sort(Comparator.comparingLong(LogRecord::timeUnixNano));
        List<LogRecord> fresh = new ArrayList<>(received.size());
        synchronized (this) {
            for (LogRecord record : received) {
                if (isNew(record)) {
                    fresh.add(record);
                }
            }
            if (closed || fresh.isEmpty()) {
                return;
            }
        }
        listener.accept(List.copyOf(fresh));
    }

    /** False for a record delivered before a reconnect (Loki resends from the resume time on). */
    private synchronized boolean isNew(LogRecord record) {
        long time = record.timeUnixNano();
        String key = record.serviceName() + '\u0000' + record.spanId() + '\u0000' + record.body();
        if (time < resumeFrom) {
            return false;
        }
        if (time > resumeFrom) {
            resumeFrom = time;
            deliveredAtResume.clear();
        }
        return deliveredAtResume.add(key);
    }

    @Override
    public void close() {
        WebSocket open;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            open = socket;
        }
        if (open != null) {
            open.close(1000, "tail closed");
        }
    }

    private final class Listener extends WebSocketListener {
        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            synchronized (LokiTail.this) {
                failures = 0;
            }
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            deliver(text);
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            webSocket.close(1000, null);
            reconnectLater(webSocket, http.failure(Backend.LOKI, "live tail " + logQl,
                    "closed the live tail (" + code + (reason.isEmpty() ? "" : " " + reason) + ")").getMessage());
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable failure, Response response) {
            String problem;
            if (response != null) {
                String body = "";
                try {
                    body = response.body().string();
                } catch (IOException | IllegalStateException e) {
                    // no body to show
                }
                problem = "refused the live tail (HTTP " + response.code() + ")"
                        + (body.isBlank() ? "" : ": " + LgtmHttp.shortened(body));
            } else if (failure instanceof IOException io) {
                problem = http.transportProblem(io);
            } else {
                problem = "broke the live tail (" + failure + ")";
            }
            reconnectLater(webSocket, http.failure(Backend.LOKI, "live tail " + logQl, problem).getMessage());
        }
    }
}
