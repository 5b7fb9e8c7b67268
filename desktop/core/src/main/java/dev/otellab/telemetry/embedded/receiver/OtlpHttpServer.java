package dev.otellab.telemetry.embedded.receiver;

import dev.otellab.telemetry.embedded.receiver.AcceptPipeline.Outcome;
import dev.otellab.telemetry.otlp.DecodedRequest;
import dev.otellab.telemetry.otlp.OtlpBodyDecoder;
import dev.otellab.telemetry.otlp.OtlpJsonParser;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.rpc.Code;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * OTLP/HTTP (spec 1.x): POST /v1/traces, /v1/logs, /v1/metrics with protobuf or JSON bodies,
 * optionally gzip-compressed. Javalin (Jetty 12) serves it, the project's one HTTP server
 * setup. It reads requests and answers them; what to take and what to refuse is the
 * {@link AcceptPipeline}'s (shared with gRPC). A request is refused from its headers when the store
 * is full or the {@link DecodeLane} has no place for it; its body is read without blocking a thread
 * (a slow sender holds no thread, and gives its place back while its body is still arriving),
 * within a deadline and the size limit (before and after gunzip); the whole request is decoded
 * before anything is stored, and the answer goes out only once the store has made the batch durable.
 * An answer given before the body was read is an {@link EarlyAnswer}: the connection closes after
 * it, once the client has had a bounded time to read it ({@link LingeringClose}).
 */
final class OtlpHttpServer {
    static final String PROTOBUF = "application/x-protobuf";
    static final String JSON = "application/json";
    private static final String TEXT = "text/plain; charset=utf-8";

    private final ReceiverSettings settings;
    private final OtlpBodyDecoder decoder;
    private final ReceiverStats stats;
    private final Admission admission;
    private final AcceptPipeline pipeline;
    private final BrowserCors cors = new BrowserCors();
    private Javalin app;

    OtlpHttpServer(ReceiverSettings settings, OtlpBodyDecoder decoder, ReceiverStats stats, Admission admission,
                   AcceptPipeline pipeline) {
        this.settings = settings;
        this.decoder = decoder;
        this.stats = stats;
        this.admission = admission;
        this.pipeline = pipeline;
    }

    /** Starts listening and returns the bound port; a taken port becomes a ReceiverStartException. */
    int start() {
        Javalin created = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.compressionStrategy = CompressionStrategy.NONE;
            config.http.asyncTimeout = 0;
            config.jetty.host = settings.bindAddress();
            config.jetty.port = settings.httpPort();
            for (Signal signal : Signal.values()) {
                cors.register(config.routes, signal.httpPath());
                config.routes.post(signal.httpPath(), ctx -> export(ctx, signal));
                for (HandlerType method : new HandlerType[] {HandlerType.GET, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE}) {
                    config.routes.addHttpHandler(method, signal.httpPath(), ctx -> {
                        ctx.header("Allow", "POST");
                        text(ctx, 405, "Method " + ctx.method() + " is not allowed on " + signal.httpPath()
                                + ": OTLP/HTTP exports are POST requests.", ctx::result);
                    });
                }
            }
            config.routes.error(404, ctx -> text(ctx, 404, "No OTLP endpoint at " + ctx.path()
                    + ": use /v1/traces, /v1/logs or /v1/metrics.", ctx::result));
        });
        try {
            created.start();
        } catch (RuntimeException e) {
            stopQuietly(created);
            if (isBindFailure(e)) {
                throw new ReceiverStartException(OtlpReceiver.portInUseMessage(
                        settings.httpPort(), "OTLP/HTTP", settings.bindAddress(), "--http-port"), e);
            }
            throw new ReceiverStartException("The OTLP/HTTP receiver could not start on "
                    + settings.bindAddress() + ":" + settings.httpPort() + ": " + e.getMessage(), e);
        }
        app = created;
        return created.port();
    }

    /** Lets the page served from this origin (e.g. http://127.0.0.1:8000) export from the browser. */
    void allowBrowserOrigin(String origin) {
        cors.allow(origin);
    }

    void stop() {
        cors.clear();
        if (app != null) {
            stopQuietly(app);
            app = null;
        }
    }

    private void export(Context ctx, Signal signal) {
        Format format = Format.of(ctx.header("Content-Type"));
        if (format == null) {
            stats.malformed();
            answerEarly(ctx, early -> text(ctx, 415, "Unsupported content type '" + ctx.header("Content-Type")
                    + "': OTLP/HTTP takes " + PROTOBUF + " or " + JSON + ".", early::send));
            return;
        }
        String encoding = ctx.header("Content-Encoding");
        boolean gzip = encoding != null && encoding.trim().equalsIgnoreCase("gzip");
        if (!gzip && encoding != null && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity")) {
            stats.malformed();
            answerEarly(ctx, early -> status(ctx, format, 415, Code.INVALID_ARGUMENT, "Unsupported content encoding '"
                    + encoding + "': use gzip or identity.", early::send));
            return;
        }
        long limit = settings.maxBodyBytes();
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) {
            stats.malformed();
            answerEarly(ctx, early -> answer(ctx, format, tooLarge(declared + " bytes"), early::send));
            return;
        }
        CompletableFuture<Void> answered = new CompletableFuture<>();
        Consumer<Outcome> answer = outcome -> {
            answer(ctx, format, outcome, ctx::result);
            answered.complete(null);
        };
        EarlyAnswer early = earlyAnswer(ctx, answered);
        Consumer<Outcome> answerEarly = outcome -> answer(ctx, format, outcome, early::send);
        Optional<DecodeLane.Place> admitted = pipeline.admit(answerEarly);
        if (admitted.isEmpty()) {
            ctx.future(() -> answered);
            return;
        }
        DecodeLane.Place place = admitted.get();
        ctx.future(() -> {
            ScheduledFuture<?> slow;
            AsyncBodyReader reader;
            try {
                slow = admission.timer().schedule(place::lendWhileWaiting,
                        Admission.FAST_BODY.toMillis(), TimeUnit.MILLISECONDS);
                reader = AsyncBodyReader.read(ctx.req().getInputStream(), limit, declared, admission.budget(),
                        admission.timer(), admission.limits().bodyDeadline());
            } catch (IOException | RuntimeException e) {
                place.release();
                unreadable(ctx, format, e, early::send);
                return answered;
            }
            early.reading(reader);
            reader.body().whenComplete((read, failure) -> {
                slow.cancel(false);
                if (failure != null) {
                    place.release();
                    answerReadFailure(ctx, format, failure, answerEarly, early);
                } else if (!place.claim()) {
                    place.release();
                    read.release();
                    pipeline.refuseBusy(AcceptPipeline.BUSY, answer);
                } else {
                    pipeline.decodeAndStore(signal, place, () -> decode(signal, format, gzip, read.bytes()),
                            read::release, answer);
                }
            });
            return answered;
        });
    }

    /** Answers from the headers alone, as an {@link EarlyAnswer}; the request completes after its linger. */
    private void answerEarly(Context ctx, Consumer<EarlyAnswer> answer) {
        CompletableFuture<Void> lingered = new CompletableFuture<>();
        ctx.future(() -> {
            answer.accept(earlyAnswer(ctx, lingered));
            return lingered;
        });
    }

    private EarlyAnswer earlyAnswer(Context ctx, CompletableFuture<Void> done) {
        return new EarlyAnswer(ctx, LingeringClose.bytesFor(settings.maxBodyBytes()), admission.timer(), done);
    }

    /** On the decoding lane: gunzip when asked, then the protobuf or JSON body. */
    private DecodedRequest decode(Signal signal, Format format, boolean gzip, byte[] body)
            throws AcceptPipeline.Undecodable {
        byte[] plain = body;
        if (gzip) {
            try (InputStream inflated = new GZIPInputStream(new ByteArrayInputStream(body), 8192)) {
                plain = readAtMost(inflated, settings.maxBodyBytes(), -1);
            } catch (BodyTooLargeException e) {
                throw new AcceptPipeline.Undecodable(tooLarge("more than " + settings.maxBodyBytes() + " bytes after gunzip"));
            } catch (IOException e) {
                throw new AcceptPipeline.Undecodable(new Outcome.Malformed(
                        "The body is not valid gzip (Content-Encoding: gzip): " + e.getMessage()));
            }
        }
        try {
            return format == Format.PROTOBUF
                    ? OtlpMessages.decodeProtobuf(decoder, signal, plain)
                    : OtlpMessages.decodeJson(signal, plain);
        } catch (InvalidProtocolBufferException e) {
            throw new AcceptPipeline.Undecodable(new Outcome.Malformed("Malformed OTLP " + format.label + " "
                    + signal.name().toLowerCase(Locale.ROOT) + " request: " + e.getMessage()));
        }
    }

    /** The outcome as OTLP/HTTP answers it: a status and the response or a google.rpc.Status body. */
    private void answer(Context ctx, Format format, Outcome outcome, Consumer<byte[]> body) {
        if (outcome instanceof Outcome.Stored stored) {
            respond(ctx, format, 200, OtlpMessages.response(stored.signal(), stored.decoded()), body);
        } else if (outcome instanceof Outcome.Refused refused) {
            // 429 with Retry-After: OTLP's retryable "slow down"
            ctx.header("Retry-After", Long.toString(retryAfterSeconds(refused.retryAfter())));
            status(ctx, format, 429, Code.RESOURCE_EXHAUSTED, refused.message(), body);
        } else if (outcome instanceof Outcome.Malformed malformed) {
            status(ctx, format, 400, Code.INVALID_ARGUMENT, malformed.message(), body);
        } else if (outcome instanceof Outcome.TooLarge tooLarge) {
            status(ctx, format, 413, Code.INVALID_ARGUMENT, tooLarge.message(), body);
        } else if (outcome instanceof Outcome.Failed failed) {
            status(ctx, format, 503, Code.UNAVAILABLE, failed.message(), body);
        }
    }

    /** Answers a body that could not be read (a refusal a little later, when it is for lack of room). */
    private void answerReadFailure(Context ctx, Format format, Throwable failure, Consumer<Outcome> answerEarly,
                                   EarlyAnswer early) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof AsyncBodyReader.BudgetExceededException) {
            pipeline.refuseBusy("The receiver holds as many request bodies as it may, retry later.", answerEarly);
            return;
        }
        if (cause instanceof BodyTooLargeException) {
            stats.malformed();
            answerEarly.accept(tooLarge("more than " + settings.maxBodyBytes() + " bytes"));
            return;
        }
        if (cause instanceof AsyncBodyReader.BodyDeadlineException) {
            stats.malformed();
            status(ctx, format, 408, Code.DEADLINE_EXCEEDED, "Request timeout: " + cause.getMessage() + ".", early::send);
        } else {
            unreadable(ctx, format, cause, early::send);
        }
    }

    private void unreadable(Context ctx, Format format, Throwable cause, Consumer<byte[]> body) {
        stats.malformed();
        status(ctx, format, 400, Code.INVALID_ARGUMENT, "The request body could not be read: " + cause.getMessage(), body);
    }

    private Outcome.TooLarge tooLarge(String size) {
        return new Outcome.TooLarge("The request body is too large (" + size + "); the limit is "
                + settings.maxBodyBytes() + " bytes (--max-body). Send smaller batches.");
    }

    /**
     * Sets the status and content type and hands the answer's bytes to {@code body}: {@code ctx::result}
     * (Javalin writes them when the request's handling ends) or an {@link EarlyAnswer}'s send.
     */
    private static void respond(Context ctx, Format format, int code, Message message, Consumer<byte[]> body) {
        ctx.status(code);
        if (format == Format.PROTOBUF) {
            ctx.contentType(PROTOBUF);
            body.accept(message.toByteArray());
        } else {
            ctx.contentType(JSON);
            body.accept(OtlpJsonParser.print(message).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** An error answer: a google.rpc.Status in the request's format, as OTLP/HTTP asks. */
    private static void status(Context ctx, Format format, int httpCode, Code code, String message, Consumer<byte[]> body) {
        respond(ctx, format, httpCode, com.google.rpc.Status.newBuilder()
                .setCode(code.getNumber())
                .setMessage(message)
                .build(), body);
    }

    private static void text(Context ctx, int code, String message, Consumer<byte[]> body) {
        ctx.status(code);
        ctx.contentType(TEXT);
        body.accept(message.getBytes(StandardCharsets.UTF_8));
    }

    static long retryAfterSeconds(Duration retryAfter) {
        if (retryAfter == null || retryAfter.isNegative() || retryAfter.isZero()) {
            return 1;
        }
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    /**
     * Reads a whole stream, failing as soon as it exceeds {@code limit} bytes. With a known length
     * the buffer is exact, so the common case allocates the body once.
     */
    static byte[] readAtMost(InputStream in, long limit, long declaredLength) throws IOException {
        int initial = declaredLength >= 0 ? (int) Math.min(declaredLength, limit) : (int) Math.min(8192, limit);
        byte[] buffer = new byte[Math.max(initial, 1)];
        int length = 0;
        while (true) {
            if (length == buffer.length) {
                int next = in.read();
                if (next < 0) {
                    return buffer;
                }
                if (length + 1L > limit) {
                    throw new BodyTooLargeException();
                }
                buffer = Arrays.copyOf(buffer, (int) Math.min(limit, Math.max(16L, buffer.length * 2L)));
                buffer[length++] = (byte) next;
                continue;
            }
            int read = in.read(buffer, length, buffer.length - length);
            if (read < 0) {
                return length == buffer.length ? buffer : Arrays.copyOf(buffer, length);
            }
            length += read;
        }
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException || cause.getClass().getSimpleName().equals("JavalinBindException")) {
                return true;
            }
        }
        return false;
    }

    private static void stopQuietly(Javalin javalin) {
        try {
            javalin.stop();
        } catch (RuntimeException ignored) {
            // stopping a server that failed to start: nothing more to release
        }
    }

    /** The two OTLP/HTTP body formats. */
    enum Format {
        PROTOBUF("protobuf"), JSON("JSON");

        private final String label;

        Format(String label) {
            this.label = label;
        }

        static Format of(String contentType) {
            if (contentType == null) {
                return null;
            }
            int semicolon = contentType.indexOf(';');
            String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                    .trim().toLowerCase(Locale.ROOT);
            return switch (mediaType) {
                case OtlpHttpServer.PROTOBUF, "application/protobuf" -> PROTOBUF;
                case OtlpHttpServer.JSON -> JSON;
                default -> null;
            };
        }
    }

    /** Thrown while reading a body that exceeds the limit. */
    static final class BodyTooLargeException extends IOException {
        BodyTooLargeException() {
            super("body exceeds the size limit");
        }
    }
}
