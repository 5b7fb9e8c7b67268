package dev.otellab.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otellab.config.Json;
import dev.otellab.telemetry.query.TimeRange;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Sends a verify run's requests to lab-backend: a fixed number, in the plan's order, over a few
 * concurrent lanes, each request with a traceparent verify made itself. Normal requests walk a
 * task through its life (create, list, read, update, delete), so every CRUD route is measured;
 * slow and failing requests call /api/simulate-slow and /api/reports/overdue.
 *
 * <p>Before the measured requests, one warm-up round per lane runs the same task life unmeasured:
 * the first call of each route in a fresh JVM pays for class loading and JIT, which is not what
 * a latency objective is about.
 */
public final class VerifyTraffic {
    public static final String SLOW_ROUTE = "/api/simulate-slow";
    public static final String ERROR_ROUTE = "/api/reports/overdue";
    static final int LANES = 4;
    private static final MediaType JSON = MediaType.get("application/json");

    private final OkHttpClient client;
    private final HttpUrl baseUrl;
    private final Duration slowDelay;
    private final Clock clock;
    private final ObjectMapper json = Json.mapper();

    public VerifyTraffic(OkHttpClient client, URI baseUrl, Duration slowDelay, Clock clock) {
        this.client = client;
        this.baseUrl = HttpUrl.get(baseUrl.toString());
        this.slowDelay = slowDelay;
        this.clock = clock;
    }

    public SentTraffic send(RequestMix plan) throws InterruptedException {
        ExecutorService lanes = Executors.newFixedThreadPool(LANES, runnable -> {
            Thread thread = new Thread(runnable, "verify-traffic");
            thread.setDaemon(true);
            return thread;
        });
        try {
            runLanes(lanes, lane -> lane.warmUp());
            Queue<RequestKind> queue = new ConcurrentLinkedQueue<>(plan.order());
            List<SentRequest> sent = Collections.synchronizedList(new ArrayList<>());
            long from = nowUnixNano();
            runLanes(lanes, lane -> lane.drain(queue, sent));
            return new SentTraffic(sent, from, nowUnixNano() + 1);
        } finally {
            lanes.shutdownNow();
        }
    }

    private void runLanes(ExecutorService lanes, Consumer<Lane> work) throws InterruptedException {
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < LANES; i++) {
            Lane lane = new Lane();
            running.add(lanes.submit(() -> work.accept(lane)));
        }
        for (Future<?> lane : running) {
            try {
                lane.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("A traffic lane failed: " + e.getCause(), e.getCause());
            }
        }
    }

    private long nowUnixNano() {
        return TimeRange.toNanos(clock.instant());
    }

    /** The steps of a task's life that normal requests go through, in order. */
    private enum TaskStep { CREATE, LIST, READ, UPDATE, DELETE }

    /** One sequential caller: its own task, so its reads and writes always find it. */
    private final class Lane {
        private int step;
        private Long taskId;

        void warmUp() {
            for (int i = 0; i < TaskStep.values().length; i++) {
                normal(null);
            }
        }

        void drain(Queue<RequestKind> queue, List<SentRequest> sent) {
            RequestKind kind;
            while ((kind = queue.poll()) != null && !Thread.currentThread().isInterrupted()) {
                TraceParent trace = TraceParent.random();
                sent.add(switch (kind) {
                    case FAILING -> call(kind, "GET", ERROR_ROUTE, url(ERROR_ROUTE), null, trace);
                    case SLOW -> call(kind, "GET", SLOW_ROUTE, url(SLOW_ROUTE).newBuilder()
                            .addQueryParameter("delay", String.format(Locale.ROOT, "%.3f", slowDelay.toMillis() / 1000.0))
                            .build(), null, trace);
                    case NORMAL -> normal(trace);
                });
            }
        }

        private SentRequest normal(TraceParent trace) {
            TaskStep next = TaskStep.values()[step % TaskStep.values().length];
            if (taskId == null && next != TaskStep.LIST) {
                next = TaskStep.CREATE;
            }
            step = next.ordinal() + 1;
            HttpUrl tasks = url("/api/tasks");
            HttpUrl task = taskId == null ? null : url("/api/tasks/" + taskId);
            SentRequest sent = switch (next) {
                case CREATE -> call(RequestKind.NORMAL, "POST", "/api/tasks", tasks,
                        RequestBody.create("{\"title\":\"verify\",\"description\":\"sent by lab-console verify\"}", JSON), trace);
                case LIST -> call(RequestKind.NORMAL, "GET", "/api/tasks",
                        tasks.newBuilder().addQueryParameter("limit", "20").build(), null, trace);
                case READ -> call(RequestKind.NORMAL, "GET", "/api/tasks/{id}", task, null, trace);
                case UPDATE -> call(RequestKind.NORMAL, "PUT", "/api/tasks/{id}", task,
                        RequestBody.create("{\"completed\":true}", JSON), trace);
                case DELETE -> call(RequestKind.NORMAL, "DELETE", "/api/tasks/{id}", task, null, trace);
            };
            if (next == TaskStep.DELETE) {
                taskId = null;
            }
            return sent;
        }

        private SentRequest call(RequestKind kind, String method, String route, HttpUrl url, RequestBody body,
                                 TraceParent trace) {
            Request.Builder request = new Request.Builder().url(url).method(method, body);
            if (trace != null) {
                request.header(TraceParent.HEADER, trace.header());
            }
            String traceId = trace == null ? "" : trace.traceId();
            long start = System.nanoTime();
            try (Response response = client.newCall(request.build()).execute()) {
                String text = response.body().string();
                if (response.code() == 201 && "POST".equals(method)) {
                    taskId = idOf(text);
                }
                return new SentRequest(kind, method, route, traceId, response.code(), "", System.nanoTime() - start);
            } catch (IOException e) {
                return new SentRequest(kind, method, route, traceId, 0, String.valueOf(e.getMessage()),
                        System.nanoTime() - start);
            }
        }

        private Long idOf(String body) throws IOException {
            JsonNode id = json.readTree(body).get("id");
            return id != null && id.canConvertToLong() ? id.asLong() : null;
        }
    }

    private HttpUrl url(String path) {
        return baseUrl.resolve(path);
    }
}
