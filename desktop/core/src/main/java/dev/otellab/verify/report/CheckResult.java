package dev.otellab.verify.report;

import java.time.Duration;
import java.util.Objects;

/**
 * One check of a verify run: its name (stable, so CI can track it across runs), whether it
 * passed, one line saying what was seen, and how long the check took (for a telemetry check,
 * the wait until its telemetry was there).
 */
public record CheckResult(String name, CheckStatus status, String detail, Duration duration) {
    public CheckResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        detail = detail == null ? "" : detail;
        duration = duration == null || duration.isNegative() ? Duration.ZERO : duration;
    }

    public static CheckResult pass(String name, String detail, Duration duration) {
        return new CheckResult(name, CheckStatus.PASS, detail, duration);
    }

    public static CheckResult fail(String name, String detail, Duration duration) {
        return new CheckResult(name, CheckStatus.FAIL, detail, duration);
    }

    public boolean passed() {
        return status == CheckStatus.PASS;
    }
}
