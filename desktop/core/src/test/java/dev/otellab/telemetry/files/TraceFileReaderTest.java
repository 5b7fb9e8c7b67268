package dev.otellab.telemetry.files;

import dev.otellab.telemetry.model.TraceId;
import dev.otellab.telemetry.embedded.TelemetryStore;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.SpanKind;
import dev.otellab.telemetry.model.StatusCode;
import dev.otellab.telemetry.model.Trace;
import dev.otellab.telemetry.otlp.OtlpJsonParser;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.telemetry.query.TraceSearchCriteria;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.otellab.telemetry.embedded.TestTelemetry.traceId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each accepted format from real recorded files, and bad files rejected whole with the line named. */
class TraceFileReaderTest {
    private static final String PROBE = "5b8efff798038103d269b633813fc60c";
    private static final String RICH_FAILING = "1ff8005c23c9c3ff693332aabece5fe8";

    @TempDir
    Path folder;

    @Test
    void readsTemposTraceByIdAnswers() throws Exception {
        TraceFileContent v1 = TraceFileReader.read(resource("/fixtures/tempo-2.7.2/tempo-trace-by-id.json"));
        assertThat(v1.format()).isEqualTo(TraceFileFormat.TEMPO_TRACE_BY_ID);
        assertThat(v1.traces()).extracting(Trace::traceId).containsExactly(PROBE);
        assertThat(v1.spans()).extracting(Span::name).containsExactlyInAnyOrder("GET /probe", "db.query");
        assertThat(v1.spans()).allSatisfy(span -> assertThat(span.serviceName()).isEqualTo("probe-svc"));

        TraceFileContent v2 = TraceFileReader.read(resource("/fixtures/tempo-2.7.2/tempo-trace-by-id-v2.json"));
        assertThat(v2.format()).isEqualTo(TraceFileFormat.TEMPO_TRACE_BY_ID_V2);
        assertThat(v2.spans()).containsExactlyInAnyOrderElementsOf(v1.spans());

        Trace failing = TraceFileReader.read(resource("/fixtures/tempo-2.7.2/rich-trace-by-id-v2-error.json"))
                .traces().get(0);
        assertThat(failing.traceId()).isEqualTo(RICH_FAILING);
        assertThat(failing.spans()).hasSize(4);
        assertThat(failing.rootSpan().status()).isEqualTo(StatusCode.ERROR);
        assertThat(failing.spans()).anySatisfy(span -> assertThat(span.events()).anyMatch(e -> e.isException()));
        assertThat(TraceFileReader.read(resource("/fixtures/tempo-2.7.2/rich-trace-by-id-error.json")).spans())
                .containsExactlyInAnyOrderElementsOf(failing.spans());
    }

    @Test
    void readsOneOtlpJsonDocumentOfTracesOrLogs() throws Exception {
        TraceFileContent traces = TraceFileReader.read(resource("/otlp/otlp-trace-request.json"));
        assertThat(traces.format()).isEqualTo(TraceFileFormat.OTLP_JSON);
        assertThat(traces.spans()).hasSize(2).allSatisfy(span -> assertThat(span.traceId()).isEqualTo(PROBE));
        assertThat(traces.spans()).extracting(Span::kind).contains(SpanKind.SERVER);

        TraceFileContent logs = TraceFileReader.read(resource("/otlp/otlp-logs-request.json"));
        assertThat(logs.spans()).isEmpty();
        assertThat(logs.logs()).hasSize(1);
        assertThat(logs.logs().get(0).traceId()).isEqualTo(PROBE);
    }

    @Test
    void readsOtlpProtobufOfTracesAndOfLogs() throws Exception {
        byte[] traces = OtlpJsonParser.traces(resource("/otlp/otlp-trace-request.json")).toByteArray();
        byte[] logs = OtlpJsonParser.logs(resource("/otlp/otlp-logs-request.json")).toByteArray();

        TraceFileContent fromTraces = TraceFileReader.read(traces);
        assertThat(fromTraces.format()).isEqualTo(TraceFileFormat.OTLP_PROTOBUF);
        assertThat(fromTraces.spans()).containsExactlyElementsOf(
                TraceFileReader.read(resource("/otlp/otlp-trace-request.json")).spans());
        TraceFileContent fromLogs = TraceFileReader.read(logs);
        assertThat(fromLogs.spans()).isEmpty();
        assertThat(fromLogs.logs()).hasSize(1);
    }

    @Test
    void readsJsonLinesOfTracesLogsAndSkipsMetrics() throws Exception {
        String lines = oneLine("/otlp/otlp-trace-request.json") + "\n\n" + oneLine("/otlp/otlp-logs-request.json")
                + "\n{\"resourceMetrics\":[]}\n";
        TraceFileContent content = TraceFileReader.read(lines.getBytes(StandardCharsets.UTF_8));
        assertThat(content.format()).isEqualTo(TraceFileFormat.OTLP_JSON_LINES);
        assertThat(content.spans()).hasSize(2);
        assertThat(content.logs()).hasSize(1);
        assertThat(content.skipped()).containsExactly("line 4: metrics (a trace file's metrics are not imported)");
    }

    @Test
    void aTruncatedFileNamesTheLineAndWhatIsWrong() throws Exception {
        String whole = oneLine("/otlp/otlp-trace-request.json") + "\n" + oneLine("/otlp/otlp-logs-request.json") + "\n";
        byte[] truncated = whole.substring(0, whole.length() - 40).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TraceFileReader.read(truncated))
                .isInstanceOf(TraceFileException.class)
                .hasMessageStartingWith("line 2, column ")
                .hasMessageContaining("invalid JSON")
                .hasMessageContaining("end-of-input");
    }

    @Test
    void wrongJsonWrongIdsAndUnknownDocumentsAreRejected() {
        assertThatThrownBy(() -> TraceFileReader.read("{\"resourceSpans\": [}\n{}\n".getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("line 1, column 20: invalid JSON");
        String shortTraceId = oneLine("/otlp/otlp-trace-request.json").replace(PROBE, PROBE.substring(2));
        assertThatThrownBy(() -> TraceFileReader.read((oneLine("/otlp/otlp-logs-request.json") + "\n" + shortTraceId + "\n")
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(TraceFileException.class)
                .hasMessageStartingWith("line 2: ")
                .hasMessageContaining("invalid trace id");
        assertThatThrownBy(() -> TraceFileReader.read(resource("/fixtures/tempo-2.7.2/rich-search-service.json")))
                .hasMessageContaining("not a trace document");
        assertThatThrownBy(() -> TraceFileReader.read("{\"trace\":{}}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("holds no trace");
        assertThatThrownBy(() -> TraceFileReader.read("  \n".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("the file is empty");
        assertThatThrownBy(() -> TraceFileReader.read("GET /api/traces HTTP/1.1".getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("not JSON, and not an OTLP protobuf export request");
    }

    @Test
    void aBadFileImportsNothingAtAll() throws Exception {
        Path file = folder.resolve("bad.jsonl");
        String shortSpanId = oneLine("/otlp/otlp-trace-request.json").replace("eee19b7ec3c1b174", "eee19b7e");
        Files.writeString(file, oneLine("/otlp/otlp-trace-request.json").replace(PROBE, traceId(5)) + "\n"
                + oneLine("/otlp/otlp-logs-request.json") + "\n" + shortSpanId + "\n");
        try (TelemetryStore store = TelemetryStore.open(folder.resolve("store"))) {
            ImportReport report = new TraceImport(store, store.traces()).importFile(file);
            assertThat(report.ok()).isFalse();
            assertThat(report.error()).startsWith("line 3: ").contains("invalid span id");
            assertThat(report.describe()).startsWith(file + ": not imported: line 3");
            assertThat(store.traces().search(TraceSearchCriteria.ANY, TimeRange.all(), 10)).isEmpty();
            assertThat(store.traces().trace(TraceId.parse(traceId(5)))).isEmpty();
            assertThat(store.logs().query(dev.otellab.telemetry.query.LogFilter.ALL, TimeRange.all(), 10,
                    dev.otellab.telemetry.query.QueryDirection.OLDEST_FIRST)).isEmpty();
            assertThat(new TraceImport(store, store.traces()).importFile(folder.resolve("missing.json")).error())
                    .startsWith("there is no file");
        }
    }

    private static String oneLine(String name) {
        try {
            return OtlpJsonParser.readTree(resource(name), 0, resource(name).length).toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] resource(String name) {
        try (InputStream in = TraceFileReaderTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(name, e);
        }
    }
}
