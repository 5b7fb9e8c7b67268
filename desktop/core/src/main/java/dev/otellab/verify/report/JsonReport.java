package dev.otellab.verify.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * The report as one JSON document, for scripts: {@code passed}, {@code mode}, {@code service},
 * {@code startedAt} (ISO-8601), {@code durationMillis}, {@code traffic} (total, normal, slow,
 * failing) and {@code checks} (name, status "pass"/"fail", detail, durationMillis).
 */
public final class JsonReport implements ReportWriter {
    private final ObjectMapper mapper;

    public JsonReport(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public String write(VerifyReport report) {
        ObjectNode root = mapper.createObjectNode();
        root.put("passed", report.passed());
        root.put("mode", report.mode());
        root.put("service", report.service());
        root.put("startedAt", report.startedAt().toString());
        root.put("durationMillis", report.duration().toMillis());
        ObjectNode traffic = root.putObject("traffic");
        traffic.put("total", report.traffic().total());
        traffic.put("normal", report.traffic().normal());
        traffic.put("slow", report.traffic().slow());
        traffic.put("failing", report.traffic().failing());
        ArrayNode checks = root.putArray("checks");
        for (CheckResult check : report.checks()) {
            ObjectNode node = checks.addObject();
            node.put("name", check.name());
            node.put("status", check.status().name().toLowerCase(Locale.ROOT));
            node.put("detail", check.detail());
            node.put("durationMillis", check.duration().toMillis());
        }
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
