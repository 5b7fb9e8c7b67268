package dev.otellab.backend.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otellab.backend.telemetry.RequestTelemetry;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.util.Locale;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server setup every lab HTTP service shares (lab-backend, lab-web): one JSON mapper, a body
 * limit and encoding check decided from the headers before any body is read, {"error": "..."}
 * answers for every failure (Jetty's own 400/414/431 too) with no internal text, a graceful stop.
 */
public final class LabServerSetup {

  /** The largest request body a lab service reads. */
  public static final long MAX_BODY_BYTES = 1L << 20;

  /** In-flight requests get this long to finish when the server stops. */
  public static final Duration GRACEFUL_STOP = Duration.ofSeconds(10);

  private static final String INTERNAL_ERROR = "internal server error; the service log has the details";
  private static final Logger LOG = LoggerFactory.getLogger(LabServerSetup.class);

  private LabServerSetup() {}

  /** The JSON mapper of the lab services: duplicate fields and trailing content are errors. */
  public static ObjectMapper jsonMapper() {
    return new ObjectMapper()
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  /** Applies the shared setup; routes, filters and route-specific exception mappings are the caller's. */
  public static void apply(JavalinConfig config, ObjectMapper mapper) {
    config.startup.showJavalinBanner = false;
    config.startup.showOldJavalinVersionWarning = false;
    config.startup.startupWatcherEnabled = false;
    config.http.maxRequestSize = MAX_BODY_BYTES;
    config.http.prefer405over404 = true;
    // Small JSON answers on loopback: compressing them costs more than it saves.
    config.http.compressionStrategy = CompressionStrategy.NONE;
    config.jsonMapper(new io.javalin.json.JavalinJackson(mapper, false));
    config.jetty.modifyServer(
        server -> {
          server.setStopTimeout(GRACEFUL_STOP.toMillis());
          server.insertHandler(new GracefulHandler());
          server.setErrorHandler(new JsonErrorHandler(mapper));
        });
    config.routes.before(LabServerSetup::refuseUnreadableBodies);
    config.routes.exception(
        RequestRejectedException.class, (e, ctx) -> reply(ctx, e.status(), e.getMessage()));
    config.routes.exception(HttpResponseException.class, LabServerSetup::frameworkRejection);
    config.routes.exception(Exception.class, (e, ctx) -> serverError(e, ctx, INTERNAL_ERROR));
  }

  /** Answers {"error": message} with the status. */
  public static void reply(Context ctx, int status, String message) {
    ctx.status(status).json(new ApiError(message));
  }

  /**
   * Refuses, from the headers alone, a body that is too large or encoded in a way the services do
   * not decode, so the body is never read (a declared 50 MiB is refused at once, not after it arrived).
   */
  private static void refuseUnreadableBodies(Context ctx) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > MAX_BODY_BYTES) {
      throw new RequestRejectedException(413, tooLargeMessage());
    }
    String encoding = ctx.header("Content-Encoding");
    if (encoding != null && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity")) {
      throw new RequestRejectedException(
          415, "Content-Encoding '" + encoding.trim() + "' is not supported; send the body uncompressed");
    }
  }

  static String tooLargeMessage() {
    return "request body exceeds " + MAX_BODY_BYTES + " bytes (1 MiB)";
  }

  private static void frameworkRejection(HttpResponseException e, Context ctx) {
    switch (e.getStatus()) {
      case 404 -> reply(ctx, 404, "no route for " + ctx.method() + " " + ctx.path());
      case 405 -> {
        String allowed = e.getDetails().values().stream().findFirst().orElse("");
        ctx.header("Allow", allowed);
        reply(ctx, 405, "method " + ctx.method() + " not allowed on " + ctx.path() + "; allowed: " + allowed);
      }
      case 413 -> reply(ctx, 413, tooLargeMessage());
      default -> {
        if (e.getStatus() >= 500) {
          serverError(e, ctx, INTERNAL_ERROR);
        } else {
          String standard = HttpStatus.forStatus(e.getStatus()).getMessage().toLowerCase(Locale.ROOT);
          reply(ctx, e.getStatus(), e.getMessage().isBlank() ? standard : e.getMessage());
        }
      }
    }
  }

  /**
   * A failure of the service itself: logged and recorded on the SERVER span; the client gets only
   * {@code publicMessage}, never the exception's own text.
   */
  public static void serverError(Exception e, Context ctx, String publicMessage) {
    RequestTelemetry.recordFailure(ctx.req(), e);
    LOG.atError()
        .setMessage("Request failed")
        .addKeyValue("method", ctx.method().name())
        .addKeyValue("path", ctx.path())
        .setCause(e)
        .log();
    reply(ctx, 500, publicMessage);
  }
}
