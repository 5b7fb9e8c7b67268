package dev.otellab.verify;

import dev.otellab.telemetry.embedded.TelemetryStore;
import dev.otellab.telemetry.ingest.TelemetryBatch;
import dev.otellab.telemetry.model.LogRecord;
import dev.otellab.telemetry.model.Severity;
import dev.otellab.telemetry.model.SloTargets;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.StatusCode;
import dev.otellab.telemetry.model.SpanKind;
import dev.otellab.telemetry.query.TimeRange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.otellab.telemetry.embedded.TestTelemetry.at;
import static dev.otellab.telemetry.embedded.TestTelemetry.log;
import static dev.otellab.telemetry.embedded.TestTelemetry.server;
import static dev.otellab.telemetry.embedded.TestTelemetry.span;
import static dev.otellab.telemetry.embedded.TestTelemetry.spanId;
import static dev.otellab.telemetry.embedded.TestTelemetry.traceId;
import static org.assertj.core.api.Assertions.assertThat;

/** The telemetry checks against a real embedded store, fed batch by batch as a receiver would. */
class VerifyChecksTest {
    private static final String SERVICE = "lab-backend";
    private static final TimeRange WINDOW = new TimeRange(at(0), at(60_000));

    private TelemetryStore store;

    @BeforeEach
    void openAnEmptyStore(@TempDir Path dir) {
        store = TelemetryStore.open(dir);
    }

    @AfterEach
    void closeTheStore() {
        store.close();
    }

    private void spans(Span... spans) {
        arrive(new TelemetryBatch(List.of(spans), List.of(), List.of()));
    }

    private void logs(LogRecord... logs) {
        arrive(new TelemetryBatch(List.of(), List.of(logs), List.of()));
    }

    /** As the receiver hands a batch over: returns once the store has written it. */
    private void arrive(TelemetryBatch batch) {
        store.accept(batch).toCompletableFuture().join();
    }

    private static SentRequest sent(RequestKind kind, String route, long n, int status) {
        return new SentRequest(kind, "GET", route, traceId(n), status, "", 1_000_000);
    }

    @Test
    void tracesPresentWaitsForEveryRequestsTraceThenPasses() {
        TracesPresentCheck check = new TracesPresentCheck(store.traces(), SERVICE,
                List.of(sent(RequestKind.NORMAL, "/api/tasks", 1, 200), sent(RequestKind.NORMAL, "/api/tasks", 2, 200)));
        spans(server(traceId(1), SERVICE, "/api/tasks", at(10), 5, 200));

        CheckVerdict first = check.probe();
        assertThat(first.state()).isEqualTo(CheckVerdict.State.WAITING);
        assertThat(first.detail()).isEqualTo("1 of 2 requests traced; still missing e.g. trace " + traceId(2));

        spans(server(traceId(2), "another-service", "/api/tasks", at(20), 5, 200));
        assertThat(check.probe().state()).as("a trace without the service's spans").isEqualTo(CheckVerdict.State.WAITING);

        spans(server(traceId(2), SERVICE, "/api/tasks", at(20), 5, 200));
        assertThat(check.probe()).isEqualTo(CheckVerdict.pass("all 2 requests have their trace with spans of lab-backend"));
    }

    @Test
    void aFailingRequestNeedsAnErrorSpanAndAnErrorLogWithItsTraceId() {
        List<SentRequest> failing = List.of(sent(RequestKind.FAILING, "/api/reports/overdue", 7, 500));
        ErrorSpansCheck spansCheck = new ErrorSpansCheck(store.traces(), SERVICE, failing);
        ErrorLogsCheck logsCheck = new ErrorLogsCheck(store.logs(), SERVICE, WINDOW, failing);
        spans(server(traceId(7), SERVICE, "/api/reports/overdue", at(10), 5, 200));
        logs(log(at(11), Severity.INFO, SERVICE, "Request completed", traceId(7), ""),
                log(at(12), Severity.ERROR, "someone-else", "Request failed", traceId(7), ""));

        assertThat(spansCheck.probe().state()).isEqualTo(CheckVerdict.State.WAITING);
        assertThat(logsCheck.probe().detail())
                .isEqualTo("0 of 1 failing requests with an ERROR log record; still missing e.g. trace " + traceId(7));

        spans(server(traceId(7), SERVICE, "/api/reports/overdue", at(10), 5, 500));
        logs(log(at(12), Severity.ERROR, SERVICE, "Request failed", traceId(7), ""));

        assertThat(spansCheck.probe()).isEqualTo(CheckVerdict.pass("all 1 failing requests have an ERROR span"));
        assertThat(logsCheck.probe()).isEqualTo(CheckVerdict.pass("all 1 failing requests have an ERROR log record with their trace_id"));
    }

    @Test
    void propagationWantsALabWebServerSpanAboveALabBackendServerSpanInTheSameTrace() {
        List<SentRequest> forwarded = List.of(sent(RequestKind.NORMAL, "/api/tasks", 21, 200),
                sent(RequestKind.NORMAL, "/api/tasks", 22, 200));
        PropagationCheck check = new PropagationCheck(store.traces(), "lab-web", SERVICE, true, forwarded);
        // trace 21: lab-web SERVER -> lab-web CLIENT -> lab-backend SERVER
        spans(span(traceId(21), spanId(2101), "", "lab-web", "GET /api/tasks", SpanKind.SERVER, at(10), 9,
                        StatusCode.UNSET, Map.of()),
                span(traceId(21), spanId(2102), spanId(2101), "lab-web", "GET /api/tasks", SpanKind.CLIENT, at(11), 7,
                        StatusCode.UNSET, Map.of()),
                span(traceId(21), spanId(2103), spanId(2102), SERVICE, "GET /api/tasks", SpanKind.SERVER, at(12), 5,
                        StatusCode.UNSET, Map.of()));
        // trace 22: both services, but lab-backend's SERVER span starts a trace of its own inside it (context lost)
        spans(span(traceId(22), spanId(2201), "", "lab-web", "GET /api/tasks", SpanKind.SERVER, at(20), 9,
                        StatusCode.UNSET, Map.of()),
                span(traceId(22), spanId(2203), "", SERVICE, "GET /api/tasks", SpanKind.SERVER, at(21), 5,
                        StatusCode.UNSET, Map.of()));

        CheckVerdict verdict = check.probe();

        assertThat(verdict.state()).isEqualTo(CheckVerdict.State.WAITING);
        assertThat(verdict.detail()).isEqualTo("1 of 2 traces crossing lab-web -> lab-backend; still missing e.g. trace "
                + traceId(22));
        assertThat(new PropagationCheck(store.traces(), "lab-web", SERVICE, false, List.of()).probe())
                .isEqualTo(CheckVerdict.pass("this lab runs no lab-web: requests went to lab-backend directly"));
    }

    @Test
    void theMapEdgeWantsACallFromLabWebToLabBackendForEveryForwardedRequest() {
        MapEdgeCheck check = new MapEdgeCheck(store.serviceMap(), "lab-web", SERVICE, WINDOW, 2, true, true);
        assertThat(check.probe()).isEqualTo(CheckVerdict.waiting("the map has no lab-web -> lab-backend call yet"));

        spans(span(traceId(31), spanId(3101), "", "lab-web", "GET /api/tasks", SpanKind.SERVER, at(10), 9,
                        StatusCode.UNSET, Map.of()),
                span(traceId(31), spanId(3102), spanId(3101), "lab-web", "GET", SpanKind.CLIENT, at(11), 7,
                        StatusCode.UNSET, Map.of()),
                span(traceId(31), spanId(3103), spanId(3102), SERVICE, "GET /api/tasks", SpanKind.SERVER, at(12), 5,
                        StatusCode.UNSET, Map.of()));
        assertThat(check.probe()).isEqualTo(CheckVerdict.waiting(
                "the map's lab-web -> lab-backend call counts 1 of 2 forwarded requests"));

        spans(span(traceId(32), spanId(3201), "", "lab-web", "GET /api/tasks", SpanKind.SERVER, at(20), 9,
                        StatusCode.UNSET, Map.of()),
                span(traceId(32), spanId(3202), spanId(3201), "lab-web", "GET", SpanKind.CLIENT, at(21), 7,
                        StatusCode.UNSET, Map.of()),
                span(traceId(32), spanId(3203), spanId(3202), SERVICE, "GET /api/tasks", SpanKind.SERVER, at(22), 5,
                        StatusCode.UNSET, Map.of()));
        assertThat(check.probe()).isEqualTo(CheckVerdict.pass(
                "the map shows lab-web -> lab-backend with 2 calls (2 requests forwarded)"));
        assertThat(new MapEdgeCheck(store.serviceMap(), "lab-web", SERVICE, WINDOW, 0, false, true).probe())
                .isEqualTo(CheckVerdict.pass("this lab runs no lab-web: the map has no call from it to show"));
    }

    @Test
    void aSlowRequestWhoseSpanIsShorterThanItsDelayFails() {
        SlowRequestsCheck check = new SlowRequestsCheck(store.traces(), SERVICE,
                List.of(sent(RequestKind.SLOW, "/api/simulate-slow", 3, 200)), Duration.ofMillis(800));
        spans(server(traceId(3), SERVICE, "/api/simulate-slow", at(10), 120, 200));

        CheckVerdict verdict = check.probe();

        assertThat(verdict.state()).isEqualTo(CheckVerdict.State.FAIL);
        assertThat(verdict.detail()).isEqualTo("1 slow requests lasted less than the 800 ms they asked for, e.g. trace "
                + traceId(3) + ": 120.0 ms");
    }

    @Test
    void logsPresentWantsRecordsOfTheServiceWithTraceIds() {
        LogsPresentCheck check = new LogsPresentCheck(store.logs(), SERVICE, WINDOW);
        logs(log(at(5), Severity.INFO, SERVICE, "lab-backend listening", "", ""));

        assertThat(check.probe().detail()).isEqualTo("1 log records with service_name lab-backend, none with a trace id yet");

        logs(log(at(6), Severity.INFO, SERVICE, "Incoming request", traceId(1), ""));
        assertThat(check.probe()).isEqualTo(CheckVerdict.pass("2 log records with service_name lab-backend, 1 with trace ids"));
    }

    @Test
    void availabilityCountsOnlyTheNormalRoutesSoDeliberateFailuresDoNotSpendTheBudget() {
        List<Span> requests = new ArrayList<>();
        for (int i = 0; i < 99; i++) {
            requests.add(server(traceId(100 + i), SERVICE, "/api/tasks", at(10 + i), 5, 200));
        }
        requests.add(server(traceId(199), SERVICE, "/api/tasks/{id}", at(200), 5, 503));
        for (int i = 0; i < 10; i++) {
            requests.add(server(traceId(300 + i), SERVICE, "/api/reports/overdue", at(300 + i), 5, 500));
        }
        AvailabilityCheck check = new AvailabilityCheck(store.slis(), SERVICE, WINDOW, 100, SloTargets.DEFAULT);
        spans(requests.subList(0, 50).toArray(Span[]::new));

        assertThat(check.probe()).isEqualTo(CheckVerdict.waiting("the SLIs count 50 of the 100 normal requests so far"));

        spans(requests.subList(50, requests.size()).toArray(Span[]::new));
        assertThat(check.probe()).isEqualTo(CheckVerdict.pass(
                "99.00% of 100 normal requests on 2 routes succeeded (1 5xx); target 99%"));
        assertThat(new AvailabilityCheck(store.slis(), SERVICE, WINDOW, 100, new SloTargets(0.995, 500)).probe())
                .isEqualTo(CheckVerdict.fail("99.00% of 100 normal requests on 2 routes succeeded (1 5xx); target 99.5%"));
    }

    @Test
    void latencyIsJudgedPerNormalRouteAndTheSlowRouteIsLeftOut() {
        List<Span> requests = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            requests.add(server(traceId(100 + i), SERVICE, "/api/tasks", at(10 + i), 20 + i, 200));
            requests.add(server(traceId(200 + i), SERVICE, "/api/tasks/{id}", at(40 + i), i < 18 ? 30 : 900, 200));
            requests.add(server(traceId(300 + i), SERVICE, "/api/simulate-slow", at(70 + i), 2_000, 200));
        }
        spans(requests.toArray(Span[]::new));

        CheckVerdict verdict = new LatencyCheck(store.slis(), SERVICE, WINDOW, 40, SloTargets.DEFAULT).probe();

        assertThat(verdict).isEqualTo(CheckVerdict.fail(
                "p95 above 500 ms on 1 of 2 normal routes: /api/tasks/{id} 900.0 ms (20 requests)"));
        assertThat(new LatencyCheck(store.slis(), SERVICE, WINDOW, 40, new SloTargets(0.99, 1_000)).probe())
                .isEqualTo(CheckVerdict.pass("p95 at most 1000 ms on all 2 normal routes; slowest /api/tasks/{id} 900.0 ms (20 requests)"));
    }

    @Test
    void withoutNormalRequestsThereIsNothingToJudgeAndTheSliChecksFail() {
        assertThat(new AvailabilityCheck(store.slis(), SERVICE, WINDOW, 0, SloTargets.DEFAULT).probe().state())
                .isEqualTo(CheckVerdict.State.FAIL);
        assertThat(new LatencyCheck(store.slis(), SERVICE, WINDOW, 0, SloTargets.DEFAULT).probe().state())
                .isEqualTo(CheckVerdict.State.FAIL);
    }

    @Test
    void inDockerAndRemoteModesTheMetricsComeFromTheSliSource() {
        SliMetricsCheck check = new SliMetricsCheck(store.slis(), SERVICE, WINDOW, 2);
        spans(server(traceId(1), SERVICE, "/api/tasks", at(10), 5, 200));

        assertThat(check.probe()).isEqualTo(CheckVerdict.waiting("the request metrics of lab-backend count 1 requests, fewer than the 2 verify sent"));

        spans(server(traceId(2), SERVICE, "/api/tasks", at(11), 5, 200));
        assertThat(check.probe()).isEqualTo(CheckVerdict.pass("the request metrics of lab-backend count 2 requests (verify sent 2)"));
    }
}
