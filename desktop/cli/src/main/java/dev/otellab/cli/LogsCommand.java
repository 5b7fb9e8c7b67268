package dev.otellab.cli;

import dev.otellab.telemetry.model.SpanId;
import dev.otellab.telemetry.model.TraceId;
import dev.otellab.app.QuerySources;
import dev.otellab.lab.LabMode;
import dev.otellab.presentation.TimeText;
import dev.otellab.telemetry.lgtm.LokiLogSource;
import dev.otellab.telemetry.model.LogRecord;
import dev.otellab.telemetry.model.Severity;
import dev.otellab.telemetry.query.LogFilter;
import dev.otellab.telemetry.query.QueryDirection;
import dev.otellab.telemetry.query.Subscription;
import dev.otellab.telemetry.query.TimeRange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code lab-console logs}: stored log records, oldest first; {@code --follow} keeps tailing. */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = "Show stored log records (the newest --limit, oldest first); --follow keeps printing new ones.")
final class LogsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions store;

    @Mixin
    SourceOptions source;

    @Option(names = "--trace-id", paramLabel = "ID",
            description = "Only records of this trace, at any age unless --since is given"
                    + " (Loki: the last 30 days, its longest query by default).")
    String traceId;

    @Option(names = "--span-id", paramLabel = "ID",
            description = "Only records of this span, at any age unless --since is given (as --trace-id).")
    String spanId;

    @Option(names = "--service", paramLabel = "S", description = "Only records of this service (repeatable).")
    List<String> services = new ArrayList<>();

    @Option(names = "--severity", paramLabel = "LEVEL",
            description = "Only records at this level or above: trace, debug, info, warn, error, fatal.")
    String severity;

    @Option(names = "--text", paramLabel = "T", description = "Only records whose body contains this (any case).")
    String text;

    @Option(names = "--since", paramLabel = "D", converter = DurationConverter.class, defaultValue = "15m",
            description = "Records from this long before now (default: ${DEFAULT-VALUE};"
                    + " with --trace-id or --span-id: any age).")
    Duration since;

    @Option(names = "--limit", defaultValue = "100", description = "At most this many records (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--follow", description = "After printing, keep printing new records until Ctrl-C"
            + " (with --json: one JSON object per line).")
    boolean follow;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        LogFilter filter = filter();
        if (limit <= 0) {
            throw new ParameterException(spec.commandLine(), "--limit is a positive number, got " + limit);
        }
        Optional<QuerySources> opened = source.open(store, out);
        if (opened.isEmpty()) {
            if (store.json && !follow) {
                out.println("[]");
                out.flush();
            }
            return 0;
        }
        try (QuerySources telemetry = opened.get()) {
            boolean anyAge = byId() && !spec.commandLine().getParseResult().hasMatchedOption("--since");
            TimeRange range = anyAge ? TimeRange.all() : TimeRange.last(since);
            List<LogRecord> newest = telemetry.logs().query(filter, range, limit, QueryDirection.NEWEST_FIRST);
            List<LogRecord> records = new ArrayList<>(newest);
            java.util.Collections.reverse(records);
            if (!follow) {
                if (store.json) {
                    out.println(JsonOutput.write(records));
                } else if (records.isEmpty()) {
                    out.println(anyAge ? "No log records match." + (source.mode == LabMode.EMBEDDED ? ""
                            : " Loki was asked for the last " + DurationConverter.format(LokiLogSource.LONGEST_QUERY) + ".")
                            : "No log records match in the last " + DurationConverter.format(since) + ".");
                } else {
                    records.forEach(record -> out.println(line(record)));
                }
                out.flush();
                return 0;
            }
            print(records, out);
            CountDownLatch interrupted = new CountDownLatch(1);
            Subscription tail = telemetry.logs().tail(filter, batch -> print(batch, out));
            try {
                Runtime.getRuntime().addShutdownHook(new Thread(interrupted::countDown, "logs-follow-stop"));
                interrupted.await();
            } finally {
                tail.close();
            }
        }
        return 0;
    }

    private synchronized void print(List<LogRecord> records, PrintWriter out) {
        for (LogRecord record : records) {
            out.println(store.json ? JsonOutput.write(record) : line(record));
        }
        out.flush();
    }

    /** Records of one trace or span are looked up at any age, as `trace ID` finds a trace. */
    private boolean byId() {
        return traceId != null || spanId != null;
    }

    private LogFilter filter() {
        try {
            TraceId trace = traceId == null ? null : TraceId.parse(traceId);
            SpanId span = spanId == null ? null : SpanId.parse(spanId);
            Severity minimum = severity == null ? Severity.UNSPECIFIED : Severity.parse(severity);
            Set<String> serviceSet = new LinkedHashSet<>(services);
            return new LogFilter(serviceSet, minimum, text, trace, span);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    static String line(LogRecord record) {
        StringBuilder line = new StringBuilder()
                .append(TimeText.dateTime(record.timeUnixNano())).append(' ')
                .append(String.format("%-5s", record.severity() == Severity.UNSPECIFIED ? record.severityText()
                        : record.severity().name()))
                .append(' ').append(record.serviceName());
        if (record.hasTrace()) {
            line.append(" [trace ").append(record.traceId());
            if (!record.spanId().isEmpty()) {
                line.append(" span ").append(record.spanId());
            }
            line.append(']');
        }
        return line.append("  ").append(record.body()).toString();
    }
}
