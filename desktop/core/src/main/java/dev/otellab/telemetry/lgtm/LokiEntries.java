package dev.otellab.telemetry.lgtm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.otellab.telemetry.model.InstrumentationScope;
import dev.otellab.telemetry.model.LogRecord;
import dev.otellab.telemetry.model.Resource;
import dev.otellab.telemetry.model.Severity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Loki streams as log records, for query_range answers and tail messages alike. A stream's
 * labels become the record's resource (Loki indexes OTLP resource attributes as labels;
 * {@code service_name} is also the resource's service.name); structured metadata and parsed
 * fields (categorize-labels encoding: the third element of each value; without it, all of them
 * are stream labels) become attributes, except the fields the record has a place for: trace
 * and span id, severity, observed time, scope. Loki writes attribute names with underscores
 * (service.version arrives as service_version): they are kept as Loki has them.
 */
final class LokiEntries {
    private static final Set<String> MAPPED = Set.of("service_name", "trace_id", "span_id", "severity_number",
            "severity_text", "detected_level", "observed_timestamp", "scope_name", "scope_version");

    private LokiEntries() {
    }

    /** Every entry of the streams, in the order Loki sent them (stream by stream). */
    static List<LogRecord> records(JsonNode streams) {
        List<LogRecord> records = new ArrayList<>();
        for (JsonNode stream : streams) {
            Map<String, String> labels = strings(stream.path("stream"));
            for (JsonNode value : stream.path("values")) {
                Map<String, String> fields = new LinkedHashMap<>(labels);
                JsonNode categorized = value.path(2);
                fields.putAll(strings(categorized.path("structuredMetadata")));
                fields.putAll(strings(categorized.path("parsed")));
                records.add(record(value.path(0).asLong(), value.path(1).asText(""), labels, fields,
                        categorized.isObject()));
            }
        }
        return records;
    }

    private static LogRecord record(long time, String line, Map<String, String> labels, Map<String, String> fields,
                                    boolean categorized) {
        Map<String, Object> resource = new LinkedHashMap<>();
        Map<String, Object> attributes = new LinkedHashMap<>();
        String service = fields.getOrDefault("service_name", "");
        if (!service.isEmpty()) {
            resource.put(Resource.SERVICE_NAME, service);
        }
        for (Map.Entry<String, String> field : fields.entrySet()) {
            if (MAPPED.contains(field.getKey())) {
                continue;
            }
            boolean label = categorized && labels.containsKey(field.getKey());
            (label ? resource : attributes).put(field.getKey(), field.getValue());
        }
        long observed = parseLong(fields.get("observed_timestamp"), time);
        return new LogRecord(time, observed, severityNumber(fields), severityText(fields), line, service,
                fields.getOrDefault("trace_id", "").toLowerCase(Locale.ROOT),
                fields.getOrDefault("span_id", "").toLowerCase(Locale.ROOT), attributes, new Resource(resource),
                new InstrumentationScope(fields.get("scope_name"), fields.get("scope_version")));
    }

    private static int severityNumber(Map<String, String> fields) {
        long number = parseLong(fields.get("severity_number"), 0);
        if (number > 0) {
            return (int) number;
        }
        for (String key : new String[] {"severity_text", "detected_level"}) {
            String text = fields.get(key);
            if (text != null && !text.isBlank()) {
                try {
                    return Severity.parse(text).lowestNumber();
                } catch (IllegalArgumentException e) {
                    // "unknown" and custom levels: try the next field
                }
            }
        }
        return 0;
    }

    private static String severityText(Map<String, String> fields) {
        String text = fields.get("severity_text");
        if (text != null && !text.isBlank()) {
            return text;
        }
        String level = fields.get("detected_level");
        return level == null || level.equals("unknown") ? "" : level.toUpperCase(Locale.ROOT);
    }

    private static long parseLong(String text, long fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            map.put(entry.getKey(), entry.getValue().asText());
        }
        return map;
    }
}
