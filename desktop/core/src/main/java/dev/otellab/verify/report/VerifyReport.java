package dev.otellab.verify.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** What one `lab-console verify` run checked and found, in the order the checks ran. */
public record VerifyReport(
        String mode,
        String service,
        Instant startedAt,
        Duration duration,
        TrafficSummary traffic,
        List<CheckResult> checks) {

    public VerifyReport {
        checks = List.copyOf(checks);
    }

    /** True only when there are checks and every one passed. */
    public boolean passed() {
        return !checks.isEmpty() && checks.stream().allMatch(CheckResult::passed);
    }

    public List<CheckResult> failures() {
        return checks.stream().filter(check -> !check.passed()).toList();
    }
}
