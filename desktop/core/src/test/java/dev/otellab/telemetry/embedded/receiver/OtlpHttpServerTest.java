package dev.otellab.telemetry.embedded.receiver;

import dev.otellab.telemetry.otlp.OtlpJsonParserTest;
import dev.otellab.telemetry.embedded.receiver.RecordingIngest.Mode;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPOutputStream;

import static dev.otellab.telemetry.otlp.OtlpDecoderTest.SPAN_ID;
import static dev.otellab.telemetry.otlp.OtlpDecoderTest.TRACE_ID;
import static dev.otellab.telemetry.otlp.OtlpDecoderTest.id;
import static dev.otellab.telemetry.otlp.OtlpDecoderTest.protoSpan;
import static dev.otellab.telemetry.otlp.OtlpDecoderTest.traces;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** OTLP/HTTP against a real receiver on a free loopback port, with raw requests. */
class OtlpHttpServerTest {
    private static final int LIMIT = 64 * 1024;
    private static final RecordingIngest ingest = new RecordingIngest();
    private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static OtlpReceiver receiver;

    @BeforeAll
    static void start() {
        receiver = new OtlpReceiver(ReceiverSettings.anyFreePorts().withMaxBodyBytes(LIMIT), ingest);
        receiver.start();
    }

    @AfterAll
    static void stop() {
        receiver.stop();
    }

    @BeforeEach
    void reset() {
        ingest.mode(Mode.COMPLETE);
        ingest.clear();
    }

    static byte[] goodTraces() {
        return traces(protoSpan("good", id(TRACE_ID), id(SPAN_ID)).build()).toByteArray();
    }

    private HttpResponse<byte[]> post(String path, String contentType, byte[] body, String... headers) throws Exception {
        return client.send(request(path, contentType, headers).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest.Builder request(String path, String contentType, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(receiver.endpoints().httpUrl() + path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", contentType);
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return builder;
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static com.google.rpc.Status status(HttpResponse<byte[]> response) throws IOException {
        assertThat(response.headers().firstValue("Content-Type")).hasValue(OtlpHttpServer.PROTOBUF);
        return com.google.rpc.Status.parseFrom(response.body());
    }

    /** Nothing of the bad request was stored, and the receiver still takes a good one. */
    private void assertNothingStoredAndStillServing() throws Exception {
        assertThat(ingest.batches()).isEmpty();
        HttpResponse<byte[]> good = post("/v1/traces", "application/x-protobuf", goodTraces());
        assertThat(good.statusCode()).isEqualTo(200);
        assertThat(ingest.spans()).extracting(span -> span.name()).containsExactly("good");
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        }
        return out.toByteArray();
    }

    @Test
    void acceptsTheRecordedJsonFixturesAndAnswersInJson() throws Exception {
        HttpResponse<byte[]> traces = post("/v1/traces", "application/json", OtlpJsonParserTest.fixture("otlp-trace-request.json"));
        HttpResponse<byte[]> logs = post("/v1/logs", "application/json; charset=utf-8", OtlpJsonParserTest.fixture("otlp-logs-request.json"));

        assertThat(traces.statusCode()).isEqualTo(200);
        assertThat(traces.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(text(traces)).isEqualTo("{}");
        assertThat(logs.statusCode()).isEqualTo(200);
        assertThat(ingest.spans()).extracting(span -> span.traceId()).containsOnly(OtlpJsonParserTest.PROBE_TRACE_ID).hasSize(2);
        assertThat(ingest.logs()).singleElement().satisfies(log -> assertThat(log.traceId()).isEqualTo(OtlpJsonParserTest.PROBE_TRACE_ID));
    }

    @Test
    void acceptsGzipAndIdentityEncodings() throws Exception {
        HttpResponse<byte[]> gzipped = post("/v1/traces", "application/x-protobuf", gzip(goodTraces()), "Content-Encoding", "gzip");
        HttpResponse<byte[]> identity = post("/v1/traces", "application/x-protobuf", goodTraces(), "Content-Encoding", "identity");

        assertThat(gzipped.statusCode()).isEqualTo(200);
        assertThat(identity.statusCode()).isEqualTo(200);
        assertThat(ExportTraceServiceResponse.parseFrom(gzipped.body()).hasPartialSuccess()).isFalse();
        assertThat(ingest.spans()).hasSize(2);
    }

    @Test
    void reportsSpansWithWrongIdLengthsAsPartialSuccessAndStoresTheRest() throws Exception {
        byte[] body = traces(
                protoSpan("good", id(TRACE_ID), id(SPAN_ID)).build(),
                protoSpan("short trace id", id("0102"), id(SPAN_ID)).build(),
                protoSpan("long span id", id(TRACE_ID), id(TRACE_ID)).build()).toByteArray();

        HttpResponse<byte[]> response = post("/v1/traces", "application/x-protobuf", body);

        assertThat(response.statusCode()).isEqualTo(200);
        ExportTraceServiceResponse answer = ExportTraceServiceResponse.parseFrom(response.body());
        assertThat(answer.getPartialSuccess().getRejectedSpans()).isEqualTo(2);
        assertThat(answer.getPartialSuccess().getErrorMessage()).contains("trace id");
        assertThat(ingest.spans()).extracting(span -> span.name()).containsExactly("good");
        assertThat(receiver.stats().rejectedItems()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void reportsPartialSuccessInJsonForJsonRequests() throws Exception {
        String json = "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":["
                + "{\"traceId\":\"" + TRACE_ID + "\",\"spanId\":\"" + SPAN_ID + "\",\"name\":\"good\"},"
                + "{\"traceId\":\"0102\",\"spanId\":\"" + SPAN_ID + "\",\"name\":\"bad\"}]}]}]}";

        HttpResponse<byte[]> response = post("/v1/traces", "application/json", json.getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(text(response)).contains("\"partialSuccess\"").contains("\"rejectedSpans\":\"1\"");
        assertThat(ingest.spans()).extracting(span -> span.name()).containsExactly("good");
    }

    @Test
    void refusesRandomBytes() throws Exception {
        byte[] random = new byte[4096];
        new Random(42).nextBytes(random);

        HttpResponse<byte[]> response = post("/v1/traces", "application/x-protobuf", random);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(status(response).getMessage()).startsWith("Malformed OTLP protobuf traces request");
        assertNothingStoredAndStillServing();
    }

    @Test
    void refusesTruncatedProtobuf() throws Exception {
        byte[] whole = traces(protoSpan("a", id(TRACE_ID), id(SPAN_ID)).build(),
                protoSpan("b", id(TRACE_ID), id(SPAN_ID)).build()).toByteArray();

        HttpResponse<byte[]> response = post("/v1/traces", "application/x-protobuf", Arrays.copyOf(whole, whole.length - 7));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(status(response).getCode()).isEqualTo(com.google.rpc.Code.INVALID_ARGUMENT_VALUE);
        assertNothingStoredAndStillServing();
    }

    @Test
    void refusesInvalidUtf8InAStringField() throws Exception {
        byte[] body = traces(protoSpan("valid", id(TRACE_ID), id(SPAN_ID)).build(),
                protoSpan("ZZZZ", id(TRACE_ID), id(SPAN_ID)).build()).toByteArray();
        int at = indexOf(body, "ZZZZ".getBytes(StandardCharsets.US_ASCII));
        body[at] = (byte) 0xC3;
        body[at + 1] = (byte) 0x28;

        HttpResponse<byte[]> response = post("/v1/traces", "application/x-protobuf", body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(status(response).getMessage()).containsIgnoringCase("UTF-8");
        assertNothingStoredAndStillServing();
    }

    @Test
    void refusesInvalidJsonWithAJsonStatus() throws Exception {
        HttpResponse<byte[]> response = post("/v1/logs", "application/json",
                "{\"resourceLogs\":[{\"scopeLogs\":".getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(text(response)).startsWith("{\"code\":3,\"message\":\"Malformed OTLP JSON logs request");
        assertNothingStoredAndStillServing();
    }

    @Test
    void refusesAnUnknownContentTypeOrEncoding() throws Exception {
        HttpResponse<byte[]> type = post("/v1/traces", "text/plain", goodTraces());
        HttpResponse<byte[]> encoding = post("/v1/traces", "application/x-protobuf", goodTraces(), "Content-Encoding", "br");

        assertThat(type.statusCode()).isEqualTo(415);
        assertThat(text(type)).contains("application/x-protobuf").contains("application/json");
        assertThat(encoding.statusCode()).isEqualTo(415);
        assertThat(status(encoding).getMessage()).contains("gzip");
        assertNothingStoredAndStillServing();
    }

    @Test
    void refusesABodyOverTheLimitByContentLength() throws Exception {
        HttpResponse<byte[]> response = post("/v1/traces", "application/x-protobuf", new byte[LIMIT + 1]);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(status(response).getMessage()).contains("too large").contains(Integer.toString(LIMIT));
        assertNothingStoredAndStillServing();
    }

    @Test
    void refusesAStreamedBodyOverTheLimitWhileReading() throws Exception {
        // three limits over: the client is still sending when the 413 goes out, and the server reads
        // on (LingeringClose) until the body ends, so that the client can read the answer
        HttpRequest request = request("/v1/traces", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[4 * LIMIT])))
                .build();

        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(status(response).getMessage()).contains("too large");
        assertNothingStoredAndStillServing();
    }

    @Test
    void refusesAGzipBomb() throws Exception {
        byte[] bomb = gzip(new byte[64 * LIMIT]);
        assertThat(bomb.length).isLessThan(LIMIT);

        HttpResponse<byte[]> response = post("/v1/traces", "application/x-protobuf", bomb, "Content-Encoding", "gzip");

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(status(response).getMessage()).contains("after gunzip");
        assertNothingStoredAndStillServing();
    }

    @Test
    void refusesABodyThatIsNotGzip() throws Exception {
        HttpResponse<byte[]> response = post("/v1/traces", "application/x-protobuf", goodTraces(), "Content-Encoding", "gzip");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(status(response).getMessage()).contains("not valid gzip");
        assertNothingStoredAndStillServing();
    }

    @Test
    void answersWrongMethodsAndUnknownPaths() throws Exception {
        HttpResponse<String> get = client.send(HttpRequest.newBuilder(URI.create(receiver.endpoints().httpUrl() + "/v1/traces")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<byte[]> unknown = post("/v1/profiles", "application/x-protobuf", goodTraces());

        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
        assertThat(get.body()).contains("POST");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(text(unknown)).contains("/v1/profiles").contains("/v1/traces");
        assertNothingStoredAndStillServing();
    }

    @Test
    void answers429WithRetryAfterWhenTheStoreIsSaturated() throws Exception {
        ingest.mode(Mode.SATURATED);

        HttpResponse<byte[]> response = post("/v1/traces", "application/x-protobuf", goodTraces());

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("3");
        assertThat(status(response).getMessage()).contains("saturated");
        ingest.mode(Mode.COMPLETE);
        assertNothingStoredAndStillServing();
    }

    @Test
    void answers503WhenTheStoreFailsTheBatch() throws Exception {
        ingest.mode(Mode.FAIL);

        HttpResponse<byte[]> response = post("/v1/traces", "application/json",
                OtlpJsonParserTest.fixture("otlp-trace-request.json"));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(text(response)).contains("disk full");
        assertThat(receiver.stats().failedRequests()).isPositive();
    }

    @Test
    void answersOnlyOnceTheBatchIsDurable() throws Exception {
        ingest.mode(Mode.HOLD);

        CompletableFuture<HttpResponse<byte[]>> response = client.sendAsync(
                request("/v1/traces", "application/x-protobuf").POST(HttpRequest.BodyPublishers.ofByteArray(goodTraces())).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        await().atMost(Duration.ofSeconds(10)).until(() -> ingest.held().size() == 1);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !response.isDone());
        ingest.held().get(0).complete(null);
        HttpResponse<byte[]> answered = response.get();
        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(ExportTraceServiceResponse.parseFrom(answered.body()).hasPartialSuccess()).isFalse();
    }

    @Test
    void answersAnEmptyRequestWithoutCallingTheStore() throws Exception {
        HttpResponse<byte[]> response = post("/v1/metrics", "application/x-protobuf", new byte[0]);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ingest.batches()).isEmpty();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

}
