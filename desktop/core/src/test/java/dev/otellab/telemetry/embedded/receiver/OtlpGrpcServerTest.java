package dev.otellab.telemetry.embedded.receiver;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.rpc.RetryInfo;
import dev.otellab.telemetry.embedded.receiver.RecordingIngest.Mode;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.stub.ClientCalls;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static dev.otellab.telemetry.otlp.OtlpDecoderTest.SPAN_ID;
import static dev.otellab.telemetry.otlp.OtlpDecoderTest.TRACE_ID;
import static dev.otellab.telemetry.otlp.OtlpDecoderTest.id;
import static dev.otellab.telemetry.otlp.OtlpDecoderTest.protoSpan;
import static dev.otellab.telemetry.otlp.OtlpDecoderTest.traces;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/** OTLP/gRPC against a real receiver, with a grpc-java client where the SDK exporters cannot show the detail. */
class OtlpGrpcServerTest {
    private static final int LIMIT = 64 * 1024;
    private static final RecordingIngest ingest = new RecordingIngest();
    private static OtlpReceiver receiver;
    private static ManagedChannel channel;
    private static TraceServiceGrpc.TraceServiceBlockingStub traces;

    @BeforeAll
    static void start() {
        receiver = new OtlpReceiver(ReceiverSettings.anyFreePorts().withMaxBodyBytes(LIMIT), ingest);
        receiver.start();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", receiver.endpoints().grpcPort()).usePlaintext().build();
        traces = TraceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        receiver.stop();
    }

    @BeforeEach
    void reset() {
        ingest.mode(Mode.COMPLETE);
        ingest.clear();
    }

    private static ExportTraceServiceRequest good() {
        return traces(protoSpan("good", id(TRACE_ID), id(SPAN_ID)).build());
    }

    @Test
    void reportsInvalidIdsAsRejectedSpans() {
        ExportTraceServiceResponse response = traces.export(traces(
                protoSpan("good", id(TRACE_ID), id(SPAN_ID)).build(),
                protoSpan("empty trace id", com.google.protobuf.ByteString.EMPTY, id(SPAN_ID)).build()));

        assertThat(response.getPartialSuccess().getRejectedSpans()).isEqualTo(1);
        assertThat(response.getPartialSuccess().getErrorMessage()).contains("empty trace id");
        assertThat(ingest.spans()).extracting(span -> span.name()).containsExactly("good");
    }

    @Test
    void answersUnavailableWithRetryInfoWhenTheStoreIsSaturated() throws Exception {
        ingest.mode(Mode.SATURATED);

        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class, () -> traces.export(good()));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(error.getStatus().getDescription()).contains("saturated");
        RetryInfo retryInfo = StatusProto.fromThrowable(error).getDetails(0).unpack(RetryInfo.class);
        assertThat(retryInfo.getRetryDelay().getSeconds()).isEqualTo(2);
        assertThat(retryInfo.getRetryDelay().getNanos()).isEqualTo(500_000_000);
        assertThat(ingest.batches()).isEmpty();
    }

    @Test
    void answersUnavailableWhenTheStoreFailsTheBatch() {
        ingest.mode(Mode.FAIL);

        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class, () -> traces.export(good()));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(error.getStatus().getDescription()).contains("disk full");
    }

    @Test
    void refusesAMessageOverTheLimitAndKeepsServing() {
        ExportTraceServiceRequest huge = ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder()
                        .addSpans(protoSpan("x".repeat(LIMIT + 1), id(TRACE_ID), id(SPAN_ID)))))
                .build();

        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class, () -> traces.export(huge));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(ingest.batches()).isEmpty();
        assertThat(traces.export(good()).hasPartialSuccess()).isFalse();
        assertThat(ingest.spans()).hasSize(1);
    }

    @Test
    void refusesMalformedProtobufAndKeepsServing() {
        MethodDescriptor<byte[], byte[]> rawExport = TraceServiceGrpc.getExportMethod().toBuilder(RAW, RAW).build();
        byte[] random = new byte[2048];
        new Random(3).nextBytes(random);

        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> ClientCalls.blockingUnaryCall(channel, rawExport, CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS), random));

        byte[] invalidUtf8 = traces(protoSpan("\u00e9t\u00e9", id(TRACE_ID), id(SPAN_ID)).build()).toByteArray();
        int at = indexOf(invalidUtf8, "\u00e9t\u00e9".getBytes(StandardCharsets.UTF_8));
        invalidUtf8[at + 1] = (byte) 0x28; // a lead byte followed by a non-continuation byte
        StatusRuntimeException utf8Error = catchThrowableOfType(StatusRuntimeException.class,
                () -> ClientCalls.blockingUnaryCall(channel, rawExport, CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS), invalidUtf8));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(error.getStatus().getDescription()).startsWith("Malformed OTLP protobuf request");
        assertThat(utf8Error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(utf8Error.getStatus().getDescription()).containsIgnoringCase("UTF-8");
        assertThat(ingest.batches()).isEmpty();
        assertThat(traces.export(good()).hasPartialSuccess()).isFalse();
        assertThat(ingest.spans()).hasSize(1);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    private static final MethodDescriptor.Marshaller<byte[]> RAW = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    @Test
    void answersOnlyOnceTheBatchIsDurable() throws Exception {
        ingest.mode(Mode.HOLD);

        ListenableFuture<ExportTraceServiceResponse> response = TraceServiceGrpc.newFutureStub(channel).export(good());

        await().atMost(Duration.ofSeconds(10)).until(() -> ingest.held().size() == 1);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !response.isDone());
        ingest.held().get(0).complete(null);
        assertThat(response.get(10, TimeUnit.SECONDS).hasPartialSuccess()).isFalse();
    }
}
