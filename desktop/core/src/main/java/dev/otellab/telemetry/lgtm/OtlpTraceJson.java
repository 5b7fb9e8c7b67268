package dev.otellab.telemetry.lgtm;

import dev.otellab.telemetry.endpoints.Backend;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.otellab.telemetry.otlp.OtlpDecoder;
import dev.otellab.telemetry.otlp.OtlpJsonParser;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.query.TelemetryQueryException;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Spans out of a backend's OTLP JSON answer (Tempo's trace by id, Jaeger's API v3): the
 * {@code resourceSpans} array, hex or base64 ids, decoded by the shared OTLP parser and
 * decoder, so that spans read back from any backend are the spans the receiver would store.
 */
public final class OtlpTraceJson {
    private OtlpTraceJson() {
    }

    /**
     * The spans of {@code resourceSpans} (a missing or non-array node is no spans); an answer that is
     * not OTLP becomes a TelemetryQueryException naming the backend and {@code what} was asked.
     */
    public static List<Span> spans(LgtmHttp http, Backend backend, JsonNode resourceSpans, String what) {
        ObjectNode request = LgtmHttp.JSON.createObjectNode();
        request.set("resourceSpans", resourceSpans != null && resourceSpans.isArray() ? resourceSpans
                : LgtmHttp.JSON.createArrayNode());
        try {
            return OtlpDecoder.traces(OtlpJsonParser.traces(request.toString().getBytes(StandardCharsets.UTF_8)))
                    .batch().spans();
        } catch (InvalidProtocolBufferException e) {
            throw new TelemetryQueryException(http.failure(backend, what,
                    "sent a trace that is not OTLP JSON: " + e.getMessage()).getMessage(), e);
        }
    }
}
