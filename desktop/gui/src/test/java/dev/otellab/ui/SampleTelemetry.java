package dev.otellab.ui;

import dev.otellab.telemetry.model.InstrumentationScope;
import dev.otellab.telemetry.model.LogRecord;
import dev.otellab.telemetry.model.Resource;
import dev.otellab.telemetry.model.Severity;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.SpanEvent;
import dev.otellab.telemetry.model.SpanKind;
import dev.otellab.telemetry.model.SpanLink;
import dev.otellab.telemetry.model.StatusCode;
import dev.otellab.telemetry.query.TimeRange;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Realistic telemetry of the lab, made up deterministically: lab-backend serves requests
 * (SERVER spans named by route), runs JDBC CLIENT spans on SQLite and a business span, and
 * calls notification-service; one request in a while fails with an exception, some are
 * slow. Logs carry the trace and span ids of the span that wrote them.
 */
public final class SampleTelemetry {
    public static final String BACKEND = "lab-backend";
    public static final String NOTIFICATIONS = "notification-service";
    private static final long MS = 1_000_000L;
    private static final String STACK = String.join("\n",
            "java.lang.IllegalStateException: Overdue report failed: the report renderer is down (a failure the lab injects on purpose)",
            "\tat dev.otellab.backend.LabRoutes.overdueReport(LabRoutes.java:51)",
            "\tat io.javalin.router.Endpoint.handle(Endpoint.kt:52)",
            "\tat io.javalin.router.ParsedEndpoint.handle(ParsedEndpoint.kt:15)",
            "\tat io.javalin.http.servlet.DefaultTasks.HTTP$lambda$9(DefaultTasks.kt:61)",
            "\tat io.javalin.http.servlet.JavalinServletContext.executeNextTask(JavalinServletContext.kt:99)",
            "\tat org.eclipse.jetty.server.handler.ContextHandler.handle(ContextHandler.java:1166)",
            "\tat java.base/java.lang.Thread.run(Thread.java:840)");

    private final Random random;
    private final List<Span> spans = new ArrayList<>();
    private final List<LogRecord> logs = new ArrayList<>();
    private String errorTraceId = "";
    private int taskId = 40;

    private SampleTelemetry(long seed) {
        this.random = new Random(seed);
    }

    /**
     * {@code traces} requests spread over the 30 minutes before the clock's now; the newest one
     * is the failing /api/reports/overdue request.
     */
    public static SampleTelemetry generate(Clock clock, int traces) {
        SampleTelemetry sample = new SampleTelemetry(42);
        long now = TimeRange.toNanos(clock.instant());
        long spacing = 30L * 60 * 1000 * MS / Math.max(1, traces);
        for (int i = traces - 1; i >= 1; i--) {
            long start = now - i * spacing - sample.random.nextInt(1000) * MS;
            int kind = i % 10;
            if (kind == 3) {
                sample.slowRequest(start);
            } else if (kind == 7) {
                sample.errorRequest(start);
            } else if (kind % 2 == 0) {
                sample.createTask(start);
            } else {
                sample.listTasks(start);
            }
            if (i % 5 == 0) {
                sample.log(start + 300 * MS, Severity.DEBUG, BACKEND, "", "", "GET /health 200 (0.4 ms)", Map.of());
            }
        }
        sample.errorTraceId = sample.errorRequest(now - 2_000 * MS);
        return sample;
    }

    public List<Span> spans() {
        return List.copyOf(spans);
    }

    public List<LogRecord> logs() {
        return List.copyOf(logs);
    }

    /** The id of the newest trace: a failing request with an exception event. */
    public String errorTraceId() {
        return errorTraceId;
    }

    public InMemoryTelemetry toTelemetry() {
        InMemoryTelemetry telemetry = new InMemoryTelemetry();
        telemetry.addSpans(spans);
        telemetry.addLogs(logs);
        return telemetry;
    }

    /**
     * One trace of {@code count} spans: a SERVER root and a tree four children wide beneath it,
     * each child inside its parent's time, every 97th span failing.
     */
    public static List<Span> bigTrace(String traceId, int count, long startNanos) {
        List<Span> result = new ArrayList<>(count);
        long[] starts = new long[count];
        long[] ends = new long[count];
        String[] ids = new String[count];
        starts[0] = startNanos;
        ends[0] = startNanos + 2_000 * MS;
        String[] services = {BACKEND, NOTIFICATIONS, "billing-service", "search-service", "auth-service"};
        for (int i = 0; i < count; i++) {
            ids[i] = String.format("%016x", 0x1000L + i);
            if (i > 0) {
                int parent = (i - 1) / 4;
                int slot = (i - 1) % 4;
                long slice = (ends[parent] - starts[parent]) / 4;
                starts[i] = starts[parent] + slot * slice + slice / 10;
                ends[i] = starts[i] + slice * 8 / 10;
            }
            boolean error = i % 97 == 96;
            String service = services[(i / 7) % services.length];
            SpanKind kind = i == 0 ? SpanKind.SERVER : i % 3 == 0 ? SpanKind.CLIENT : SpanKind.INTERNAL;
            String name = i == 0 ? "GET /api/report" : kind == SpanKind.CLIENT ? "SELECT items" : "compute part " + i;
            result.add(new Span(traceId, ids[i], i == 0 ? "" : ids[(i - 1) / 4], name, kind, service,
                    starts[i], ends[i], error ? StatusCode.ERROR : StatusCode.UNSET, error ? "part failed" : "",
                    Map.of("part.index", (long) i), List.of(), List.of(), resource(service), scope()));
        }
        return result;
    }

    private void createTask(long start) {
        String traceId = traceId();
        String server = spanId();
        long serverStart = start;
        String title = List.of("Buy milk", "Write the report", "Call the plumber", "Book flights").get(random.nextInt(4));
        int id = ++taskId;
        long validateStart = serverStart + ms(1, 2);
        long validateEnd = validateStart + ms(1, 4);
        String validate = spanId();
        add(span(traceId, validate, server, "validate task", SpanKind.INTERNAL, BACKEND, validateStart, validateEnd,
                StatusCode.UNSET, "", Map.of("task.title.length", (long) title.length())));
        long insertStart = validateEnd + ms(0, 1);
        long insertEnd = insertStart + ms(2, 12);
        String insert = spanId();
        add(span(traceId, insert, server, "INSERT tasks", SpanKind.CLIENT, BACKEND, insertStart, insertEnd,
                StatusCode.UNSET, "", Map.of("db.system.name", "sqlite", "db.operation.name", "INSERT",
                        "db.collection.name", "tasks", "db.query.text", "INSERT INTO tasks (title, done) VALUES (?, ?)")));
        long notifyStart = insertEnd + ms(0, 2);
        long notifyEnd = notifyStart + ms(8, 30);
        String notifyClient = spanId();
        add(span(traceId, notifyClient, server, "POST", SpanKind.CLIENT, BACKEND, notifyStart, notifyEnd,
                StatusCode.UNSET, "", Map.of("http.request.method", "POST", "url.full", "http://notification-service:8081/notify",
                        "http.response.status_code", 202L)));
        String notifyServer = spanId();
        long nsStart = notifyStart + ms(1, 2);
        long nsEnd = notifyEnd - ms(1, 2);
        add(span(traceId, notifyServer, notifyClient, "POST /notify", SpanKind.SERVER, NOTIFICATIONS, nsStart, nsEnd,
                StatusCode.UNSET, "", Map.of("http.request.method", "POST", "http.route", "/notify", "http.response.status_code", 202L)));
        String select = spanId();
        long selectStart = nsStart + ms(1, 2);
        add(span(traceId, select, notifyServer, "SELECT subscribers", SpanKind.CLIENT, NOTIFICATIONS, selectStart,
                Math.min(nsEnd, selectStart + ms(2, 5)), StatusCode.UNSET, "",
                Map.of("db.system.name", "sqlite", "db.query.text", "SELECT email FROM subscribers WHERE topic = ?")));
        long serverEnd = notifyEnd + ms(1, 3);
        add(span(traceId, server, "", "POST /api/tasks", SpanKind.SERVER, BACKEND, serverStart, serverEnd,
                StatusCode.UNSET, "", http("POST", "/api/tasks", 201)));
        log(validateEnd, Severity.DEBUG, BACKEND, traceId, validate, "Task title is valid (" + title.length() + " characters)", Map.of());
        log(insertEnd, Severity.DEBUG, BACKEND, traceId, insert, "INSERT INTO tasks (title, done) VALUES (?, ?) -> 1 row", Map.of("db.rows", 1L));
        log(serverEnd, Severity.INFO, BACKEND, traceId, server, "Created task " + id + " '" + title + "'", Map.of("task.id", (long) id));
        log(nsEnd, Severity.INFO, NOTIFICATIONS, traceId, notifyServer, "Notified 3 subscribers of task " + id, Map.of());
    }

    private void listTasks(long start) {
        String traceId = traceId();
        String server = spanId();
        long serverStart = start;
        String select = spanId();
        long selectStart = serverStart + ms(1, 2);
        long selectEnd = selectStart + ms(1, 8);
        add(span(traceId, select, server, "SELECT tasks", SpanKind.CLIENT, BACKEND, selectStart, selectEnd, StatusCode.UNSET, "",
                Map.of("db.system.name", "sqlite", "db.operation.name", "SELECT", "db.query.text", "SELECT id, title, done FROM tasks")));
        long serverEnd = selectEnd + ms(1, 3);
        add(span(traceId, server, "", "GET /api/tasks", SpanKind.SERVER, BACKEND, serverStart, serverEnd, StatusCode.UNSET, "",
                http("GET", "/api/tasks", 200)));
        log(serverEnd, Severity.INFO, BACKEND, traceId, server, "Listed " + (taskId - 30) + " tasks", Map.of());
    }

    private void slowRequest(long start) {
        String traceId = traceId();
        String server = spanId();
        String sleep = spanId();
        long delay = ms(900, 1600);
        add(span(traceId, sleep, server, "simulated delay", SpanKind.INTERNAL, BACKEND, start + ms(1, 2), start + delay,
                StatusCode.UNSET, "", Map.of("delay.ms", delay / MS)));
        add(span(traceId, server, "", "GET /api/simulate-slow", SpanKind.SERVER, BACKEND, start, start + delay + ms(1, 2),
                StatusCode.UNSET, "", http("GET", "/api/simulate-slow", 200)));
        log(start + delay, Severity.WARN, BACKEND, traceId, server, "Slow request: GET /api/simulate-slow took " + delay / MS + " ms", Map.of());
    }

    private String errorRequest(long start) {
        String traceId = traceId();
        String server = spanId();
        String failing = spanId();
        long failStart = start + ms(2, 3);
        long failEnd = failStart + ms(3, 6);
        add(new Span(traceId, failing, server, "simulate failure", SpanKind.INTERNAL, BACKEND, failStart, failEnd,
                StatusCode.ERROR, "Overdue report failed: the report renderer is down (a failure the lab injects on purpose)",
                Map.of("code.function.name", "LabRoutes.overdueReport"),
                List.of(new SpanEvent(failEnd - ms(0, 1), SpanEvent.EXCEPTION, Map.of(
                        "exception.type", "java.lang.IllegalStateException",
                        "exception.message", "Overdue report failed: the report renderer is down (a failure the lab injects on purpose)",
                        "exception.stacktrace", STACK))),
                List.of(), resource(BACKEND), scope()));
        long serverEnd = failEnd + ms(1, 2);
        Map<String, Object> attributes = new LinkedHashMap<>(http("POST", "/api/reports/overdue", 500));
        attributes.put("error.type", "java.lang.IllegalStateException");
        // The traffic generator retries failed requests: the retry links to this attempt.
        add(new Span(traceId, server, "", "POST /api/reports/overdue", SpanKind.SERVER, BACKEND, start, serverEnd,
                StatusCode.ERROR, "HTTP 500", attributes, List.of(),
                List.of(new SpanLink(traceId(), spanId(), Map.of("link.reason", "earlier attempt of the same request"))),
                resource(BACKEND), scope()));
        log(failEnd, Severity.ERROR, BACKEND, traceId, failing, "Request failed: POST /api/reports/overdue\n" + STACK,
                Map.of("exception.type", "java.lang.IllegalStateException"));
        log(serverEnd, Severity.WARN, BACKEND, traceId, server, "POST /api/reports/overdue answered 500", Map.of("http.response.status_code", 500L));
        return traceId;
    }

    private void log(long time, Severity severity, String service, String traceId, String spanId, String body, Map<String, Object> attributes) {
        Map<String, Object> all = new LinkedHashMap<>(attributes);
        all.put("thread.name", "http-worker-" + (1 + random.nextInt(8)));
        logs.add(new LogRecord(time, time + ms(1, 5), severity.lowestNumber(), severity.name(), body, service, traceId, spanId,
                all, resource(service), new InstrumentationScope("dev.otellab.backend", "0.1.0")));
    }

    private static Map<String, Object> http(String method, String route, int status) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("http.request.method", method);
        attributes.put("http.route", route);
        attributes.put("url.path", route);
        attributes.put("http.response.status_code", (long) status);
        attributes.put("server.address", "127.0.0.1");
        attributes.put("server.port", 8080L);
        return attributes;
    }

    private static Span span(String traceId, String spanId, String parent, String name, SpanKind kind, String service,
                             long start, long end, StatusCode status, String message, Map<String, Object> attributes) {
        return new Span(traceId, spanId, parent, name, kind, service, start, end, status, message, attributes,
                List.of(), List.of(), resource(service), scope());
    }

    static Resource resource(String service) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("service.name", service);
        attributes.put("service.version", "0.1.0");
        attributes.put("telemetry.sdk.name", "opentelemetry");
        attributes.put("telemetry.sdk.language", "java");
        attributes.put("telemetry.sdk.version", "1.68.0");
        attributes.put("host.name", "lab-laptop");
        return new Resource(attributes);
    }

    private static InstrumentationScope scope() {
        return new InstrumentationScope("io.opentelemetry.javalin", "2.31.1-alpha");
    }

    private void add(Span span) {
        spans.add(span);
    }

    private long ms(int min, int max) {
        return (min + random.nextInt(Math.max(1, max - min + 1))) * MS + random.nextInt(1000) * 1000L;
    }

    private String traceId() {
        return String.format("%016x%016x", random.nextLong() | 1L << 62, random.nextLong());
    }

    private String spanId() {
        return String.format("%016x", random.nextLong() | 1L << 62);
    }
}
