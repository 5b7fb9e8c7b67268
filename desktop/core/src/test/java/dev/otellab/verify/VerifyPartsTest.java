package dev.otellab.verify;

import dev.otellab.verify.report.CheckResult;
import dev.otellab.verify.report.CheckStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The plan, the trace context, the /metrics reading and the poller: the pieces without a lab. */
class VerifyPartsTest {

    @Test
    void thePlanSplitsTheRequestsAndSpreadsTheDeliberateOnesAmongTheNormal() {
        RequestMix plan = RequestMix.of(100, 0.05, 0.02);
        assertThat(plan).isEqualTo(new RequestMix(93, 5, 2));

        List<RequestKind> order = plan.order();
        assertThat(order).hasSize(100);
        assertThat(Collections.frequency(order, RequestKind.SLOW)).isEqualTo(5);
        assertThat(Collections.frequency(order, RequestKind.FAILING)).isEqualTo(2);
        assertThat(order.subList(0, 50)).contains(RequestKind.FAILING, RequestKind.SLOW);
        assertThat(order.subList(50, 100)).contains(RequestKind.SLOW);
    }

    @Test
    void aShareAboveZeroAlwaysSendsOneAndTheCountsNeverExceedTheTotal() {
        assertThat(RequestMix.of(10, 0.01, 0.01)).isEqualTo(new RequestMix(8, 1, 1));
        assertThat(RequestMix.of(1, 0.5, 0.5)).isEqualTo(new RequestMix(0, 0, 1));
        assertThat(RequestMix.of(3, 0.5, 0.5)).isEqualTo(new RequestMix(0, 1, 2));
        assertThat(RequestMix.of(10, 0, 0)).isEqualTo(new RequestMix(10, 0, 0));
        assertThat(RequestMix.of(10, 0, 1).order()).containsOnly(RequestKind.FAILING);
    }

    @Test
    void settingsRejectWhatCannotBeSent() {
        assertThatThrownBy(() -> VerifySettings.DEFAULT.withRequests(10_001)).hasMessageContaining("from 1 to 10000");
        assertThatThrownBy(() -> VerifySettings.DEFAULT.withShares(-0.1, 0)).hasMessageContaining("--slow is a percentage");
        assertThatThrownBy(() -> VerifySettings.DEFAULT.withTimeout(Duration.ZERO)).hasMessageContaining("--timeout");
    }

    @Test
    void aTraceParentIsAW3cContextThatAsksForSampling() {
        TraceParent parent = TraceParent.random();

        assertThat(parent.traceId()).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
        assertThat(parent.parentSpanId()).matches("[0-9a-f]{16}");
        assertThat(parent.header()).isEqualTo("00-" + parent.traceId() + "-" + parent.parentSpanId() + "-01");
        assertThat(TraceParent.random().traceId()).isNotEqualTo(parent.traceId());
    }

    @Test
    void theRequestCounterIsSummedOverEverySeriesOfThePrometheusText() {
        String exposition = """
                # HELP http_requests_total HTTP requests by method, route and status
                # TYPE http_requests_total counter
                http_requests_total{method="GET",route="/api/tasks",status_code="200"} 41.0
                http_requests_total{method="POST",route="/api/tasks",status_code="201"} 12.0 1700000000000
                http_requests_total_created{method="GET",route="/api/tasks",status_code="200"} 1.7E9
                http_request_duration_seconds_count{method="GET",route="/api/tasks"} 41
                """;

        assertThat(BackendMetricsCheck.sum(exposition, "http_requests_total")).isEqualTo(53.0);
        assertThat(BackendMetricsCheck.sum(exposition, "tasks_created_total")).isNaN();
    }

    @Test
    void thePollerAsksAgainUntilACheckSettlesAndFailsOneThatNeverDoes() throws InterruptedException {
        AtomicInteger asked = new AtomicInteger();
        VerifyCheck arrivesLate = new VerifyCheck("arrives late", () -> asked.incrementAndGet() < 3
                ? CheckVerdict.waiting("not yet") : CheckVerdict.pass("there after " + asked.get() + " looks"));
        VerifyCheck neverArrives = new VerifyCheck("never arrives", () -> CheckVerdict.waiting("0 of 5 traces"));
        VerifyCheck broken = new VerifyCheck("backend down", () -> {
            throw new IllegalStateException("connection refused");
        });
        VerifyCheck judged = new VerifyCheck("judged", () -> CheckVerdict.fail("p95 above 1 ms"));

        List<CheckResult> results = new CheckPoller(Duration.ofMillis(600), Duration.ofMillis(20))
                .await(List.of(arrivesLate, neverArrives, broken, judged));

        assertThat(results).extracting(CheckResult::name).containsExactly("arrives late", "never arrives", "backend down", "judged");
        assertThat(results.get(0).status()).isEqualTo(CheckStatus.PASS);
        assertThat(results.get(0).detail()).isEqualTo("there after 3 looks");
        assertThat(results.get(1)).isEqualTo(CheckResult.fail("never arrives", "still waiting after 600 ms: 0 of 5 traces",
                Duration.ofMillis(600)));
        assertThat(results.get(2).detail()).isEqualTo("still waiting after 600 ms: the query failed: connection refused");
        assertThat(results.get(3).status()).isEqualTo(CheckStatus.FAIL);
        assertThat(results.get(3).detail()).isEqualTo("p95 above 1 ms");
    }
}
