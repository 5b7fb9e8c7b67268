package dev.otellab.telemetry.embedded.receiver;

import dev.otellab.telemetry.embedded.TelemetryStore;
import dev.otellab.telemetry.ingest.TelemetryIngest;
import dev.otellab.telemetry.otlp.OtlpBodyDecoder;

import java.util.Objects;

/**
 * The console's own OTLP receiver: OTLP/HTTP and OTLP/gRPC servers that decode what SDKs send
 * and hand it to a {@link TelemetryIngest}, acknowledging a request only once its batch is
 * durable. Both servers start together or not at all: when the second cannot start, the first
 * is stopped again, so a failed start leaves nothing listening. They share one {@link AcceptPipeline}
 * and its {@link Admission} ({@link ReceiverLimits}): slow, hostile or too many senders are
 * refused, not served slowly.
 */
public final class OtlpReceiver implements AutoCloseable {
    private final ReceiverSettings settings;
    private final TelemetryIngest ingest;
    private final OtlpBodyDecoder decoder;
    private final ReceiverLimits limits;
    private final ReceiverStats stats = new ReceiverStats();
    private Admission admission;
    private OtlpHttpServer http;
    private OtlpGrpcServer grpc;
    private ReceiverEndpoints endpoints;

    public OtlpReceiver(ReceiverSettings settings, TelemetryIngest ingest) {
        this(settings, ingest, ReceiverLimits.DEFAULT);
    }

    public OtlpReceiver(ReceiverSettings settings, TelemetryIngest ingest, ReceiverLimits limits) {
        this(settings, ingest, OtlpBodyDecoder.DOMAIN, limits);
    }

    /** A receiver for the embedded store: OTLP/HTTP protobuf bodies are decoded straight into its rows. */
    public OtlpReceiver(ReceiverSettings settings, TelemetryStore store) {
        this(settings, store, store.otlpDecoder(), ReceiverLimits.DEFAULT);
    }

    private OtlpReceiver(ReceiverSettings settings, TelemetryIngest ingest, OtlpBodyDecoder decoder,
                         ReceiverLimits limits) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.ingest = Objects.requireNonNull(ingest, "ingest");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Starts both servers and returns where they listen.
     *
     * @throws ReceiverStartException when a port is taken or a server cannot start; nothing is
     *                                left listening then
     */
    public synchronized ReceiverEndpoints start() {
        if (endpoints != null) {
            return endpoints;
        }
        Admission shared = new Admission(limits, ingest);
        AcceptPipeline pipeline = new AcceptPipeline(shared, ingest, stats);
        OtlpHttpServer httpServer = new OtlpHttpServer(settings, decoder, stats, shared, pipeline);
        int httpPort;
        int grpcPort;
        OtlpGrpcServer grpcServer = new OtlpGrpcServer(settings, decoder, shared, pipeline);
        try {
            httpPort = httpServer.start();
            try {
                grpcPort = grpcServer.start();
            } catch (RuntimeException e) {
                httpServer.stop();
                throw e;
            }
        } catch (RuntimeException e) {
            shared.close();
            throw e;
        }
        admission = shared;
        http = httpServer;
        grpc = grpcServer;
        endpoints = new ReceiverEndpoints(settings.bindAddress(), httpPort, grpcPort);
        return endpoints;
    }

    /** Where the started receiver listens (with the actual ports when 0 was asked for). */
    public synchronized ReceiverEndpoints endpoints() {
        if (endpoints == null) {
            throw new IllegalStateException("The OTLP receiver is not running");
        }
        return endpoints;
    }

    /**
     * Lets a web page from {@code origin} (scheme://host:port) export OTLP/HTTP from the browser:
     * the lab allows its own page while it runs; the rule ends when the receiver stops.
     */
    public synchronized void allowBrowserOrigin(String origin) {
        if (http != null) {
            http.allowBrowserOrigin(origin);
        }
    }

    public synchronized boolean isRunning() {
        return endpoints != null;
    }

    public ReceiverSettings settings() {
        return settings;
    }

    public ReceiverStats stats() {
        return stats;
    }

    /** Stops both servers; requests in flight are cut off. Safe to call more than once. */
    public synchronized void stop() {
        try {
            if (grpc != null) {
                grpc.stop();
            }
        } finally {
            if (http != null) {
                http.stop();
            }
            if (admission != null) {
                admission.close();
            }
            admission = null;
            grpc = null;
            http = null;
            endpoints = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    static String portInUseMessage(int port, String protocol, String bindAddress, String option) {
        return "Port " + port + " (" + protocol + ") on " + bindAddress + " is already in use. "
                + "Stop the other OTLP receiver (a Collector?) or choose another port with " + option + ".";
    }
}
