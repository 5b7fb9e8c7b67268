package dev.otellab.verify.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Reports for the writer tests: one that passed, one with a failure whose detail needs escaping. */
public final class SampleReports {
    public static final Instant STARTED = Instant.parse("2026-03-01T09:15:30.250Z");
    public static final String AWKWARD_DETAIL = "p95 <above> 1 ms & \"quoted\" | piped\non two lines";

    private SampleReports() {
    }

    public static VerifyReport passed() {
        return new VerifyReport("embedded", "lab-backend", STARTED, Duration.ofMillis(12_345),
                new TrafficSummary(93, 5, 2), List.of(
                        CheckResult.pass("lab started", "embedded lab running", Duration.ofMillis(2_500)),
                        CheckResult.pass("traces present", "all 100 requests traced", Duration.ofMillis(400))));
    }

    public static VerifyReport failed() {
        return new VerifyReport("embedded", "lab-backend", STARTED, Duration.ofMillis(9_000),
                new TrafficSummary(93, 5, 2), List.of(
                        CheckResult.pass("lab started", "embedded lab running", Duration.ofMillis(2_500)),
                        CheckResult.fail("latency SLI (p95)", AWKWARD_DETAIL, Duration.ofMillis(1))));
    }
}
