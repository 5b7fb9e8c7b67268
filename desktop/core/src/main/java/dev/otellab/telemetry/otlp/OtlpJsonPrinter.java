package dev.otellab.telemetry.otlp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import dev.otellab.telemetry.model.TelemetryIds;

import java.util.Base64;
import java.util.Map;

/**
 * Writes an OTLP export request in the OTLP/JSON encoding, on one line: the protobuf JSON
 * mapping with lowerCamelCase names, enums as numbers and trace/span ids as hex (not base64),
 * as the Collector's file exporter writes it and every OTLP/HTTP receiver reads it.
 */
public final class OtlpJsonPrinter {
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer()
            .omittingInsignificantWhitespace().printingEnumsAsInts();

    private OtlpJsonPrinter() {
    }

    public static String line(MessageOrBuilder request) {
        try {
            JsonNode tree = OtlpJsonParser.MAPPER.readTree(PRINTER.print(request));
            base64IdsToHex(tree);
            return OtlpJsonParser.MAPPER.writeValueAsString(tree);
        } catch (InvalidProtocolBufferException | JsonProcessingException e) {
            throw new IllegalStateException("cannot print " + request.getClass().getSimpleName() + " as OTLP/JSON", e);
        }
    }

    private static void base64IdsToHex(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                JsonNode value = field.getValue();
                if (value.isTextual() && OtlpJsonParser.ID_FIELDS.contains(field.getKey())) {
                    object.put(field.getKey(), TelemetryIds.toHex(Base64.getDecoder().decode(value.textValue())));
                } else if (value.isContainerNode()) {
                    base64IdsToHex(value);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                base64IdsToHex(array.get(i));
            }
        }
    }
}
