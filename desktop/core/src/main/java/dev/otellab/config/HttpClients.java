package dev.otellab.config;

import okhttp3.OkHttpClient;

import java.time.Duration;

/**
 * The console's one OkHttp setup: every client derives from one base, so they share one
 * connection pool and one dispatcher's threads, and the timeouts are named here once. A client
 * adds what is its own (sign-in, TLS, retries, a longer call timeout) to {@link #builder()}.
 */
public final class HttpClients {
    /** Connecting to a service on this machine (the lab's services, the stack's published ports). */
    public static final Duration LOCAL_CONNECT_TIMEOUT = Duration.ofSeconds(1);
    /** A whole health or readiness probe of a local service. */
    public static final Duration PROBE_CALL_TIMEOUT = Duration.ofSeconds(2);

    private static final OkHttpClient BASE = new OkHttpClient.Builder().build();
    private static final OkHttpClient PROBE = BASE.newBuilder()
            .retryOnConnectionFailure(false)
            .connectTimeout(LOCAL_CONNECT_TIMEOUT)
            .callTimeout(PROBE_CALL_TIMEOUT)
            .build();

    private HttpClients() {
    }

    /** A builder on the shared pool and dispatcher, with OkHttp's defaults otherwise. */
    public static OkHttpClient.Builder builder() {
        return BASE.newBuilder();
    }

    /**
     * For calls that must not be repeated behind the caller's back (generated traffic, verify's
     * counted requests, probes): a failed connection is reported, not retried.
     */
    public static OkHttpClient.Builder noSilentRetries() {
        return builder().retryOnConnectionFailure(false);
    }

    /** A quick health probe of a local service: answers within {@link #PROBE_CALL_TIMEOUT} or counts as down. */
    public static OkHttpClient probe() {
        return PROBE;
    }
}
