package dev.otellab.telemetry.embedded.receiver;

import io.javalin.http.Context;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

/**
 * An OTLP/HTTP answer that goes out before the request's body was read to its end (a refusal from
 * the headers, a body over the limit, too slow or beyond the budget): it is written at once with
 * {@code Connection: close}, then the rest of the body lingers ({@link LingeringClose}) so that a
 * client still sending can read it, and only then does the request complete ({@link #done}).
 */
final class EarlyAnswer {
    private final Context ctx;
    private final long lingerBytes;
    private final ScheduledExecutorService timer;
    private final CompletableFuture<Void> done;
    private AsyncBodyReader reader;

    /** {@code done} completes once the answer is out and the linger is over. */
    EarlyAnswer(Context ctx, long lingerBytes, ScheduledExecutorService timer, CompletableFuture<Void> done) {
        this.ctx = ctx;
        this.lingerBytes = lingerBytes;
        this.timer = timer;
        this.done = done;
    }

    /** The body is being read by {@code reader}: it hands the rest over if it fails. */
    synchronized void reading(AsyncBodyReader reader) {
        this.reader = reader;
    }

    /** Writes the answer (status and headers are set already) and lingers on what the client still sends. */
    void send(byte[] body) {
        HttpServletResponse response = ctx.res();
        response.setHeader("Connection", "close");
        response.setContentLength(body.length);
        try {
            response.getOutputStream().write(body);
            response.flushBuffer();
        } catch (IOException e) {
            done.complete(null); // the client is gone: nothing to linger for
            return;
        }
        AsyncBodyReader bodyReader;
        synchronized (this) {
            bodyReader = reader;
        }
        CompletableFuture<Void> lingered;
        try {
            ServletInputStream in = ctx.req().getInputStream();
            if (bodyReader != null) {
                lingered = LingeringClose.restOf(bodyReader, in, lingerBytes, timer);
            } else if (waitsToSend()) {
                lingered = CompletableFuture.completedFuture(null); // the client sends nothing before a 100 Continue
            } else {
                lingered = LingeringClose.unreadBody(in, lingerBytes, timer);
            }
        } catch (IOException | RuntimeException e) {
            lingered = CompletableFuture.completedFuture(null);
        }
        lingered.whenComplete((ignored, failure) -> done.complete(null));
    }

    private boolean waitsToSend() {
        String expect = ctx.header("Expect");
        return expect != null && expect.toLowerCase(Locale.ROOT).contains("100-continue");
    }
}
