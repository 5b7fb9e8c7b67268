package dev.otellab.telemetry.embedded.receiver;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static dev.otellab.telemetry.otlp.OtlpDecoderTest.SPAN_ID;
import static dev.otellab.telemetry.otlp.OtlpDecoderTest.TRACE_ID;
import static dev.otellab.telemetry.otlp.OtlpDecoderTest.id;
import static dev.otellab.telemetry.otlp.OtlpDecoderTest.protoSpan;
import static dev.otellab.telemetry.otlp.OtlpDecoderTest.traces;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gRPC port under senders that open HTTP/2 streams and send only part of their message: raw
 * HTTP/2 (OkHttp with prior knowledge, no gRPC library on the sending side) writes the gRPC
 * length prefix and half the message, then holds the stream open. A valid call must still be
 * answered, and a held stream is ended with DEADLINE_EXCEEDED at the receiver's message deadline.
 */
class GrpcHalfSentMessagesTest {
    private static final String EXPORT_PATH = "/opentelemetry.proto.collector.trace.v1.TraceService/Export";
    private static final MediaType GRPC = MediaType.get("application/grpc");
    private static final int HELD_CALLS = 300;

    private final RecordingIngest ingest = new RecordingIngest();
    private final List<BufferedSink> openSinks = new CopyOnWriteArrayList<>();
    private final Map<Integer, String> answers = new ConcurrentHashMap<>();
    private OkHttpClient http2;
    private OtlpReceiver receiver;

    @AfterEach
    void closeEverything() {
        openSinks.forEach(sink -> {
            try {
                sink.close();
            } catch (IOException ignored) {
                // the server already ended the stream
            }
        });
        if (http2 != null) {
            http2.dispatcher().cancelAll();
            http2.dispatcher().executorService().shutdownNow();
            http2.connectionPool().evictAll();
        }
        if (receiver != null) {
            receiver.stop();
        }
    }

    @Test
    void answersAValidCallWhileHundredsOfStreamsHoldHalfAMessage() throws Exception {
        // the default limits, but a message deadline long enough to open every held stream on a busy machine
        ReceiverLimits defaults = ReceiverLimits.DEFAULT;
        start(new ReceiverLimits(Duration.ofMinutes(3), defaults.decodeThreads(), defaults.decodeQueue(),
                defaults.bodyBudgetBytes(), defaults.grpcCallsPerConnection(), Duration.ofMinutes(3)));
        for (int i = 0; i < HELD_CALLS; i++) {
            if (i % defaults.grpcCallsPerConnection() == 0) {
                learnStreamLimitOnNextConnection();
            }
            int opened = i + 1;
            holdHalfSentCall(i);
            await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2)).atMost(Duration.ofSeconds(10))
                    .until(() -> openSinks.size() == opened || !answers.isEmpty());
        }

        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", receiver.endpoints().grpcPort())
                .usePlaintext().build();
        try {
            TraceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS).export(goodTraces());
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }

        assertThat(ingest.spans()).hasSize(1);
        assertThat(answers).as("no held stream is answered before its deadline").isEmpty();
    }

    @Test
    void aHalfSentMessageIsEndedWithDeadlineExceededAndNothingIsStored() throws Exception {
        start(new ReceiverLimits(Duration.ofSeconds(1), 2, 8, 64L << 20, 16, Duration.ofSeconds(1)));

        holdHalfSentCall(0);

        await().atMost(Duration.ofSeconds(20)).until(() -> answers.containsKey(0));
        assertThat(answers.get(0)).isEqualTo("grpc-status 4"); // DEADLINE_EXCEEDED
        assertThat(ingest.batches()).isEmpty();
    }

    private void start(ReceiverLimits limits) {
        receiver = new OtlpReceiver(ReceiverSettings.anyFreePorts(), ingest, limits);
        receiver.start();
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(HELD_CALLS * 2);
        dispatcher.setMaxRequestsPerHost(HELD_CALLS * 2);
        http2 = new OkHttpClient.Builder()
                .protocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE))
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(64, 1, TimeUnit.MINUTES))
                .readTimeout(Duration.ZERO)
                .callTimeout(Duration.ZERO)
                .build();
    }

    /**
     * Makes one complete call before a connection is filled. The client learns the server's stream
     * limit only from the server's SETTINGS frame; a held stream opened before that frame was read
     * may break the limit and be reset, which is the client's fault, not the receiver's. An answer on
     * the connection comes after those SETTINGS, so once it is read the limit is known. When the
     * previous connection is full, this call opens the next one.
     */
    private void learnStreamLimitOnNextConnection() throws IOException {
        Request unknownMethod = new Request.Builder()
                .url("http://127.0.0.1:" + receiver.endpoints().grpcPort() + "/opentelemetry.proto.collector.trace.v1.TraceService/Unknown")
                .header("te", "trailers")
                .post(RequestBody.create(new byte[5], GRPC))
                .build();
        try (Response response = http2.newCall(unknownMethod).execute()) {
            response.body().bytes();
        }
    }

    /** Starts an Export call whose body is the 5-byte gRPC prefix and half the message, left open. */
    private void holdHalfSentCall(int number) {
        byte[] message = goodTraces().toByteArray();
        RequestBody halfSent = new RequestBody() {
            @Override
            public MediaType contentType() {
                return GRPC;
            }

            @Override
            public boolean isDuplex() {
                return true;
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                sink.writeByte(0); // not compressed
                sink.write(ByteBuffer.allocate(4).putInt(message.length).array());
                sink.write(message, 0, message.length / 2);
                sink.flush();
                openSinks.add(sink); // never finished: the stream stays open with half a message
            }
        };
        Request request = new Request.Builder()
                .url("http://127.0.0.1:" + receiver.endpoints().grpcPort() + EXPORT_PATH)
                .header("te", "trailers")
                .post(halfSent)
                .build();
        http2.newCall(request).enqueue(new Callback() {
            @Override
            public void onResponse(Call call, Response response) throws IOException {
                try (response) {
                    String status = response.header("grpc-status");
                    if (status == null) {
                        response.body().bytes();
                        status = response.trailers().get("grpc-status");
                    }
                    answers.put(number, "grpc-status " + status);
                }
            }

            @Override
            public void onFailure(Call call, IOException e) {
                answers.put(number, "failed: " + e.getMessage());
            }
        });
    }

    private static ExportTraceServiceRequest goodTraces() {
        return traces(protoSpan("good", id(TRACE_ID), id(SPAN_ID)).build());
    }
}
