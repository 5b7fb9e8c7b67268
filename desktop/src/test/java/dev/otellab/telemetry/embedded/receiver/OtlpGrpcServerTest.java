package dev.otellab.telemetry.embedded.receiver;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.rpc.RetryInfo;
import dev.otellab.telemetry.embedded.receiver.RecordingIngest.Mode;
import io.grpc.ManagedChannel;
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

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static dev.otellab.telemetry.embedded.receiver.OtlpDecoderTest.SPAN_ID;
import static dev.otellab.telemetry.embedded.receiver.OtlpDecoderTest.TRACE_ID;
import static dev.otellab.telemetry.embedded.receiver.OtlpDecoderTest.id;
import static dev.otellab.telemetry.embedded.receiver.OtlpDecoderTest.protoSpan;
import static dev.otellab.telemetry.embedded.receiver.OtlpDecoderTest.traces;
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
    void answersOnlyOnceTheBatchIsDurable() throws Exception {
        ingest.mode(Mode.HOLD);

        ListenableFuture<ExportTraceServiceResponse> response = TraceServiceGrpc.newFutureStub(channel).export(good());

        await().atMost(Duration.ofSeconds(10)).until(() -> ingest.held().size() == 1);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !response.isDone());
        ingest.held().get(0).complete(null);
        assertThat(response.get(10, TimeUnit.SECONDS).hasPartialSuccess()).isFalse();
    }
}
