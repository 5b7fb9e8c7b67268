package dev.otellab.verify.report;

import java.util.Locale;

/**
 * The report as GitHub-flavoured Markdown: a heading with the verdict, one line of context and a
 * table with a row per check. Fits a GitHub job summary or a merge request comment as it is.
 */
public final class MarkdownReport implements ReportWriter {

    @Override
    public String write(VerifyReport report) {
        StringBuilder text = new StringBuilder();
        text.append("## lab-console verify: ").append(report.passed() ? "passed" : "FAILED").append("\n\n");
        TrafficSummary traffic = report.traffic();
        text.append(String.format(Locale.ROOT,
                "Mode **%s**, service `%s`, started %s, took %.1f s. Traffic: %d requests (%d normal, %d slow, %d failing on purpose).%n%n",
                report.mode(), report.service(), report.startedAt(), report.duration().toMillis() / 1000.0,
                traffic.total(), traffic.normal(), traffic.slow(), traffic.failing()));
        text.append("| result | check | detail | time |\n");
        text.append("|---|---|---|---:|\n");
        for (CheckResult check : report.checks()) {
            text.append(String.format(Locale.ROOT, "| %s | %s | %s | %.1f s |%n",
                    check.passed() ? "✅ pass" : "❌ FAIL", cell(check.name()), cell(check.detail()),
                    check.duration().toMillis() / 1000.0));
        }
        int failed = report.failures().size();
        text.append('\n').append(failed == 0
                ? "All " + report.checks().size() + " checks passed."
                : failed + " of " + report.checks().size() + " checks failed.").append('\n');
        return text.toString();
    }

    /** Table cells are one line, and a pipe or angle bracket in a detail must not end or open anything. */
    static String cell(String value) {
        return value.replace("\r", " ").replace("\n", " ")
                .replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("|", "\\|");
    }
}
