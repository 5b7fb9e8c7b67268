package dev.otellab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otellab.lab.embedded.LabBackendJar;
import dev.otellab.verify.VerifyRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `lab-console verify` end to end in embedded mode: the real receiver and store, the real
 * lab-backend jar as a child process, real HTTP traffic, and the reports read back with real
 * parsers (the JDK's XML parser and schema validator, Jackson).
 */
class VerifyCommandTest {
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    private record Result(int exitCode, String out, String err) {
    }

    @BeforeAll
    static void labBackendIsBuilt() {
        LabBackendJar.path(); // fails with how to build it, rather than a failed start
    }

    private static Result verify(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("verify"));
        all.addAll(List.of(args));
        int code = LabConsole.run(new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void aHealthyEmbeddedLabPassesEveryCheckAndTheJUnitReportSaysSo() throws Exception {
        Path report = dir.resolve("verify.xml");

        Result result = verify("--data-dir", dir.resolve("data").toString(), "--format", "junit", "--report", report.toString());

        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines).hasSize(VerifyRun.CHECKS.size() + 2);
        IntStream.range(0, VerifyRun.CHECKS.size()).forEach(i ->
                assertThat(lines.get(i)).startsWith("PASS  " + VerifyRun.CHECKS.get(i)));
        assertThat(lines.get(VerifyRun.CHECKS.size())).startsWith("verify passed: all 12 checks");
        assertThat(lines.get(VerifyRun.CHECKS.size() + 1)).isEqualTo("Report: " + report);
        assertThat(result.err()).contains("Starting the embedded lab...").contains("Sending 100 requests to lab-web at");
        assertThat(result.out()).containsPattern("PASS  trace context crosses lab-web to lab-backend +in all 100 traces"
                + " a lab-web SERVER span is an ancestor of a lab-backend SERVER span")
                .containsPattern("PASS  the map shows the lab-web -> lab-backend call +the map shows lab-web -> lab-backend"
                        + " with 100 calls \\(100 requests forwarded\\)");

        String xml = Files.readString(report);
        validate(xml);
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new org.xml.sax.InputSource(new StringReader(xml)));
        Element suite = (Element) document.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("tests")).isEqualTo("12");
        assertThat(suite.getAttribute("failures")).isEqualTo("0");
        NodeList cases = suite.getElementsByTagName("testcase");
        List<String> names = IntStream.range(0, cases.getLength())
                .mapToObj(i -> ((Element) cases.item(i)).getAttribute("name")).toList();
        assertThat(names).containsExactlyElementsOf(VerifyRun.CHECKS);
        assertThat(document.getElementsByTagName("failure").getLength()).isZero();
    }

    @Test
    void withAFormatAndNoReportFileTheJsonReportGoesToStdoutAndTheSummaryToStderr() throws Exception {
        Set<Path> before = temporaryRunFolders();

        Result result = verify("--format", "json");

        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(temporaryRunFolders()).as("a passed run's temporary folder is deleted").isEqualTo(before);
        assertThat(result.err()).doesNotContain("kept");
        JsonNode report = json.readTree(result.out());
        assertThat(report.get("passed").asBoolean()).isTrue();
        assertThat(report.get("mode").asText()).isEqualTo("embedded");
        assertThat(report.get("traffic").get("total").asInt()).isEqualTo(100);
        assertThat(report.get("traffic").get("failing").asInt()).isEqualTo(2);
        assertThat(report.get("traffic").get("slow").asInt()).isEqualTo(5);
        List<String> statuses = new ArrayList<>();
        report.get("checks").forEach(check -> statuses.add(check.get("name").asText() + "=" + check.get("status").asText()));
        assertThat(statuses).containsExactlyElementsOf(VerifyRun.CHECKS.stream().map(name -> name + "=pass").toList());
        assertThat(result.err()).contains("PASS  traces present").contains("verify passed");
    }

    @Test
    void anImpossibleLatencyTargetFailsTheLatencyCheckOnlyWithExitCodeOne() throws Exception {
        Path report = dir.resolve("verify.md");

        Set<Path> before = temporaryRunFolders();

        Result result = verify("--p95-target", "1ms", "--report", report.toString());

        assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(1);
        Set<Path> kept = new HashSet<>(temporaryRunFolders());
        kept.removeAll(before);
        assertThat(kept).as("a failed run's temporary folder is kept for a look").hasSize(1);
        Path folder = kept.iterator().next();
        assertThat(result.err()).contains("lab-console traces --data-dir " + folder);
        assertThat(folder.resolve("telemetry")).isDirectory();
        deleteRecursively(folder);
        assertThat(result.out()).contains("FAIL  latency SLI (p95)").contains("p95 above 1 ms on");
        assertThat(result.out().lines().filter(line -> line.startsWith("FAIL"))).hasSize(1);
        assertThat(result.out()).contains("verify FAILED: 1 of 12 checks failed: latency SLI (p95)");
        String markdown = Files.readString(report);
        assertThat(markdown).startsWith("## lab-console verify: FAILED");
        assertThat(markdown).contains("| ❌ FAIL | latency SLI (p95) | p95 above 1 ms on").contains("1 of 12 checks failed.");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "--requests 0; --requests is a number from 1 to 10000, got 0",
            "--mode cloud; 'cloud' is not a mode: use embedded, docker or remote",
            "--format xml; 'xml' is not a report format: use md, json or junit",
            "--report MISSING/verify.xml; the folder of the report",
            "--report DIR/verify.txt; the name does not say the format",
            "--slow 60 --errors 50; --slow and --errors add up to more than 100%",
            "--availability-target 100; The availability target is a percentage above 0 and below 100",
            "--p95-target soon; The p95 latency target is a positive duration like 500ms or 0.5s (a bare number is milliseconds); 'soon' is not",
            "--timeout 0s; --timeout must be a positive duration",
    })
    void badUsageExitsWithTwoAndAReasonBeforeTheLabStarts(String arguments, String message) {
        List<String> args = new ArrayList<>(List.of("--data-dir", dir.resolve("data").toString()));
        for (String argument : arguments.split(" ")) {
            args.add(argument.replace("MISSING", dir.resolve("missing").toString()).replace("DIR", dir.toString()));
        }

        Result result = verify(args.toArray(String[]::new));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains(message).contains("--help");
        assertThat(result.out()).isEmpty();
        assertThat(dir.resolve("data")).doesNotExist();
    }

    private static Set<Path> temporaryRunFolders() throws IOException {
        try (Stream<Path> paths = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return paths.filter(path -> path.getFileName().toString().startsWith("lab-console-verify-"))
                    .collect(Collectors.toSet());
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static void validate(String xml) throws Exception {
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(VerifyCommandTest.class.getResource("/verify/junit-report.xsd"))
                .newValidator().validate(new StreamSource(new StringReader(xml)));
    }
}
