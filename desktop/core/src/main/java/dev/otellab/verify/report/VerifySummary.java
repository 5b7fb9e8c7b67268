package dev.otellab.verify.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The human summary of a run: one line per check, then the verdict naming what failed. */
public final class VerifySummary {
    private VerifySummary() {
    }

    public static List<String> lines(VerifyReport report) {
        int width = report.checks().stream().mapToInt(check -> check.name().length()).max().orElse(0);
        List<String> lines = new ArrayList<>();
        for (CheckResult check : report.checks()) {
            lines.add(String.format(Locale.ROOT, "%-4s  %-" + width + "s  %s (%.1f s)",
                    check.passed() ? "PASS" : "FAIL", check.name(), check.detail(),
                    check.duration().toMillis() / 1000.0));
        }
        lines.add(verdict(report));
        return lines;
    }

    static String verdict(VerifyReport report) {
        List<CheckResult> failures = report.failures();
        if (report.passed()) {
            return String.format(Locale.ROOT, "verify passed: all %d checks (%.1f s)",
                    report.checks().size(), report.duration().toMillis() / 1000.0);
        }
        return String.format(Locale.ROOT, "verify FAILED: %d of %d checks failed: %s",
                failures.size(), report.checks().size(),
                String.join(", ", failures.stream().map(CheckResult::name).toList()));
    }
}
