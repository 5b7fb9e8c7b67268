package dev.otellab.telemetry.embedded.receiver;

import com.google.rpc.RetryInfo;
import dev.otellab.telemetry.embedded.receiver.RecordingIngest.Mode;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.otellab.telemetry.otlp.OtlpDecoderTest.SPAN_ID;
import static dev.otellab.telemetry.otlp.OtlpDecoderTest.TRACE_ID;
import static dev.otellab.telemetry.otlp.OtlpDecoderTest.id;
import static dev.otellab.telemetry.otlp.OtlpDecoderTest.protoSpan;
import static dev.otellab.telemetry.otlp.OtlpDecoderTest.traces;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Senders that hold bodies open, never finish them, or come while the store is full, on real
 * sockets: the receiver keeps answering the valid requests and refuses the rest retryably.
 */
class HostileSendersTest {
    private static final int HELD_CONNECTIONS = 500;
    private final RecordingIngest ingest = new RecordingIngest();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Socket> held = new ArrayList<>();
    private OtlpReceiver receiver;

    @AfterEach
    void closeEverything() {
        held.forEach(socket -> {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed by the server
            }
        });
        if (receiver != null) {
            receiver.stop();
        }
    }

    private void start(ReceiverLimits limits) {
        receiver = new OtlpReceiver(ReceiverSettings.anyFreePorts(), ingest, limits);
        receiver.start();
    }

    @Test
    void answersValidRequestsWhileHundredsOfSendersHoldPartialBodies() throws Exception {
        start(ReceiverLimits.DEFAULT);
        for (int i = 0; i < HELD_CONNECTIONS; i++) {
            Socket socket = openPartialBody(100_000, 10);
            held.add(socket);
        }

        // no timing assertion: "answers" is the point; the benchmark records how fast
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(postTraces().statusCode()).isEqualTo(200));
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", receiver.endpoints().grpcPort())
                .usePlaintext().build();
        try {
            TraceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS).export(goodTraces());
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }

        assertThat(ingest.spans()).hasSize(2);
        assertThat(held).allMatch(socket -> !socket.isClosed());
    }

    @Test
    void aBodyThatDoesNotArriveByTheDeadlineIsAnswered408() throws Exception {
        start(new ReceiverLimits(Duration.ofSeconds(1), 2, 8, 64L << 20, 16, Duration.ofSeconds(1)));
        Socket socket = openPartialBody(100_000, 10);
        held.add(socket);

        String answer = readAnswer(socket);

        assertThat(answer).startsWith("HTTP/1.1 408");
        assertThat(ingest.batches()).isEmpty();
        assertThat(postTraces().statusCode()).isEqualTo(200);
    }

    @Test
    void aFullStoreRefusesBeforeTheBodyIsSent() throws Exception {
        start(ReceiverLimits.DEFAULT);
        ingest.mode(Mode.FULL);
        Socket socket = openPartialBody(1_000_000, 0);
        held.add(socket);

        String answer = readAnswer(socket);

        assertThat(answer).startsWith("HTTP/1.1 429").containsIgnoringCase("Retry-After: 2");
        assertThat(ingest.batches()).isEmpty();
    }

    @Test
    void aFullStoreRefusesGrpcCallsBeforeDecodingWithRetryInfo() throws Exception {
        start(ReceiverLimits.DEFAULT);
        ingest.mode(Mode.FULL);
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", receiver.endpoints().grpcPort())
                .usePlaintext().build();
        try {
            StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class, () ->
                    TraceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS).export(goodTraces()));

            assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            RetryInfo retryInfo = StatusProto.fromThrowable(error).getDetails(0).unpack(RetryInfo.class);
            assertThat(retryInfo.getRetryDelay().getSeconds()).isEqualTo(1);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        assertThat(ingest.batches()).isEmpty();
    }

    @Test
    void bodiesBeyondTheMemoryBudgetAreRefusedRetryably() throws Exception {
        start(new ReceiverLimits(Duration.ofSeconds(20), 2, 8, 64 * 1024, 16, Duration.ofSeconds(20)));
        held.add(openPartialBody(60_000, 10)); // holds 60,000 bytes of the 64 KiB budget
        byte[] large = new byte[20_000];

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<byte[]> refused = client.send(HttpRequest.newBuilder(traceUrl())
                    .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/x-protobuf")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(large)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        });
        assertThat(ingest.batches()).isEmpty();
    }

    @Test
    void aFullLaneRefusesBeforeTheBodyIsSentAndTakesRequestsAgainOnceAnswered() throws Exception {
        start(new ReceiverLimits(Duration.ofSeconds(20), 1, 1, 64L << 20, 16, Duration.ofSeconds(20)));
        ingest.mode(Mode.HOLD);
        List<CompletableFuture<HttpResponse<byte[]>>> waiting = List.of(postTracesAsync(), postTracesAsync());
        await().atMost(Duration.ofSeconds(30)).until(() -> ingest.held().size() == 2);

        Socket refused = openPartialBody(1_000_000, 0);
        held.add(refused);
        assertThat(readAnswer(refused)).startsWith("HTTP/1.1 429").containsIgnoringCase("Retry-After: 1");

        ingest.held().forEach(stage -> stage.complete(null));
        for (CompletableFuture<HttpResponse<byte[]>> answer : waiting) {
            assertThat(answer.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        ingest.mode(Mode.COMPLETE);
        assertThat(postTraces().statusCode()).isEqualTo(200);
        assertThat(ingest.spans()).hasSize(3);
    }

    @Test
    void aFullLaneRefusesGrpcCallsUntilTheHeldOnesAreAnswered() throws Exception {
        start(new ReceiverLimits(Duration.ofSeconds(20), 1, 1, 64L << 20, 16, Duration.ofSeconds(20)));
        ingest.mode(Mode.HOLD);
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", receiver.endpoints().grpcPort())
                .usePlaintext().build();
        try {
            var first = TraceServiceGrpc.newFutureStub(channel).export(goodTraces());
            var second = TraceServiceGrpc.newFutureStub(channel).export(goodTraces());
            await().atMost(Duration.ofSeconds(30)).until(() -> ingest.held().size() == 2);

            StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class, () ->
                    TraceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS).export(goodTraces()));
            assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(StatusProto.fromThrowable(error).getDetails(0).is(RetryInfo.class)).isTrue();

            ingest.held().forEach(stage -> stage.complete(null));
            first.get(30, TimeUnit.SECONDS);
            second.get(30, TimeUnit.SECONDS);
            ingest.mode(Mode.COMPLETE);
            TraceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS).export(goodTraces());
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        assertThat(ingest.spans()).hasSize(3);
    }

    @Test
    void heldBodiesGiveBackTheirPlacesToSendersAtFullSpeed() throws Exception {
        // two places and a body deadline far beyond the wait below: only giving the places back lets the valid request in
        start(new ReceiverLimits(Duration.ofMinutes(5), 1, 1, 64L << 20, 16, Duration.ofSeconds(20)));
        for (int i = 0; i < 2; i++) {
            held.add(openPartialBody(100_000, 10));
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(postTraces().statusCode()).isEqualTo(200));
        assertThat(ingest.spans()).hasSize(1);
    }

    private static io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest goodTraces() {
        return traces(protoSpan("good", id(TRACE_ID), id(SPAN_ID)).build());
    }

    private URI traceUrl() {
        return URI.create(receiver.endpoints().httpUrl() + "/v1/traces");
    }

    private CompletableFuture<HttpResponse<byte[]>> postTracesAsync() {
        return client.sendAsync(HttpRequest.newBuilder(traceUrl()).timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/x-protobuf")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(goodTraces().toByteArray())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> postTraces() throws Exception {
        return client.send(HttpRequest.newBuilder(traceUrl()).timeout(Duration.ofSeconds(20))
                        .header("Content-Type", "application/x-protobuf")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(goodTraces().toByteArray())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A connection that sent complete headers and {@code sent} bytes of a {@code declared}-byte body. */
    private Socket openPartialBody(int declared, int sent) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", receiver.endpoints().httpPort()), 5_000);
        socket.setSoTimeout(30_000);
        String head = "POST /v1/traces HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-protobuf\r\n"
                + "Content-Length: " + declared + "\r\n\r\n";
        socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().write(new byte[sent]);
        socket.getOutputStream().flush();
        return socket;
    }

    /** The response head the server sent, read until its blank line. */
    static String readAnswer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            if (head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                break;
            }
        }
        return head.toString(StandardCharsets.US_ASCII);
    }
}
