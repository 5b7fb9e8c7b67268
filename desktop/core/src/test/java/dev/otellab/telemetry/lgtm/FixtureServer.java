package dev.otellab.telemetry.lgtm;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.websocket.WsContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A real HTTP server on loopback that answers like Tempo or Loki did, from the responses
 * recorded from the real servers (src/test/resources/fixtures, copied from shared/fixtures).
 * It records every request, and serves Loki's live tail websocket with recorded-format messages.
 */
public final class FixtureServer implements AutoCloseable {
    /** A canned answer: status, content type and body. */
    public record Answer(int status, String contentType, String body) {
        public static Answer json(String body) {
            return new Answer(200, "application/json", body);
        }
    }

    /** One request as the server saw it. */
    public record Recorded(String path, Map<String, List<String>> query, Map<String, String> headers) {
        public String param(String name) {
            List<String> values = query.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }
    }

    private record Rule(String path, Predicate<Recorded> when, Answer answer) {
    }

    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final List<Recorded> tailConnections = new CopyOnWriteArrayList<>();
    private final Map<String, WsContext> openTails = new ConcurrentHashMap<>();
    private final AtomicInteger tailsToDrop = new AtomicInteger();
    private volatile List<List<String>> tailMessages = List.of();
    private final Javalin app;

    public FixtureServer() {
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.host = "127.0.0.1";
            config.jetty.port = 0;
            config.routes.ws("/loki/api/v1/tail", ws -> {
                ws.onConnect(this::tailConnected);
                ws.onClose(closed -> openTails.remove(closed.sessionId()));
            });
            config.routes.get("/*", this::answer);
            // OTLP/HTTP exports (a service under test sending here, as to a collector): accepted and dropped
            config.routes.post("/v1/*", ctx -> ctx.status(200).contentType("application/x-protobuf").result(new byte[0]));
        });
        app.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + app.port());
    }

    /** Answers GETs of {@code path} with {@code answer} (the latest rule for a path wins). */
    public FixtureServer on(String path, Answer answer) {
        return on(path, request -> true, answer);
    }

    public FixtureServer on(String path, Predicate<Recorded> when, Answer answer) {
        rules.add(0, new Rule(path, when, answer));
        return this;
    }

    public List<Recorded> requests() {
        return new ArrayList<>(requests);
    }

    public Recorded lastRequest() {
        return requests.get(requests.size() - 1);
    }

    /** What the n-th tail connection sends right after it opens (the last list for every later one). */
    @SafeVarargs
    final void tailSends(List<String>... messagesByConnection) {
        tailMessages = List.of(messagesByConnection);
    }

    /** The next {@code count} tail connections are closed by the server right after their messages. */
    void dropNextTails(int count) {
        tailsToDrop.set(count);
    }

    List<Recorded> tailConnections() {
        return new ArrayList<>(tailConnections);
    }

    int openTailCount() {
        return openTails.size();
    }

    /** A recorded body or whole response (the .txt files hold status line, headers and body). */
    public static Answer fixture(String name) {
        String text = resource(name);
        if (!name.endsWith(".txt")) {
            return Answer.json(text);
        }
        String[] headAndBody = text.split("\r?\n\r?\n", 2);
        String[] head = headAndBody[0].split("\r?\n");
        int status = Integer.parseInt(head[0].split(" ")[1]);
        String contentType = "text/plain";
        for (int i = 1; i < head.length; i++) {
            if (head[i].toLowerCase(java.util.Locale.ROOT).startsWith("content-type:")) {
                contentType = head[i].substring("content-type:".length()).trim();
            }
        }
        return new Answer(status, contentType, headAndBody.length > 1 ? headAndBody[1] : "");
    }

    public static String resource(String name) {
        try (InputStream in = FixtureServer.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void answer(Context ctx) {
        Recorded request = new Recorded(ctx.path(), ctx.queryParamMap(), ctx.headerMap());
        requests.add(request);
        for (Rule rule : rules) {
            if (rule.path.equals(ctx.path()) && rule.when.test(request)) {
                ctx.status(rule.answer.status());
                ctx.contentType(rule.answer.contentType());
                ctx.result(rule.answer.body());
                return;
            }
        }
        ctx.status(404).contentType("text/plain").result("404 page not found\n");
    }

    private void tailConnected(WsContext ws) {
        tailConnections.add(new Recorded("/loki/api/v1/tail", ws.queryParamMap(), ws.headerMap()));
        int connection = tailConnections.size() - 1;
        openTails.put(ws.sessionId(), ws);
        ws.session.setIdleTimeout(java.time.Duration.ofMinutes(5));
        List<List<String>> script = tailMessages;
        List<String> messages = script.isEmpty() ? List.of() : script.get(Math.min(connection, script.size() - 1));
        for (String message : messages) {
            ws.send(message);
        }
        if (tailsToDrop.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            openTails.remove(ws.sessionId());
            ws.closeSession(1011, "dropped by the test");
        }
    }

    @Override
    public void close() {
        app.stop();
    }
}
