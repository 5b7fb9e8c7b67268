package dev.otellab.backend.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.Locale;

/** Reads a JSON object from a request body, refusing other content types and malformed JSON. */
final class JsonBodies {

  private final ObjectMapper mapper;

  JsonBodies(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  JsonNode readObject(Context ctx) {
    requireJsonContentType(ctx);
    byte[] body = ctx.bodyAsBytes();
    if (body.length == 0) {
      throw RequestRejectedException.badRequest("request body is empty; expected a JSON object");
    }
    JsonNode node;
    try {
      node = mapper.readTree(body);
    } catch (JsonProcessingException e) {
      throw RequestRejectedException.badRequest(
          "malformed JSON: " + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr()
              + ", column " + e.getLocation().getColumnNr());
    } catch (java.io.IOException e) {
      throw RequestRejectedException.badRequest("cannot read request body: " + e.getMessage());
    }
    if (node == null || !node.isObject()) {
      throw RequestRejectedException.badRequest(
          "request body must be a JSON object, was " + (node == null ? "empty" : describe(node)));
    }
    return node;
  }

  static String describe(JsonNode node) {
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
