package dev.otellab.telemetry.embedded;

import dev.otellab.telemetry.model.SpanEvent;
import dev.otellab.telemetry.model.SpanLink;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AttributeCodecTest {

    private static Map<String, Object> everyType() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("http.route", "/api/tasks/{id}");
        attributes.put("unicode", "grüße 日本");
        attributes.put("negative", -7L);
        attributes.put("big", Long.MAX_VALUE);
        attributes.put("ratio", 0.125);
        attributes.put("yes", true);
        attributes.put("no", false);
        attributes.put("raw", new byte[] {9, 8});
        attributes.put("list", List.of("a", 2L, 3.5, true));
        attributes.put("nested", Map.of("k", List.of(1L)));
        attributes.put("nothing", null);
        attributes.put("last", "found");
        return attributes;
    }

    @Test
    void everyValueTypeRoundTripsInOrder() {
        Map<String, Object> decoded = AttributeCodec.decode(AttributeCodec.encode(everyType()));

        assertThat(List.copyOf(decoded.keySet())).containsExactlyElementsOf(everyType().keySet());
        assertThat(decoded.get("raw")).isEqualTo(new byte[] {9, 8});
        Map<String, Object> comparable = new LinkedHashMap<>(decoded);
        comparable.remove("raw");
        Map<String, Object> expected = new LinkedHashMap<>(everyType());
        expected.remove("raw");
        assertThat(comparable).isEqualTo(expected);
    }

    @Test
    void anEmptyMapIsStoredAsNull() {
        assertThat(AttributeCodec.encode(Map.of())).isNull();
        assertThat(AttributeCodec.decode(null)).isEmpty();
    }

    @Test
    void findTextSkipsEveryTypeToReachAKeyAndWritesValuesAsText() {
        byte[] encoded = AttributeCodec.encode(everyType());

        assertThat(AttributeCodec.findText(encoded, "last")).isEqualTo("found");
        assertThat(AttributeCodec.findText(encoded, "http.route")).isEqualTo("/api/tasks/{id}");
        assertThat(AttributeCodec.findText(encoded, "negative")).isEqualTo("-7");
        assertThat(AttributeCodec.findText(encoded, "yes")).isEqualTo("true");
        assertThat(AttributeCodec.findText(encoded, "list")).isEqualTo("[a, 2, 3.5, true]");
        assertThat(AttributeCodec.findText(encoded, "missing")).isNull();
        assertThat(AttributeCodec.findText(null, "last")).isNull();
    }

    @Test
    void eventsAndLinksRoundTrip() {
        List<SpanEvent> events = List.of(new SpanEvent(1_000_500, "exception", Map.of("exception.type", "IOException")),
                new SpanEvent(999_000, "before start", Map.of()));
        List<SpanLink> links = List.of(new SpanLink("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
                Map.of("reason", "retry")));

        assertThat(AttributeCodec.decodeEvents(AttributeCodec.encodeEvents(events, 1_000_000), 1_000_000))
                .isEqualTo(events);
        assertThat(AttributeCodec.decodeLinks(AttributeCodec.encodeLinks(links))).isEqualTo(links);
        assertThat(AttributeCodec.encodeEvents(List.of(), 0)).isNull();
    }
}
