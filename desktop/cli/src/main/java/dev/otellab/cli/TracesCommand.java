package dev.otellab.cli;

import dev.otellab.app.QuerySources;
import dev.otellab.presentation.DurationText;
import dev.otellab.presentation.TimeText;
import dev.otellab.telemetry.model.TraceSummary;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.telemetry.query.TraceSearchCriteria;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code lab-console traces}: searches stored traces, newest first. */
@Command(name = "traces", mixinStandardHelpOptions = true,
        description = "Search stored traces, newest first.")
final class TracesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions store;

    @Mixin
    SourceOptions source;

    @Option(names = "--service", paramLabel = "S", description = "Only traces with a span of this service.")
    String service;

    @Option(names = "--name", paramLabel = "N", description = "Only traces with a span of this name.")
    String name;

    @Option(names = "--min-duration", paramLabel = "D", converter = DurationConverter.class,
            description = "Only traces lasting at least this long, e.g. 100ms.")
    Duration minDuration;

    @Option(names = "--max-duration", paramLabel = "D", converter = DurationConverter.class,
            description = "Only traces lasting at most this long, e.g. 2s.")
    Duration maxDuration;

    @Option(names = "--errors", description = "Only traces with an ERROR span.")
    boolean errors;

    @Option(names = "--attr", paramLabel = "KEY=VALUE",
            description = "Only traces with a span having this attribute value (repeatable).")
    Map<String, String> attributes = new LinkedHashMap<>();

    @Option(names = "--since", paramLabel = "D", converter = DurationConverter.class, defaultValue = "15m",
            description = "Traces started within this long before now (default: ${DEFAULT-VALUE}).")
    Duration since;

    @Option(names = "--from", paramLabel = "ISO", description = "Start of the range, e.g. 2026-11-25T08:00:00Z (instead of --since).")
    String from;

    @Option(names = "--to", paramLabel = "ISO", description = "End of the range (default: now).")
    String to;

    @Option(names = "--limit", defaultValue = "20", description = "At most this many traces (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        TimeRange range = range();
        TraceSearchCriteria criteria;
        try {
            criteria = new TraceSearchCriteria(service, name, minDuration, maxDuration, errors, attributes);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (limit <= 0) {
            throw new ParameterException(spec.commandLine(), "--limit is a positive number, got " + limit);
        }
        Optional<QuerySources> opened = source.open(store, out);
        List<TraceSummary> traces = List.of();
        if (opened.isPresent()) {
            try (QuerySources sources = opened.get()) {
                // one more than shown tells whether more match
                traces = sources.traces().search(criteria, range, limit == Integer.MAX_VALUE ? limit : limit + 1);
            }
        } else if (!store.json) {
            return 0;
        }
        boolean more = traces.size() > limit;
        traces = more ? traces.subList(0, limit) : traces;
        if (store.json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (TraceSummary trace : traces) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("traceId", trace.traceId());
                row.put("start", Instant.ofEpochSecond(0, trace.startUnixNano()).toString());
                row.put("startUnixNano", trace.startUnixNano());
                row.put("durationNanos", trace.durationNanos());
                row.put("rootService", trace.rootService());
                row.put("rootName", trace.rootName());
                row.put("spanCount", trace.spanCount());
                row.put("errorCount", trace.errorCount());
                row.put("services", trace.services().stream().sorted().toList());
                rows.add(row);
            }
            out.println(JsonOutput.write(rows));
        } else if (traces.isEmpty()) {
            out.println("No traces match between " + TimeText.dateTime(range.fromUnixNano()) + " and "
                    + TimeText.dateTime(range.toUnixNano()) + ".");
        } else {
            TextTable table = new TextTable(List.of("START", "TRACE ID", "ROOT SERVICE", "ROOT NAME", "DURATION", "SPANS",
                    "ERRORS"), false, false, false, false, true, true, true);
            for (TraceSummary trace : traces) {
                table.row(TimeText.dateTime(trace.startUnixNano()), trace.traceId(), trace.rootService(), trace.rootName(),
                        DurationText.format(trace.durationNanos()), Integer.toString(trace.spanCount()),
                        Integer.toString(trace.errorCount()));
            }
            table.print(out);
            if (more) {
                out.println("Showing the newest " + limit + " traces; more match. See more with --limit N,"
                        + " or fewer with filters or a shorter --since.");
            }
        }
        out.flush();
        return 0;
    }

    private TimeRange range() {
        if (from == null && to == null) {
            return TimeRange.last(since);
        }
        try {
            Instant end = to == null ? Instant.now() : Instant.parse(to);
            Instant start = from == null ? end.minus(since) : Instant.parse(from);
            if (end.isBefore(start)) {
                throw new ParameterException(spec.commandLine(), "--to is before --from");
            }
            return TimeRange.between(start, end);
        } catch (DateTimeParseException e) {
            throw new ParameterException(spec.commandLine(), "'" + e.getParsedString()
                    + "' is not an ISO-8601 instant: write e.g. 2026-11-25T08:00:00Z");
        }
    }
}
