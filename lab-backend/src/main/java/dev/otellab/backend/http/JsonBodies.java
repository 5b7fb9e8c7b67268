package dev.otellab.backend.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otellab.backend.text.UnicodeText;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a JSON object from a request body: refuses other content types, bodies that end early or
 * exceed the limit, malformed or too deeply nested JSON and text that is not valid Unicode, each
 * with a 4xx that says what was wrong and nothing of the parser's internals.
 */
public final class JsonBodies {

  private static final String BODY_READ = JsonBodies.class.getName() + ".body";

  private final ObjectMapper mapper;

  public JsonBodies(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public JsonNode readObject(Context ctx) {
    requireJsonContentType(ctx);
    byte[] body = readBody(ctx);
    if (body.length == 0) {
      throw RequestRejectedException.badRequest("request body is empty; expected a JSON object");
    }
    JsonNode node;
    try {
      node = mapper.readTree(body);
    } catch (StreamConstraintsException e) {
      throw RequestRejectedException.badRequest("malformed JSON: " + withoutInternals(e.getOriginalMessage()));
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw RequestRejectedException.badRequest(
          "malformed JSON: " + withoutInternals(e.getOriginalMessage())
              + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
    } catch (IOException e) {
      throw RequestRejectedException.badRequest("the request body could not be read as JSON");
    }
    if (node == null || !node.isObject()) {
      throw RequestRejectedException.badRequest(
          "request body must be a JSON object, was " + (node == null ? "empty" : describe(node)));
    }
    requireValidUnicode(node, "");
    return node;
  }

  /**
   * The bytes {@link #readObject} read and checked, exactly as the client sent them (the
   * request's stream is consumed by then), e.g. for lab-web to forward; empty before it.
   */
  public static byte[] bodyRead(Context ctx) {
    byte[] body = ctx.attribute(BODY_READ);
    return body == null ? new byte[0] : body;
  }

  public static String describe(JsonNode node) {
    return switch (node.getNodeType()) {
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
    };
  }

  /**
   * The whole body, at most {@link LabServerSetup#MAX_BODY_BYTES}; a body that ends before its
   * Content-Length (the client gave up) or breaks its chunked encoding is a 400, not a 500.
   */
  private static byte[] readBody(Context ctx) {
    byte[] body;
    try (InputStream in = ctx.req().getInputStream()) {
      body = in.readNBytes((int) LabServerSetup.MAX_BODY_BYTES + 1);
    } catch (IOException | RuntimeException e) {
      throw RequestRejectedException.badRequest(
          "the request body could not be read completely: it ended before its Content-Length"
              + " or its encoding is broken");
    }
    if (body.length > LabServerSetup.MAX_BODY_BYTES) {
      throw new RequestRejectedException(413, LabServerSetup.tooLargeMessage());
    }
    ctx.attribute(BODY_READ, body);
    return body;
  }

  /** Jackson names its own classes in some messages ("from `StreamReadConstraints...`"); the client needs only the rule. */
  private static String withoutInternals(String message) {
    if (message == null) {
      return "unreadable";
    }
    return message.replaceAll(",? ?\\(?from `[^`]*`\\)?", "").replaceAll("\\s+", " ").trim();
  }

  /** A lone surrogate (e.g. "\ud800") would be stored changed ("?"); it is refused instead. */
  private static void requireValidUnicode(JsonNode node, String path) {
    if (node.isTextual()) {
      int at = UnicodeText.firstUnpairedSurrogate(node.textValue());
      if (at >= 0) {
        throw RequestRejectedException.badRequest(
            (path.isEmpty() ? "a value" : path) + " is not valid Unicode: it holds an unpaired surrogate (\\u"
                + String.format(Locale.ROOT, "%04x", (int) node.textValue().charAt(at)) + ")");
      }
    }
    if (node.isContainerNode()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (UnicodeText.firstUnpairedSurrogate(field.getKey()) >= 0) {
          throw RequestRejectedException.badRequest("a field name is not valid Unicode: it contains an unpaired surrogate");
        }
        requireValidUnicode(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey());
      }
      if (node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          requireValidUnicode(node.get(i), path + "[" + i + "]");
        }
      }
    }
  }

  private static void requireJsonContentType(Context ctx) {
    String contentType = ctx.contentType();
    String mediaType =
        contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!mediaType.equals("application/json")) {
      throw new RequestRejectedException(
          415,
          "Content-Type must be application/json, was "
              + (contentType == null ? "missing" : "'" + contentType + "'"));
    }
  }
}
