package dev.otellab.ui.lab;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otellab.config.Json;
import dev.otellab.lab.ServiceOutput;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the lab services' JSON log lines into lines a person reads at a glance:
 * {@code 10:02:14.065 INFO  lab-web  Request completed  method=GET route=/api/tasks status=200  trace=5b8e...}
 * (the service's name when the line is tagged with one, see {@link ServiceOutput}).
 * Lines that are not JSON (a JVM warning, a stack trace) stay as they are, after their tag.
 */
final class BackendOutputLine {
    enum Level { ERROR, WARN, OTHER }

    private static final ObjectMapper JSON = Json.mapper();
    private static final Set<String> SHOWN_FIRST = Set.of("timestamp", "level", "message", "logger", "thread",
            "trace_id", "span_id", "trace_flags", "exception");

    private BackendOutputLine() {
    }

    static String format(String tagged) {
        Optional<ServiceOutput> output = ServiceOutput.parse(tagged);
        String raw = output.map(ServiceOutput::line).orElse(tagged);
        String service = output.map(ServiceOutput::service).orElse(null);
        if (raw.isEmpty() || raw.charAt(0) != '{') {
            return service == null ? raw : service + " | " + raw;
        }
        JsonNode line;
        try {
            line = JSON.readTree(raw);
        } catch (JsonProcessingException e) {
            return raw;
        }
        if (line == null || !line.isObject() || !line.has("message")) {
            return service == null ? raw : service + " | " + raw;
        }
        StringBuilder text = new StringBuilder(160);
        String timestamp = line.path("timestamp").asText("");
        int t = timestamp.indexOf('T');
        text.append(t >= 0 && timestamp.length() > t + 12 ? timestamp.substring(t + 1, t + 13) : timestamp);
        text.append(' ').append(String.format("%-5s", line.path("level").asText("")));
        if (service != null) {
            text.append(' ').append(String.format("%-11s", service));
        }
        text.append(' ').append(line.path("message").asText(""));
        Iterator<Map.Entry<String, JsonNode>> fields = line.fields();
        boolean first = true;
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (SHOWN_FIRST.contains(field.getKey())) {
                continue;
            }
            text.append(first ? "  " : " ").append(field.getKey()).append('=').append(field.getValue().asText());
            first = false;
        }
        String traceId = line.path("trace_id").asText("");
        if (!traceId.isEmpty()) {
            text.append("  trace=").append(traceId);
        }
        JsonNode exception = line.get("exception");
        if (exception != null && !exception.isNull()) {
            String firstLine = exception.asText().lines().findFirst().orElse("");
            text.append("  ").append(firstLine);
        }
        return text.toString();
    }

    /** The level of a formatted (or raw) line, for its color. */
    static Level levelOf(String line) {
        int space = line.indexOf(' ');
        String level = space < 0 ? "" : line.substring(space + 1, Math.min(line.length(), space + 6)).trim();
        if (level.equals("ERROR") || line.startsWith("SEVERE:") || line.startsWith("Exception in thread")) {
            return Level.ERROR;
        }
        if (level.equals("WARN") || line.startsWith("WARNING:")) {
            return Level.WARN;
        }
        return Level.OTHER;
    }
}
