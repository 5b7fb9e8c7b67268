package dev.otellab.cli;

import dev.otellab.app.QuerySources;
import dev.otellab.presentation.SloText;
import dev.otellab.telemetry.model.SliPoint;
import dev.otellab.telemetry.model.SliReport;
import dev.otellab.telemetry.model.SliSeries;
import dev.otellab.telemetry.model.SloStatus;
import dev.otellab.telemetry.model.SloTargets;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.telemetry.sli.SloEvaluator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code lab-console sli}: request rate, errors, availability, latency and SLO status from SERVER spans. */
@Command(name = "sli", mixinStandardHelpOptions = true,
        description = "Service level indicators from stored SERVER spans, overall and per route, with SLO status.")
final class SliCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions store;

    @Mixin
    SourceOptions source;

    @Option(names = "--service", paramLabel = "S", description = "The service (default: every service with requests).")
    String service;

    @Option(names = "--since", paramLabel = "D", converter = DurationConverter.class, defaultValue = "15m",
            description = "Range: this long before now (default: ${DEFAULT-VALUE}).")
    Duration since;

    @Option(names = "--step", paramLabel = "D", converter = DurationConverter.class, defaultValue = "15s",
            description = "Resolution of the series in --json output, and the last step gives the text's rate"
                    + " (default: ${DEFAULT-VALUE}).")
    Duration step;

    @Mixin
    SloTargetOptions sloTargets;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        SloTargets targets = targets();
        if (step.isZero() || step.compareTo(since) > 0) {
            throw new ParameterException(spec.commandLine(), "--step must be positive and at most --since");
        }
        long now = TimeRange.toNanos(java.time.Instant.now());
        TimeRange range = new TimeRange(now - since.toNanos(), now); // exactly since/step steps
        Optional<QuerySources> opened = source.open(store, out);
        List<Map<String, Object>> documents = new ArrayList<>();
        if (opened.isEmpty()) {
            if (store.json) {
                out.println("[]");
                out.flush();
            }
            return 0;
        }
        try (QuerySources telemetry = opened.get()) {
            List<String> services = service == null ? telemetry.slis().services(range) : List.of(service);
            if (services.isEmpty() && !store.json) {
                out.println("No requests (SERVER spans) in the last " + DurationConverter.format(since) + ".");
            }
            for (String name : services) {
                SliReport report = telemetry.slis().sli(name, range, step);
                List<SloStatus> statuses = SloEvaluator.evaluate(report, targets);
                if (store.json) {
                    Map<String, Object> document = new LinkedHashMap<>();
                    document.put("service", name);
                    document.put("report", report);
                    document.put("slo", statuses.stream().map(SliCommand::statusJson).toList());
                    documents.add(document);
                } else {
                    print(name, report, statuses, targets, out);
                }
            }
        }
        if (store.json) {
            out.println(JsonOutput.write(documents));
        }
        out.flush();
        return 0;
    }

    private SloTargets targets() {
        try {
            return sloTargets.targets();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private static Map<String, Object> statusJson(SloStatus status) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("route", status.route());
        json.put("requests", status.requests());
        json.put("availability", status.availability());
        json.put("p95LatencyMillis", status.p95LatencyMillis());
        json.put("errorBudgetRemaining", status.errorBudgetRemaining());
        json.put("burnRate", status.burnRate());
        json.put("availabilityHealth", status.availabilityHealth());
        json.put("latencyHealth", status.latencyHealth());
        json.put("health", status.overall());
        json.put("targets", status.targets());
        return json;
    }

    private void print(String name, SliReport report, List<SloStatus> statuses, SloTargets targets, PrintWriter out) {
        out.printf("Service %s, last %s%n", name, DurationConverter.format(since));
        TextTable table = new TextTable(List.of("ROUTE", "REQUESTS", "RATE (LAST " + DurationConverter.format(step) + ")",
                "ERRORS", "ERROR %", "AVAILABILITY", "P50", "P95", "P99", "HEALTH"),
                false, true, true, true, true, true, true, true, true, false);
        List<SliSeries> series = new ArrayList<>();
        series.add(report.overall());
        series.addAll(report.byRoute());
        for (int i = 0; i < series.size(); i++) {
            SliSeries row = series.get(i);
            SliPoint total = row.total();
            table.row(row.isOverall() ? "(all routes)" : row.route(), Long.toString(total.requests()),
                    SloText.formatRate(lastStepRate(row)), Long.toString(total.errors()),
                    SloText.formatPercent(total.errorRatio()), SloText.formatPercent(total.availability()),
                    SloText.formatMillis(total.p50Millis()), SloText.formatMillis(total.p95Millis()),
                    SloText.formatMillis(total.p99Millis()), SloText.healthText(statuses.get(i).overall()));
        }
        table.print(out);
        SloStatus overall = statuses.get(0);
        out.printf(Locale.ROOT, "SLO availability >= %s: %s -> %s (burn rate %s, error budget left %s)%n",
                SloText.formatPercent(targets.availability()), SloText.formatPercent(overall.availability()),
                SloText.healthText(overall.availabilityHealth()), SloText.formatBurnRate(overall.burnRate()),
                SloText.formatPercent(overall.errorBudgetRemaining()));
        out.printf(Locale.ROOT, "SLO p95 latency <= %s: %s -> %s%n%n", SloText.formatMillis(targets.p95LatencyMillis()),
                SloText.formatMillis(overall.p95LatencyMillis()), SloText.healthText(overall.latencyHealth()));
    }

    /** Requests per second in the series' last step: what the service does now, not over the whole range. */
    static double lastStepRate(SliSeries series) {
        return series.points().isEmpty() ? Double.NaN : series.points().get(series.points().size() - 1).requestRate();
    }
}
