package dev.otellab.telemetry.embedded.receiver;

import dev.otellab.telemetry.otlp.DecodedRequest;
import dev.otellab.telemetry.otlp.OtlpDecoder;
import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import com.google.rpc.Code;
import com.google.rpc.RetryInfo;
import dev.otellab.telemetry.ingest.StoreSaturatedException;
import dev.otellab.telemetry.ingest.TelemetryBatch;
import dev.otellab.telemetry.ingest.TelemetryIngest;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCalls;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * OTLP/gRPC: the three collector services of opentelemetry-proto on grpc-netty-shaded (their
 * generated service bases, with requests parsed by the receiver so that malformed ones get
 * INVALID_ARGUMENT). gzip
 * request compression is accepted (grpc-java's default decompressors); the inbound message size
 * is limited like an HTTP body. Each call answers once the store has made its batch durable; a
 * saturated store gives UNAVAILABLE with google.rpc.RetryInfo (retryable by OTLP's rules), a
 * failed store UNAVAILABLE. Like OTLP/HTTP, a call is refused before decoding when the store is full,
 * decoded on the shared {@link DecodeLane}, and its message must arrive within a deadline
 * ({@link MessageDeadline}); calls per connection, metadata size and idle connections are bounded.
 */
final class OtlpGrpcServer {
    private static final int MAX_METADATA_BYTES = 64 * 1024;
    private final ReceiverSettings settings;
    private final TelemetryIngest ingest;
    private final ReceiverStats stats;
    private final Admission admission;
    private Server server;

    OtlpGrpcServer(ReceiverSettings settings, TelemetryIngest ingest, ReceiverStats stats, Admission admission) {
        this.settings = settings;
        this.ingest = ingest;
        this.stats = stats;
        this.admission = admission;
    }

    /** Starts listening and returns the bound port; a taken port becomes a ReceiverStartException. */
    int start() {
        Server created = NettyServerBuilder
                .forAddress(new InetSocketAddress(settings.bindAddress(), settings.grpcPort()))
                .maxInboundMessageSize((int) settings.maxBodyBytes())
                .maxInboundMetadataSize(MAX_METADATA_BYTES)
                .maxConcurrentCallsPerConnection(admission.limits().grpcCallsPerConnection())
                .handshakeTimeout(10, TimeUnit.SECONDS)
                .maxConnectionIdle(5, TimeUnit.MINUTES)
                .keepAliveTime(1, TimeUnit.MINUTES)
                .keepAliveTimeout(20, TimeUnit.SECONDS)
                .intercept(new MessageDeadline(admission.timer(), admission.limits().grpcCallDeadline()))
                .addService(parsedHere(TraceServiceGrpc.getExportMethod(), ExportTraceServiceRequest.parser(), new TraceService()::export))
                .addService(parsedHere(LogsServiceGrpc.getExportMethod(), ExportLogsServiceRequest.parser(), new LogsService()::export))
                .addService(parsedHere(MetricsServiceGrpc.getExportMethod(), ExportMetricsServiceRequest.parser(), new MetricsService()::export))
                .build();
        try {
            created.start();
        } catch (IOException | RuntimeException e) {
            created.shutdownNow();
            if (isBindFailure(e)) {
                throw new ReceiverStartException(OtlpReceiver.portInUseMessage(
                        settings.grpcPort(), "OTLP/gRPC", settings.bindAddress(), "--grpc-port"), e);
            }
            throw new ReceiverStartException("The OTLP/gRPC receiver could not start on "
                    + settings.bindAddress() + ":" + settings.grpcPort() + ": " + e.getMessage(), e);
        }
        server = created;
        return created.getPort();
    }

    void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        try {
            if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
        server = null;
    }

    /**
     * Binds a service's Export method with a request marshaller that only collects the bytes, and
     * parses them here: grpc-java answers a request its marshaller cannot parse with UNKNOWN
     * ("Application error") and a SEVERE log, while OTLP wants INVALID_ARGUMENT (not retryable).
     */
    private <Q, R> ServerServiceDefinition parsedHere(MethodDescriptor<Q, R> method, Parser<Q> parser,
                                                             BiConsumer<Q, StreamObserver<R>> export) {
        MethodDescriptor<byte[], R> rawRequests = method.toBuilder(RAW_BYTES, method.getResponseMarshaller()).build();
        return ServerServiceDefinition.builder(method.getServiceName())
                .addMethod(rawRequests, ServerCalls.asyncUnaryCall((byte[] body, StreamObserver<R> observer) -> {
                    Optional<Duration> saturated = admission.storeSaturation();
                    if (saturated.isPresent()) {
                        refuse(observer, "The store is saturated, retry later.", saturated.get());
                        return;
                    }
                    if (!admission.budget().tryReserve(body.length)) {
                        refuse(observer, "The receiver holds as many requests as it may, retry later.",
                                Admission.BUSY_RETRY_AFTER);
                        return;
                    }
                    boolean queued = admission.lane().tryRun(() -> {
                        Q request;
                        try {
                            try {
                                request = parser.parseFrom(body);
                            } catch (InvalidProtocolBufferException e) {
                                observer.onError(Status.INVALID_ARGUMENT
                                        .withDescription("Malformed OTLP protobuf request: " + e.getMessage())
                                        .asRuntimeException());
                                return;
                            }
                            export.accept(request, observer);
                        } finally {
                            admission.budget().release(body.length);
                        }
                    });
                    if (!queued) {
                        admission.budget().release(body.length);
                        refuse(observer, "The receiver is decoding as many requests as it can, retry later.",
                                Admission.BUSY_RETRY_AFTER);
                    }
                }))
                .build();
    }

    private static final MethodDescriptor.Marshaller<byte[]> RAW_BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw Status.INTERNAL.withDescription("cannot read the request").withCause(e).asRuntimeException();
            }
        }
    };

    private <R> void export(Signal signal, DecodedRequest decoded, Function<DecodedRequest, R> response,
                            StreamObserver<R> observer) {
        stats.rejected(decoded.rejected());
        TelemetryBatch batch = decoded.batch();
        if (batch.isEmpty()) {
            observer.onNext(response.apply(decoded));
            observer.onCompleted();
            return;
        }
        CompletionStage<Void> stage;
        try {
            stage = ingest.accept(batch);
        } catch (StoreSaturatedException e) {
            refuse(observer, "The store is saturated, retry later: " + e.getMessage(), e.retryAfter());
            return;
        } catch (RuntimeException e) {
            stats.failed();
            observer.onError(Status.UNAVAILABLE
                    .withDescription("The store did not take the batch, retry later: " + e)
                    .asRuntimeException());
            return;
        }
        stage.whenComplete((ignored, failure) -> {
            if (failure == null) {
                stats.accepted(signal, batch.size());
                observer.onNext(response.apply(decoded));
                observer.onCompleted();
            } else {
                stats.failed();
                observer.onError(Status.UNAVAILABLE
                        .withDescription("The store failed to keep the batch, retry later: " + failure.getMessage())
                        .withCause(failure)
                        .asRuntimeException());
            }
        });
    }

    /** Answers UNAVAILABLE with RetryInfo after {@link Admission#REFUSAL_DELAY}. */
    private void refuse(StreamObserver<?> observer, String message, Duration retryAfter) {
        stats.throttled();
        RuntimeException refusal = retryLater(message, retryAfter);
        admission.refuseLater(() -> observer.onError(refusal));
    }

    /** UNAVAILABLE with google.rpc.RetryInfo: OTLP's retryable "slow down" over gRPC. */
    private static RuntimeException retryLater(String message, Duration suggested) {
        Duration retryAfter = suggested == null ? Duration.ofSeconds(1) : suggested;
        RetryInfo retryInfo = RetryInfo.newBuilder()
                .setRetryDelay(com.google.protobuf.Duration.newBuilder()
                        .setSeconds(retryAfter.getSeconds())
                        .setNanos(retryAfter.getNano()))
                .build();
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Code.UNAVAILABLE_VALUE)
                .setMessage(message)
                .addDetails(Any.pack(retryInfo))
                .build());
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            // Netty's native transport reports EADDRINUSE as its own IOException, not a BindException.
            if (cause instanceof BindException
                    || (cause.getMessage() != null && cause.getMessage().contains("Address already in use"))) {
                return true;
            }
        }
        return false;
    }

    private final class TraceService extends TraceServiceGrpc.TraceServiceImplBase {
        @Override
        public void export(ExportTraceServiceRequest request, StreamObserver<ExportTraceServiceResponse> observer) {
            OtlpGrpcServer.this.export(Signal.TRACES, OtlpDecoder.traces(request), OtlpMessages::tracesResponse, observer);
        }
    }

    private final class LogsService extends LogsServiceGrpc.LogsServiceImplBase {
        @Override
        public void export(ExportLogsServiceRequest request, StreamObserver<ExportLogsServiceResponse> observer) {
            OtlpGrpcServer.this.export(Signal.LOGS, OtlpDecoder.logs(request), OtlpMessages::logsResponse, observer);
        }
    }

    private final class MetricsService extends MetricsServiceGrpc.MetricsServiceImplBase {
        @Override
        public void export(ExportMetricsServiceRequest request, StreamObserver<ExportMetricsServiceResponse> observer) {
            OtlpGrpcServer.this.export(Signal.METRICS, OtlpDecoder.metrics(request), OtlpMessages::metricsResponse, observer);
        }
    }
}
