package dev.otellab.cli;

import dev.otellab.app.QuerySources;
import dev.otellab.telemetry.model.MapEdge;
import dev.otellab.telemetry.model.MapNode;
import dev.otellab.telemetry.model.ServiceMap;
import dev.otellab.telemetry.query.TimeRange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code lab-console map}: the services, the database and peers, and the calls between them. */
@Command(name = "map", mixinStandardHelpOptions = true,
        description = "The service map: nodes (services, browser, databases, peers) and the calls between them.")
final class MapCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions store;

    @Mixin
    SourceOptions source;

    @Option(names = "--since", paramLabel = "D", converter = DurationConverter.class, defaultValue = "15m",
            description = "Range: this long before now (default: ${DEFAULT-VALUE}).")
    Duration since;

    @Override
    public Integer call() {
        if (since.isZero() || since.isNegative()) {
            throw new ParameterException(spec.commandLine(), "--since must be a positive duration, like 15m");
        }
        PrintWriter out = spec.commandLine().getOut();
        long now = TimeRange.toNanos(java.time.Instant.now());
        TimeRange range = new TimeRange(now - since.toNanos(), now);
        Optional<QuerySources> opened = source.open(store, out);
        ServiceMap map;
        if (opened.isEmpty()) {
            map = ServiceMap.empty(range.fromUnixNano(), range.toUnixNano());
        } else {
            try (QuerySources telemetry = opened.get()) {
                map = telemetry.serviceMap().map(range);
            }
        }
        if (store.json) {
            out.println(JsonOutput.write(json(map)));
        } else if (opened.isPresent()) {
            print(map, out);
        }
        out.flush();
        return 0;
    }

    /** {"nodes":[{id,kind,requests,errors}],"edges":[{client,server,requests,errors,p95Millis}]}. */
    static Map<String, Object> json(ServiceMap map) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("nodes", map.nodes().stream().map(MapCommand::nodeJson).toList());
        document.put("edges", map.edges().stream().map(MapCommand::edgeJson).toList());
        return document;
    }

    private static Map<String, Object> nodeJson(MapNode node) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", node.id());
        json.put("kind", node.kind().jsonName());
        json.put("requests", node.requests());
        json.put("errors", node.errors());
        return json;
    }

    private static Map<String, Object> edgeJson(MapEdge edge) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("client", edge.client());
        json.put("server", edge.server());
        json.put("requests", edge.requests());
        json.put("errors", edge.errors());
        json.put("p95Millis", edge.p95Millis());
        return json;
    }

    private void print(ServiceMap map, PrintWriter out) {
        if (map.isEmpty()) {
            out.println("No calls between services in the last " + DurationConverter.format(since) + ".");
            return;
        }
        TextTable nodes = new TextTable(List.of("NODE", "KIND", "REQUESTS", "ERRORS"), false, false, true, true);
        map.nodes().forEach(node -> nodes.row(node.id(), node.kind().jsonName(), Long.toString(node.requests()),
                Long.toString(node.errors())));
        nodes.print(out);
        out.println();
        TextTable edges = new TextTable(List.of("CLIENT", "", "SERVER", "REQUESTS", "RATE/S", "ERRORS", "ERROR %", "P95"),
                false, false, false, true, true, true, true, true);
        map.edges().forEach(edge -> edges.row(edge.client(), "->", edge.server(), Long.toString(edge.requests()),
                String.format(Locale.ROOT, "%.2f", edge.ratePerSecond()), Long.toString(edge.errors()),
                String.format(Locale.ROOT, "%.1f%%", edge.errorRatio() * 100),
                Double.isNaN(edge.p95Millis()) ? "-" : String.format(Locale.ROOT, "%.1f ms", edge.p95Millis())));
        edges.print(out);
    }
}
