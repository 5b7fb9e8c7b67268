package dev.otellab.verify.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Markdown and JSON writers and the one-line-per-check summary. */
class TextReportsTest {
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void markdownIsAHeadingAndATableWithARowPerCheck() {
        String markdown = new MarkdownReport().write(SampleReports.passed());

        assertThat(markdown).startsWith("## lab-console verify: passed\n");
        assertThat(markdown).contains("Traffic: 100 requests (93 normal, 5 slow, 2 failing on purpose)");
        assertThat(markdown).contains("| result | check | detail | time |\n|---|---|---|---:|\n");
        assertThat(markdown).contains("| ✅ pass | lab started | embedded lab running | 2.5 s |\n");
        assertThat(markdown).contains("| ✅ pass | traces present | all 100 requests traced | 0.4 s |\n");
        assertThat(markdown).endsWith("All 2 checks passed.\n");
    }

    @Test
    void markdownKeepsAnAwkwardDetailInsideItsCell() {
        String markdown = new MarkdownReport().write(SampleReports.failed());

        assertThat(markdown).startsWith("## lab-console verify: FAILED\n");
        String row = markdown.lines().filter(line -> line.contains("latency SLI")).findFirst().orElseThrow();
        assertThat(row).isEqualTo("| ❌ FAIL | latency SLI (p95) | p95 &lt;above&gt; 1 ms &amp; \"quoted\" \\| piped on two lines | 0.0 s |");
        assertThat(markdown).endsWith("1 of 2 checks failed.\n");
    }

    @Test
    void jsonHasTheVerdictTheTrafficAndEveryCheck() throws Exception {
        JsonNode json = mapper.readTree(new JsonReport(mapper).write(SampleReports.failed()));

        assertThat(json.get("passed").asBoolean()).isFalse();
        assertThat(json.get("mode").asText()).isEqualTo("embedded");
        assertThat(json.get("service").asText()).isEqualTo("lab-backend");
        assertThat(json.get("startedAt").asText()).isEqualTo("2026-03-01T09:15:30.250Z");
        assertThat(json.get("durationMillis").asLong()).isEqualTo(9_000);
        assertThat(json.get("traffic").get("total").asInt()).isEqualTo(100);
        assertThat(json.get("traffic").get("failing").asInt()).isEqualTo(2);
        JsonNode failed = json.get("checks").get(1);
        assertThat(failed.get("name").asText()).isEqualTo("latency SLI (p95)");
        assertThat(failed.get("status").asText()).isEqualTo("fail");
        assertThat(failed.get("detail").asText()).isEqualTo(SampleReports.AWKWARD_DETAIL);
        assertThat(json.get("checks").get(0).get("status").asText()).isEqualTo("pass");
    }

    @Test
    void theSummaryHasALinePerCheckAndAVerdictNamingTheFailures() {
        List<String> lines = VerifySummary.lines(SampleReports.failed());

        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("PASS  lab started        ").endsWith("embedded lab running (2.5 s)");
        assertThat(lines.get(1)).startsWith("FAIL  latency SLI (p95)  p95 <above> 1 ms");
        assertThat(lines.get(2)).isEqualTo("verify FAILED: 1 of 2 checks failed: latency SLI (p95)");
        assertThat(VerifySummary.lines(SampleReports.passed()).get(2)).isEqualTo("verify passed: all 2 checks (12.3 s)");
    }

    @Test
    void aReportWithoutChecksHasNotPassed() {
        VerifyReport empty = new VerifyReport("embedded", "lab-backend", SampleReports.STARTED, java.time.Duration.ZERO,
                new TrafficSummary(0, 0, 0), List.of());
        assertThat(empty.passed()).isFalse();
    }

    @Test
    void formatsAreNamedAsUsersTypeThemAndKnownByFileExtension() {
        assertThat(ReportFormat.parse("JUnit")).isEqualTo(ReportFormat.JUNIT);
        assertThat(ReportFormat.forFileName("verify.xml")).contains(ReportFormat.JUNIT);
        assertThat(ReportFormat.forFileName("Verify.MD")).contains(ReportFormat.MD);
        assertThat(ReportFormat.forFileName("verify.json")).contains(ReportFormat.JSON);
        assertThat(ReportFormat.forFileName("verify.txt")).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReportFormat.parse("xml"))
                .hasMessage("'xml' is not a report format: use md, json or junit");
    }
}
