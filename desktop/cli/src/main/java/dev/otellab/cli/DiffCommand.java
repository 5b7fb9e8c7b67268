package dev.otellab.cli;

import dev.otellab.telemetry.model.TraceId;
import dev.otellab.app.QuerySources;
import dev.otellab.presentation.DurationText;
import dev.otellab.telemetry.diff.AttributeChange;
import dev.otellab.telemetry.diff.Presence;
import dev.otellab.telemetry.diff.SpanDiff;
import dev.otellab.telemetry.diff.TraceDiff;
import dev.otellab.telemetry.diff.TraceDiffer;
import dev.otellab.telemetry.diff.TypicalTraces;
import dev.otellab.telemetry.files.TraceFileContent;
import dev.otellab.telemetry.files.TraceFileException;
import dev.otellab.telemetry.files.TraceFileReader;
import dev.otellab.telemetry.model.Trace;
import dev.otellab.telemetry.query.TimeRange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code lab-console diff A B}: two traces compared span by span, or one with the typical trace. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Compare two traces span by span: spans aligned by service, name and place in the tree,"
                + " with duration and self-time deltas, status and attribute changes, spans only in one, and the"
                + " five spans contributing most to the total delta.",
                "A and B are trace ids (read from --mode, any mode) or trace files (as `import` reads)."
                        + " With --typical, A is compared with the median of the other traces of its root operation."})
final class DiffCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions store;

    @Mixin
    SourceOptions source;

    @Parameters(paramLabel = "A|B", arity = "1..2", description = "Trace ids or trace files: A (the baseline) and B.")
    List<String> sides;

    @Option(names = "--typical", description = "Compare A with the typical trace of its root operation (no B).")
    boolean typical;

    @Option(names = "--since", paramLabel = "D", converter = DurationConverter.class, defaultValue = "1h",
            description = "With --typical: the other traces started within this long before now (default: ${DEFAULT-VALUE}).")
    Duration since;

    @Option(names = "--limit", defaultValue = "" + TypicalTraces.DEFAULT_LIMIT,
            description = "With --typical: at most this many other traces (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--all", description = "List every aligned span, not only those that differ.")
    boolean all;

    @Override
    public Integer call() throws IOException {
        if (typical == (sides.size() == 2)) {
            throw new ParameterException(spec.commandLine(), typical
                    ? "--typical compares one trace: give only A" : "Give two traces (A and B), or one with --typical");
        }
        if (limit < 1) {
            throw new ParameterException(spec.commandLine(), "--limit is at least 1");
        }
        PrintWriter err = spec.commandLine().getErr();
        Optional<QuerySources> opened = needsSource() ? source.openQuietly(store) : Optional.empty();
        try {
            Trace a = resolve(sides.get(0), opened);
            TraceDiff diff;
            if (typical) {
                QuerySources sources = opened.orElseThrow(() -> new TraceFileException(
                        StoreOptions.noTelemetryMessage(store.storeDir())));
                diff = new TypicalTraces(sources.traces()).compare(a, TimeRange.last(since), limit, () -> false);
            } else {
                Trace b = resolve(sides.get(1), opened);
                diff = TraceDiffer.diff(a, b);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (store.json) {
                out.println(JsonOutput.write(json(diff)));
            } else {
                text(diff, out);
            }
            out.flush();
            return 0;
        } catch (TraceFileException | IllegalArgumentException e) {
            err.println(e.getMessage());
            err.flush();
            return 1;
        } finally {
            opened.ifPresent(QuerySources::close);
        }
    }

    private boolean needsSource() {
        return typical || sides.stream().anyMatch(side -> !Files.isRegularFile(Path.of(side)));
    }

    /** A file when one exists with that name, else a trace id read from the source. */
    private Trace resolve(String side, Optional<QuerySources> sources) throws TraceFileException, IOException {
        Path file = Path.of(side);
        if (Files.isRegularFile(file)) {
            TraceFileContent content;
            try {
                content = TraceFileReader.read(file);
            } catch (TraceFileException e) {
                throw new TraceFileException(file + ": " + e.getMessage());
            }
            List<Trace> traces = content.traces();
            if (traces.isEmpty()) {
                throw new TraceFileException(file + " holds no spans");
            }
            if (traces.size() > 1) {
                spec.commandLine().getErr().println(file + " holds " + traces.size()
                        + " traces; comparing its first, " + traces.get(0).traceId());
            }
            return traces.get(0);
        }
        TraceId id;
        try {
            id = TraceId.parse(side);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "'" + side + "' is neither a file nor a trace id (32 hexadecimal characters)");
        }
        QuerySources opened = sources.orElseThrow(() -> new TraceFileException(
                StoreOptions.noTelemetryMessage(store.storeDir())));
        return opened.traces().trace(id).orElseThrow(() -> new TraceFileException("Trace " + id + " not found"));
    }

    private void text(TraceDiff diff, PrintWriter out) {
        out.printf("%-55s %10s%n", diff.labelA(), DurationText.format(diff.durationA()));
        out.printf("%-55s %10s%n", diff.labelB(), DurationText.format(diff.durationB()));
        out.printf("Total delta %s; %d aligned, %d only in A, %d only in B, %d status change%s%n",
                signed(diff.totalDelta()), diff.count(Presence.BOTH), diff.count(Presence.ONLY_A),
                diff.count(Presence.ONLY_B), diff.statusChanges(), diff.statusChanges() == 1 ? "" : "s");
        if (diff.isEmpty()) {
            out.println("No difference.");
            return;
        }
        List<SpanDiff> top = diff.topContributors();
        if (!top.isEmpty()) {
            out.println();
            out.println("Contributing most (self-time delta):");
            for (SpanDiff row : top) {
                out.printf("  %10s  %s  %s%n", signed(row.selfDelta()), row.service(), row.path());
            }
        }
        out.println();
        TextTable table = new TextTable(List.of("SPAN", "SERVICE", "IN", "A", "B", "DELTA", "SELF DELTA", "STATUS",
                "ATTRIBUTES"), false, false, false, true, true, true, true);
        for (SpanDiff row : diff.spans()) {
            if (!all && !row.hasDifference()) {
                continue;
            }
            table.row("  ".repeat(row.depth()) + row.name(), row.service(), row.presence().label(),
                    row.presence() == Presence.ONLY_B ? "" : DurationText.format(row.durationA()),
                    row.presence() == Presence.ONLY_A ? "" : DurationText.format(row.durationB()),
                    signed(row.durationDelta()), signed(row.selfDelta()), status(row), attributes(row));
        }
        table.print(out);
    }


    private static String status(SpanDiff row) {
        if (row.statusChanged()) {
            return row.statusA() + " -> " + row.statusB();
        }
        return row.b() != null && row.b().isError() || row.a() != null && row.a().isError() ? "ERROR" : "";
    }

    private static String attributes(SpanDiff row) {
        List<String> changes = new ArrayList<>();
        for (AttributeChange change : row.attributeChanges()) {
            changes.add(change.key() + ": " + (change.a() == null ? "-" : change.a()) + " -> "
                    + (change.b() == null ? "-" : change.b()));
        }
        String text = String.join(", ", changes);
        return text.length() > 60 ? text.substring(0, 59) + "…" : text;
    }

    static String signed(long nanos) {
        return (nanos > 0 ? "+" : nanos < 0 ? "-" : "±") + DurationText.format(Math.abs(nanos));
    }

    private static Map<String, Object> json(TraceDiff diff) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("a", side(diff.labelA(), diff.traceIdA(), diff.durationA()));
        document.put("b", side(diff.labelB(), diff.traceIdB(), diff.durationB()));
        if (diff.typicalOf() > 0) {
            document.put("typicalOf", diff.typicalOf());
        }
        document.put("totalDeltaNanos", diff.totalDelta());
        document.put("empty", diff.isEmpty());
        document.put("topContributors", diff.topContributors().stream().map(DiffCommand::json).toList());
        document.put("spans", diff.spans().stream().map(DiffCommand::json).toList());
        return document;
    }

    private static Map<String, Object> side(String label, String traceId, long duration) {
        Map<String, Object> side = new LinkedHashMap<>();
        side.put("label", label);
        side.put("traceId", traceId);
        side.put("durationNanos", duration);
        return side;
    }

    private static Map<String, Object> json(SpanDiff row) {
        Map<String, Object> span = new LinkedHashMap<>();
        span.put("path", row.path());
        span.put("depth", row.depth());
        span.put("service", row.service());
        span.put("name", row.name());
        span.put("presence", row.presence().name().toLowerCase(Locale.ROOT));
        span.put("spanIdA", row.a() == null ? null : row.a().spanId());
        span.put("spanIdB", row.b() == null ? null : row.b().spanId());
        span.put("durationNanosA", row.durationA());
        span.put("durationNanosB", row.durationB());
        span.put("durationDeltaNanos", row.durationDelta());
        span.put("selfNanosA", row.selfA());
        span.put("selfNanosB", row.selfB());
        span.put("selfDeltaNanos", row.selfDelta());
        span.put("statusA", row.statusA());
        span.put("statusB", row.statusB());
        span.put("statusChanged", row.statusChanged());
        span.put("attributeChanges", row.attributeChanges());
        return span;
    }
}
