package dev.otellab.telemetry.otlp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import dev.otellab.config.Json;
import dev.otellab.telemetry.model.TelemetryIds;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;

import java.io.IOException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * Reads OTLP/JSON into the OTLP protobuf messages, and writes responses back as OTLP/JSON.
 *
 * <p>OTLP/JSON is the protobuf JSON mapping with one exception: trace and span ids are hex
 * strings, not base64. This parser reads the body with Jackson (strict UTF-8, no trailing
 * content), rewrites the id fields (traceId, spanId, parentSpanId, in camelCase or snake_case)
 * from hex to base64, and hands the tree to protobuf's {@link JsonFormat}, which accepts both
 * field name styles, enums as names or numbers and 64-bit integers as strings or numbers, and
 * ignores unknown fields (as OTLP asks of receivers). JSON is the lab's slow path (the SDKs
 * send protobuf by default), so the extra tree pass is acceptable.
 */
public final class OtlpJsonParser {
    static final Set<String> ID_FIELDS = Set.of(
            "traceId", "spanId", "parentSpanId", "trace_id", "span_id", "parent_span_id");
    static final ObjectMapper MAPPER = Json.mapper();
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

    private OtlpJsonParser() {
    }

    public static ExportTraceServiceRequest traces(byte[] json) throws InvalidProtocolBufferException {
        ExportTraceServiceRequest.Builder builder = ExportTraceServiceRequest.newBuilder();
        merge(json, builder);
        return builder.build();
    }

    public static ExportLogsServiceRequest logs(byte[] json) throws InvalidProtocolBufferException {
        ExportLogsServiceRequest.Builder builder = ExportLogsServiceRequest.newBuilder();
        merge(json, builder);
        return builder.build();
    }

    public static ExportMetricsServiceRequest metrics(byte[] json) throws InvalidProtocolBufferException {
        ExportMetricsServiceRequest.Builder builder = ExportMetricsServiceRequest.newBuilder();
        merge(json, builder);
        return builder.build();
    }

    /** Traces from an already parsed OTLP/JSON tree (hex or base64 ids); the tree is changed in place. */
    public static ExportTraceServiceRequest traces(JsonNode tree) throws InvalidProtocolBufferException {
        ExportTraceServiceRequest.Builder builder = ExportTraceServiceRequest.newBuilder();
        merge(tree, builder);
        return builder.build();
    }

    /** Log records from an already parsed OTLP/JSON tree; the tree is changed in place. */
    public static ExportLogsServiceRequest logs(JsonNode tree) throws InvalidProtocolBufferException {
        ExportLogsServiceRequest.Builder builder = ExportLogsServiceRequest.newBuilder();
        merge(tree, builder);
        return builder.build();
    }

    /**
     * Reads one JSON document strictly (no trailing content).
     *
     * @throws JsonProcessingException with the line and column of what is wrong
     */
    public static JsonNode readTree(byte[] json, int offset, int length) throws IOException {
        return Json.strictReader().readTree(json, offset, length);
    }

    /** A message (response or google.rpc.Status) as compact protobuf JSON. */
    public static String print(MessageOrBuilder message) {
        try {
            return PRINTER.print(message);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("cannot print " + message.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static void merge(byte[] json, Message.Builder builder) throws InvalidProtocolBufferException {
        JsonNode tree;
        try {
            tree = Json.strictReader().readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidProtocolBufferException("invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidProtocolBufferException("unreadable JSON: " + e.getMessage());
        }
        merge(tree, builder);
    }

    private static void merge(JsonNode tree, Message.Builder builder) throws InvalidProtocolBufferException {
        if (tree == null || !tree.isObject()) {
            throw new InvalidProtocolBufferException("an OTLP/JSON body is a JSON object");
        }
        hexIdsToBase64(tree);
        try {
            PARSER.merge(tree.toString(), builder);
        } catch (InvalidProtocolBufferException e) {
            throw e;
        } catch (RuntimeException e) {
            // JsonFormat reports some type mismatches (e.g. an object where a string belongs) this way.
            throw new InvalidProtocolBufferException("invalid OTLP/JSON: " + e.getMessage());
        }
    }

    private static void hexIdsToBase64(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                JsonNode value = field.getValue();
                if (value.isTextual() && ID_FIELDS.contains(field.getKey())) {
                    String base64 = hexToBase64(value.textValue());
                    if (base64 != null) {
                        object.put(field.getKey(), base64); // replaces a value: no structural change
                    }
                } else if (value.isContainerNode()) {
                    hexIdsToBase64(value);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                hexIdsToBase64(array.get(i));
            }
        }
    }

    /** Base64 of a hex id, or null when the text is not hex (then it is left for JsonFormat as base64). */
    private static String hexToBase64(String hex) {
        if (hex.isEmpty() || hex.length() % 2 != 0) {
            return null;
        }
        for (int i = 0; i < hex.length(); i++) {
            if (!HexFormat.isHexDigit(hex.charAt(i))) {
                return null;
            }
        }
        return Base64.getEncoder().encodeToString(TelemetryIds.fromHex(hex));
    }
}
