package dev.otellab.verify;

import dev.otellab.config.HttpClients;
import dev.otellab.lab.LabEngine;
import dev.otellab.lab.LabMode;
import dev.otellab.lab.LabStartException;
import dev.otellab.lab.PartStatus;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.verify.report.CheckResult;
import dev.otellab.verify.report.TrafficSummary;
import dev.otellab.verify.report.VerifyReport;
import okhttp3.OkHttpClient;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * One verify run on a lab engine: start the lab, send the planned traffic, then check the
 * telemetry through the engine's query ports until every check has settled or the timeout is
 * spent. The engine is started here but not closed: its owner closes it.
 */
public final class VerifyRun {
    public static final String LAB_STARTED = "lab started";
    public static final String METRICS_PRESENT = "metrics present";
    /** Every check of a run, in report order. */
    public static final List<String> CHECKS = List.of(LAB_STARTED, TrafficCheck.NAME, TracesPresentCheck.NAME,
            PropagationCheck.NAME, MapEdgeCheck.NAME, LogsPresentCheck.NAME, METRICS_PRESENT, ErrorSpansCheck.NAME, ErrorLogsCheck.NAME,
            SlowRequestsCheck.NAME, AvailabilityCheck.NAME, LatencyCheck.NAME);
    static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    /** The web front, where the lab runs one: verify's requests go through it, as the page's do. */
    static final String FRONT = "lab-web";
    /** Log records of a request carry times within it; the margin covers clock rounding at the edges. */
    private static final Duration LOG_MARGIN = Duration.ofSeconds(5);

    private final VerifySettings settings;
    private final Consumer<String> progress;
    private final Clock clock;

    public VerifyRun(VerifySettings settings, Consumer<String> progress, Clock clock) {
        this.settings = settings;
        this.progress = progress;
        this.clock = clock;
    }

    public VerifyReport run(LabEngine engine) throws InterruptedException {
        Instant startedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        long start = System.nanoTime();
        RequestMix plan = settings.plan();
        List<CheckResult> results = new ArrayList<>();
        progress.accept("Starting the " + mode(engine) + " lab...");
        Optional<URI> backend;
        Optional<URI> front;
        try {
            engine.start();
            backend = engine.backendUrl();
            front = engine.webUrl();
        } catch (LabStartException e) {
            String detail = e.getMessage() + (e.details().isEmpty() ? "" : " | " + String.join(" | ", e.details()));
            return finish(engine, startedAt, start, plan, withRest(List.of(CheckResult.fail(LAB_STARTED, detail, since(start))),
                    "the lab did not start"));
        }
        if (backend.isEmpty()) {
            return finish(engine, startedAt, start, plan, withRest(List.of(CheckResult.fail(LAB_STARTED,
                    "the lab started without lab-backend, so there is nothing to send traffic to", since(start))),
                    "the lab has no lab-backend"));
        }
        results.add(CheckResult.pass(LAB_STARTED, describe(engine), since(start)));

        OkHttpClient http = HttpClients.noSilentRetries()
                .callTimeout(settings.slowDelay().plusSeconds(30))
                .retryOnConnectionFailure(false)
                .build();
        URI target = front.orElse(backend.get());
        try {
            progress.accept(String.format(Locale.ROOT, "Sending %d requests to %s (%d normal, %d slow, %d failing on purpose)...",
                    plan.total(), front.map(url -> FRONT + " at " + url).orElse(backend.get().toString()),
                    plan.normal(), plan.slow(), plan.failing()));
            long trafficStart = System.nanoTime();
            SentTraffic traffic = new VerifyTraffic(http, target, settings.slowDelay(), clock).send(plan);
            results.add(TrafficCheck.judge(traffic, since(trafficStart)));
            if (traffic.answered().isEmpty()) {
                return finish(engine, startedAt, start, plan, withRest(results, "the lab answered no request"));
            }
            progress.accept("Waiting up to " + CheckPoller.describe(settings.timeout()) + " for the telemetry...");
            results.addAll(new CheckPoller(settings.timeout(), POLL_INTERVAL)
                    .await(checks(engine, backend.get(), front.isPresent(), http, traffic)));
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
        return finish(engine, startedAt, start, plan, results);
    }

    private List<VerifyCheck> checks(LabEngine engine, URI backend, boolean throughFront, OkHttpClient http,
                                     SentTraffic traffic) {
        String service = settings.service();
        TimeRange window = traffic.window();
        TimeRange logRange = new TimeRange(window.fromUnixNano() - LOG_MARGIN.toNanos(), window.toUnixNano() + LOG_MARGIN.toNanos());
        List<SentRequest> answered = traffic.answered();
        List<SentRequest> failing = traffic.of(RequestKind.FAILING).stream().filter(SentRequest::answered).toList();
        List<SentRequest> slow = traffic.of(RequestKind.SLOW).stream().filter(SentRequest::answered).toList();
        long normal = traffic.of(RequestKind.NORMAL).stream().filter(SentRequest::answered).count();
        // Embedded mode has no metrics store: the metrics are lab-backend's own endpoint.
        VerifyCheck metrics = engine.mode() == LabMode.EMBEDDED
                ? new VerifyCheck(METRICS_PRESENT, new BackendMetricsCheck(http, backend, answered.size())::probe)
                : new VerifyCheck(METRICS_PRESENT, new SliMetricsCheck(engine.slis(), service, window, answered.size())::probe);
        return List.of(
                new VerifyCheck(TracesPresentCheck.NAME, new TracesPresentCheck(engine.traces(), service, answered)::probe),
                new VerifyCheck(PropagationCheck.NAME, new PropagationCheck(engine.traces(), FRONT, service, throughFront,
                        throughFront ? answered : List.of())::probe),
                new VerifyCheck(MapEdgeCheck.NAME, new MapEdgeCheck(engine.serviceMap(), FRONT, service, window,
                        throughFront ? answered.size() : 0, throughFront, engine.mode() == LabMode.EMBEDDED)::probe),
                new VerifyCheck(LogsPresentCheck.NAME, new LogsPresentCheck(engine.logs(), service, logRange)::probe),
                metrics,
                new VerifyCheck(ErrorSpansCheck.NAME, new ErrorSpansCheck(engine.traces(), service, failing)::probe),
                new VerifyCheck(ErrorLogsCheck.NAME, new ErrorLogsCheck(engine.logs(), service, logRange, failing)::probe),
                new VerifyCheck(SlowRequestsCheck.NAME,
                        new SlowRequestsCheck(engine.traces(), service, slow, settings.slowDelay())::probe),
                new VerifyCheck(AvailabilityCheck.NAME,
                        new AvailabilityCheck(engine.slis(), service, window, normal, settings.targets())::probe),
                new VerifyCheck(LatencyCheck.NAME,
                        new LatencyCheck(engine.slis(), service, window, normal, settings.targets())::probe));
    }

    private VerifyReport finish(LabEngine engine, Instant startedAt, long start, RequestMix plan, List<CheckResult> results) {
        return new VerifyReport(mode(engine), settings.service(), startedAt, since(start),
                new TrafficSummary(plan.normal(), plan.slow(), plan.failing()), results);
    }

    /** The checks after {@code done} fail with the reason they could not run, so the report always lists them all. */
    private static List<CheckResult> withRest(List<CheckResult> done, String reason) {
        List<CheckResult> results = new ArrayList<>(done);
        for (String name : CHECKS.subList(done.size(), CHECKS.size())) {
            results.add(CheckResult.fail(name, "not checked: " + reason, Duration.ZERO));
        }
        return results;
    }

    private static String describe(LabEngine engine) {
        return mode(engine) + " lab running: " + engine.status().parts().stream()
                .map(PartStatus::part).collect(Collectors.joining(", "))
                + engine.backendUrl().map(url -> "; lab-backend at " + url).orElse("")
                + engine.webUrl().map(url -> "; " + FRONT + " at " + url).orElse("");
    }

    private static String mode(LabEngine engine) {
        return engine.mode().name().toLowerCase(Locale.ROOT);
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
