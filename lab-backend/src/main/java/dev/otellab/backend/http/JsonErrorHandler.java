package dev.otellab.backend.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers (a request line, URI or headers it cannot take: 400, 414, 431) as the
 * same {"error": "..."} body the routes give, instead of Jetty's HTML page; never a stack trace.
 */
final class JsonErrorHandler extends ErrorHandler {

  private static final HttpField JSON_CONTENT_TYPE =
      new HttpField(HttpHeader.CONTENT_TYPE, "application/json");

  private final ObjectMapper mapper;

  JsonErrorHandler(ObjectMapper mapper) {
    this.mapper = mapper;
    setShowStacks(false);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(JSON_CONTENT_TYPE);
    return ByteBuffer.wrap(body(status, reason));
  }

  @Override
  protected void generateResponse(
      Request request, Response response, int code, String message, Throwable cause, Callback callback) {
    response.getHeaders().put(JSON_CONTENT_TYPE);
    response.write(true, ByteBuffer.wrap(body(code, message)), callback);
  }

  private byte[] body(int status, String reason) {
    String text = describe(status, reason);
    try {
      return mapper.writeValueAsBytes(new ApiError(text));
    } catch (JsonProcessingException e) {
      return ("{\"error\":\"" + HttpStatus.getMessage(status) + "\"}").getBytes(StandardCharsets.UTF_8);
    }
  }

  /** Says what the client can change; Jetty's own reason is kept only when it is about the request. */
  static String describe(int status, String reason) {
    return switch (status) {
      case 414 -> "request URI too long; shorten the path and query";
      case 431 -> "request headers too large; send fewer or shorter headers";
      case 413 -> "request body too large";
      default -> {
        String standard = HttpStatus.getMessage(status).toLowerCase(Locale.ROOT);
        boolean saysMore = reason != null && !reason.isBlank() && !reason.equalsIgnoreCase(standard);
        yield status >= 500 || !saysMore ? standard : standard + ": " + reason;
      }
    };
  }
}
