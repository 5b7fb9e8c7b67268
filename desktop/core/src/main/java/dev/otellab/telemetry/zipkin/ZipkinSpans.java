package dev.otellab.telemetry.zipkin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.otellab.telemetry.model.SpanId;
import dev.otellab.telemetry.model.TraceId;
import dev.otellab.telemetry.model.InstrumentationScope;
import dev.otellab.telemetry.model.Resource;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.SpanEvent;
import dev.otellab.telemetry.model.SpanKind;
import dev.otellab.telemetry.model.StatusCode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Zipkin's span model (API v2 JSON) mapped to ours (docs/decisions/0033): localEndpoint's
 * service is the span's service, tags are attributes, annotations are events, the {@code error}
 * tag (or OpenTelemetry's {@code otel.status_code}) is the status, remoteEndpoint becomes the
 * peer attributes, and the server half of a shared span (same id as its client) gets an id of
 * its own as a child of the client half, so that both show in the waterfall.
 */
final class ZipkinSpans {
    static final String ERROR_TAG = "error";
    static final String STATUS_CODE_TAG = "otel.status_code";
    static final String STATUS_DESCRIPTION_TAG = "otel.status_description";
    static final String SCOPE_NAME_TAG = "otel.scope.name";
    static final String SCOPE_VERSION_TAG = "otel.scope.version";
    static final String PEER_SERVICE = "peer.service";
    static final String PEER_ADDRESS = "network.peer.address";
    static final String PEER_PORT = "network.peer.port";
    /** Marks a span that Zipkin reported as the shared (server) half of an RPC span. */
    static final String SHARED_ATTRIBUTE = "zipkin.shared";

    private ZipkinSpans() {
    }

    /** The spans of one Zipkin trace (a JSON array of v2 spans), shared halves split. */
    static List<Span> trace(JsonNode zipkinSpans) {
        List<JsonNode> raw = new ArrayList<>();
        zipkinSpans.forEach(raw::add);
        Map<String, JsonNode> unsharedById = new HashMap<>();
        for (JsonNode span : raw) {
            if (!span.path("shared").asBoolean(false)) {
                unsharedById.putIfAbsent(span.path("id").asText(), span);
            }
        }
        Map<String, String> serverHalves = new HashMap<>(); // shared id + service -> new id of the server half
        List<Span> spans = new ArrayList<>(raw.size());
        for (JsonNode span : raw) {
            String id = spanId(span.path("id").asText());
            String parent = span.path("parentId").asText("");
            if (span.path("shared").asBoolean(false) && unsharedById.containsKey(span.path("id").asText())) {
                String serverId = serverHalfId(id);
                serverHalves.put(id + "|" + service(span), serverId);
                spans.add(span(span, serverId, id));
            } else {
                spans.add(span(span, id, parent.isEmpty() ? "" : spanId(parent)));
            }
        }
        if (serverHalves.isEmpty()) {
            return spans;
        }
        // A child of a shared span belongs to the half that runs in its own service (Zipkin's UI does the same).
        List<Span> reparented = new ArrayList<>(spans.size());
        for (Span span : spans) {
            String serverHalf = serverHalves.get(span.parentSpanId() + "|" + span.serviceName());
            reparented.add(serverHalf == null || serverHalf.equals(span.spanId()) ? span : withParent(span, serverHalf));
        }
        return reparented;
    }

    /** One Zipkin span with the given ids. */
    static Span span(JsonNode zipkin, String spanId, String parentSpanId) {
        String traceId = traceId(zipkin.path("traceId").asText());
        long start = zipkin.path("timestamp").asLong(0) * 1_000L;
        long end = start + zipkin.path("duration").asLong(0) * 1_000L;
        String service = service(zipkin);
        Map<String, Object> attributes = new LinkedHashMap<>();
        zipkin.path("tags").properties().forEach(tag -> attributes.put(tag.getKey(), tag.getValue().asText()));
        StatusCode status = StatusCode.UNSET;
        String statusMessage = "";
        Object code = attributes.remove(STATUS_CODE_TAG);
        Object description = attributes.remove(STATUS_DESCRIPTION_TAG);
        Object error = attributes.remove(ERROR_TAG);
        if (code != null) {
            status = switch (code.toString().toUpperCase(Locale.ROOT)) {
                case "ERROR" -> StatusCode.ERROR;
                case "OK" -> StatusCode.OK;
                default -> StatusCode.UNSET;
            };
        }
        if (error != null) {
            status = StatusCode.ERROR;
            String text = error.toString();
            statusMessage = text.isEmpty() || text.equalsIgnoreCase("true") ? "" : text;
        }
        if (description != null && statusMessage.isEmpty()) {
            statusMessage = description.toString();
        }
        Object scopeName = attributes.remove(SCOPE_NAME_TAG);
        Object scopeVersion = attributes.remove(SCOPE_VERSION_TAG);
        InstrumentationScope scope = scopeName == null ? InstrumentationScope.UNKNOWN
                : new InstrumentationScope(scopeName.toString(), Objects.toString(scopeVersion, ""));
        JsonNode remote = zipkin.path("remoteEndpoint");
        if (remote.hasNonNull("serviceName")) {
            attributes.putIfAbsent(PEER_SERVICE, remote.get("serviceName").asText());
        }
        String address = remote.path("ipv4").asText(remote.path("ipv6").asText(""));
        if (!address.isEmpty()) {
            attributes.putIfAbsent(PEER_ADDRESS, address);
        }
        if (remote.hasNonNull("port")) {
            attributes.putIfAbsent(PEER_PORT, remote.get("port").asLong());
        }
        if (zipkin.path("shared").asBoolean(false)) {
            attributes.put(SHARED_ATTRIBUTE, true);
        }
        List<SpanEvent> events = new ArrayList<>();
        for (JsonNode annotation : zipkin.path("annotations")) {
            events.add(new SpanEvent(annotation.path("timestamp").asLong(0) * 1_000L, annotation.path("value").asText(),
                    Map.of()));
        }
        return new Span(traceId, spanId, parentSpanId, zipkin.path("name").asText(""), kind(zipkin.path("kind").asText("")),
                service, start, end, status, statusMessage, attributes, events, List.of(),
                new Resource(Map.of(Resource.SERVICE_NAME, service)), scope);
    }

    /** Zipkin's kinds; a span without one (Zipkin has no "internal") is unspecified. */
    static SpanKind kind(String zipkinKind) {
        return switch (zipkinKind) {
            case "CLIENT" -> SpanKind.CLIENT;
            case "SERVER" -> SpanKind.SERVER;
            case "PRODUCER" -> SpanKind.PRODUCER;
            case "CONSUMER" -> SpanKind.CONSUMER;
            default -> SpanKind.UNSPECIFIED;
        };
    }

    static String service(JsonNode zipkin) {
        String name = zipkin.path("localEndpoint").path("serviceName").asText("");
        return name.isEmpty() ? Resource.UNKNOWN_SERVICE : name;
    }

    /** Zipkin's 64-bit trace ids padded to 128 bits, as OpenTelemetry pads them. */
    static String traceId(String zipkinId) {
        return TraceId.withLeadingZeros(zipkinId).hex();
    }

    private static String spanId(String zipkinId) {
        return SpanId.withLeadingZeros(zipkinId).hex();
    }

    /** A stable id for the server half of a shared span: the shared id with its bits inverted. */
    static String serverHalfId(String sharedId) {
        long inverted = ~Long.parseUnsignedLong(sharedId, 16);
        return String.format("%016x", inverted == 0 ? 1 : inverted);
    }

    private static Span withParent(Span span, String parent) {
        return new Span(span.traceId(), span.spanId(), parent, span.name(), span.kind(), span.serviceName(),
                span.startUnixNano(), span.endUnixNano(), span.status(), span.statusMessage(), span.attributes(),
                span.events(), span.links(), span.resource(), span.scope());
    }
}
