package dev.otellab.verify;

import dev.otellab.verify.report.CheckResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Looks at every check until each has passed or failed, or the timeout is spent: telemetry
 * arrives in batches, so a check that finds nothing yet is asked again after a short pause.
 * A check still waiting at the timeout fails with what it last saw. Each check's duration is the
 * time from the start of the wait until it settled.
 */
public final class CheckPoller {
    private final Duration timeout;
    private final Duration interval;

    public CheckPoller(Duration timeout, Duration interval) {
        this.timeout = timeout;
        this.interval = interval;
    }

    public List<CheckResult> await(List<VerifyCheck> checks) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        Map<VerifyCheck, CheckResult> settled = new LinkedHashMap<>();
        Map<VerifyCheck, String> lastSeen = new LinkedHashMap<>();
        while (true) {
            for (VerifyCheck check : checks) {
                if (settled.containsKey(check)) {
                    continue;
                }
                CheckVerdict verdict = probe(check);
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                switch (verdict.state()) {
                    case PASS -> settled.put(check, CheckResult.pass(check.name(), verdict.detail(), took));
                    case FAIL -> settled.put(check, CheckResult.fail(check.name(), verdict.detail(), took));
                    case WAITING -> lastSeen.put(check, verdict.detail());
                }
            }
            long remaining = deadline - System.nanoTime();
            if (settled.size() == checks.size() || remaining <= 0) {
                break;
            }
            Thread.sleep(Math.max(1, Math.min(interval.toMillis(), remaining / 1_000_000)));
        }
        List<CheckResult> results = new ArrayList<>(checks.size());
        for (VerifyCheck check : checks) {
            CheckResult result = settled.get(check);
            results.add(result != null ? result : CheckResult.fail(check.name(),
                    "still waiting after " + describe(timeout) + ": " + lastSeen.get(check), timeout));
        }
        return results;
    }

    /** A query that fails (a backend not answering yet) is a reason to wait, not a verdict. */
    private static CheckVerdict probe(VerifyCheck check) {
        try {
            return check.probeOnce();
        } catch (RuntimeException e) {
            return CheckVerdict.waiting("the query failed: " + e.getMessage());
        }
    }

    /** "60 s", or "600 ms" for a timeout that is not whole seconds. */
    static String describe(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
