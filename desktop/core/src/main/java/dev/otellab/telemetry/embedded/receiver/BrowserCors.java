package dev.otellab.telemetry.embedded.receiver;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * CORS for the lab's web page, whose browser exports its spans here: the origins the lab allows
 * (lab-web's, set when it starts) get their preflight answered and the CORS headers on their
 * exports; any other origin's preflight is refused, so no other page can write to the store.
 */
final class BrowserCors {
    private static final String ALLOWED_HEADERS = "Content-Type, Content-Encoding";
    private final Set<String> allowedOrigins = new CopyOnWriteArraySet<>();

    void allow(String origin) {
        allowedOrigins.add(origin);
    }

    void clear() {
        allowedOrigins.clear();
    }

    void register(RoutesConfig routes, String path) {
        routes.before(path, this::addHeaders);
        routes.options(path, this::preflight);
    }

    private void addHeaders(Context ctx) {
        String origin = ctx.header("Origin");
        ctx.header("Vary", "Origin");
        if (origin != null && allowedOrigins.contains(origin)) {
            ctx.header("Access-Control-Allow-Origin", origin);
        }
    }

    private void preflight(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null || !allowedOrigins.contains(origin)) {
            ctx.status(403).contentType("text/plain; charset=utf-8")
                    .result("Origin " + origin + " may not send telemetry here; only the lab's page may.");
            return;
        }
        ctx.header("Access-Control-Allow-Methods", "POST");
        ctx.header("Access-Control-Allow-Headers", ALLOWED_HEADERS);
        ctx.header("Access-Control-Max-Age", "600");
        ctx.status(204);
    }
}
