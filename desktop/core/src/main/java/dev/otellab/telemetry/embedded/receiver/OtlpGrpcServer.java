package dev.otellab.telemetry.embedded.receiver;

import dev.otellab.telemetry.embedded.receiver.AcceptPipeline.Outcome;
import dev.otellab.telemetry.otlp.DecodedRequest;
import dev.otellab.telemetry.otlp.OtlpBodyDecoder;
import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.Code;
import com.google.rpc.RetryInfo;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCalls;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * OTLP/gRPC: the three collector services of opentelemetry-proto on grpc-netty-shaded (their
 * generated service bases, with requests parsed by the receiver so that malformed ones get
 * INVALID_ARGUMENT). gzip
 * request compression is accepted (grpc-java's default decompressors); the inbound message size
 * is limited like an HTTP body. Each call answers once the store has made its batch durable; a
 * saturated store gives UNAVAILABLE with google.rpc.RetryInfo (retryable by OTLP's rules), a
 * failed store UNAVAILABLE. Like OTLP/HTTP, a call goes through the shared {@link AcceptPipeline}
 * (refused before decoding when the store is full or the lane has no place for it, decoded on the
 * {@link DecodeLane}); its message must arrive within a deadline ({@link MessageDeadline}); calls
 * per connection, metadata size and idle connections are bounded.
 */
final class OtlpGrpcServer {
    private static final int MAX_METADATA_BYTES = 64 * 1024;
    private final ReceiverSettings settings;
    private final Admission admission;
    private final AcceptPipeline pipeline;
    private final OtlpBodyDecoder decoder;
    private Server server;

    OtlpGrpcServer(ReceiverSettings settings, OtlpBodyDecoder decoder, Admission admission, AcceptPipeline pipeline) {
        this.settings = settings;
        this.decoder = decoder;
        this.admission = admission;
        this.pipeline = pipeline;
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
                .addService(export(TraceServiceGrpc.getExportMethod(), Signal.TRACES, OtlpMessages::tracesResponse))
                .addService(export(LogsServiceGrpc.getExportMethod(), Signal.LOGS, OtlpMessages::logsResponse))
                .addService(export(MetricsServiceGrpc.getExportMethod(), Signal.METRICS, OtlpMessages::metricsResponse))
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
    private <Q, R> ServerServiceDefinition export(MethodDescriptor<Q, R> method, Signal signal,
                                                  Function<DecodedRequest, R> response) {
        MethodDescriptor<byte[], R> rawRequests = method.toBuilder(RAW_BYTES, method.getResponseMarshaller()).build();
        return ServerServiceDefinition.builder(method.getServiceName())
                .addMethod(rawRequests, ServerCalls.asyncUnaryCall((byte[] body, StreamObserver<R> observer) -> {
                    Consumer<Outcome> answer = outcome -> answer(observer, outcome, response);
                    Optional<DecodeLane.Place> admitted = pipeline.admit(answer);
                    if (admitted.isEmpty()) {
                        return;
                    }
                    DecodeLane.Place place = admitted.get();
                    place.claim(); // the message has arrived whole
                    if (!admission.budget().tryReserve(body.length)) {
                        place.release();
                        pipeline.refuseBusy("The receiver holds as many requests as it may, retry later.", answer);
                        return;
                    }
                    pipeline.decodeAndStore(signal, place, () -> decode(signal, body),
                            () -> admission.budget().release(body.length), answer);
                }))
                .build();
    }

    private DecodedRequest decode(Signal signal, byte[] body) throws AcceptPipeline.Undecodable {
        try {
            return OtlpMessages.decodeProtobuf(decoder, signal, body);
        } catch (InvalidProtocolBufferException e) {
            throw new AcceptPipeline.Undecodable(new Outcome.Malformed("Malformed OTLP protobuf request: " + e.getMessage()));
        }
    }

    /** The outcome as OTLP/gRPC answers it: the response, or a Status (UNAVAILABLE with RetryInfo when refused). */
    private static <R> void answer(StreamObserver<R> observer, Outcome outcome, Function<DecodedRequest, R> response) {
        if (outcome instanceof Outcome.Stored stored) {
            observer.onNext(response.apply(stored.decoded()));
            observer.onCompleted();
        } else if (outcome instanceof Outcome.Refused refused) {
            observer.onError(retryLater(refused.message(), refused.retryAfter()));
        } else if (outcome instanceof Outcome.Malformed malformed) {
            observer.onError(Status.INVALID_ARGUMENT.withDescription(malformed.message()).asRuntimeException());
        } else if (outcome instanceof Outcome.TooLarge tooLarge) {
            observer.onError(Status.INVALID_ARGUMENT.withDescription(tooLarge.message()).asRuntimeException());
        } else if (outcome instanceof Outcome.Failed failed) {
            observer.onError(Status.UNAVAILABLE.withDescription(failed.message()).asRuntimeException());
        }
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
}
