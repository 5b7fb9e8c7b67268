package dev.otellab.telemetry.lgtm;

import dev.otellab.telemetry.client.LgtmClientSettings;
import dev.otellab.telemetry.client.LgtmHttp;
import dev.otellab.telemetry.endpoints.LgtmEndpoints;
import dev.otellab.telemetry.query.LatencyExemplars;
import dev.otellab.telemetry.query.LogSource;
import dev.otellab.telemetry.query.ServiceMapSource;
import dev.otellab.telemetry.query.SliSource;
import dev.otellab.telemetry.query.TraceSource;
import dev.otellab.telemetry.query.TraceTags;

import java.time.Clock;
import java.time.Duration;

/**
 * The three query ports over one LGTM stack (docker or remote mode), sharing one HTTP client.
 * {@code traceTags} lists Tempo's tag names and values for the search form; {@code latencyExemplars}
 * are Prometheus's exemplars (traced requests) for the latency chart; {@code serviceMap} reads Tempo's
 * service-graph series in Prometheus. Connecting sends
 * nothing: each query reaches its backend when asked (see {@link ConnectionCheck} to test them).
 */
public record LgtmSources(TraceSource traces, LogSource logs, SliSource slis, TraceTags traceTags,
                          LatencyExemplars latencyExemplars, ServiceMapSource serviceMap) {

    public static LgtmSources connect(LgtmEndpoints endpoints) {
        return connect(endpoints, LgtmClientSettings.DEFAULT);
    }

    public static LgtmSources connect(LgtmEndpoints endpoints, LgtmClientSettings settings) {
        return connect(endpoints, settings, PrometheusSliSource.DEFAULT_MINIMUM_WINDOW);
    }

    /**
     * @param rateWindow the shortest window of the SLI queries' {@code rate()}: at least four of
     *                   Prometheus's scrape intervals (the default, one minute, suits 15 s scrapes)
     */
    public static LgtmSources connect(LgtmEndpoints endpoints, LgtmClientSettings settings, Duration rateWindow) {
        return over(new LgtmHttp(endpoints, settings), settings, rateWindow);
    }

    /** The Tempo, Loki and Prometheus clients over an HTTP client already made for the stack. */
    public static LgtmSources over(LgtmHttp http, LgtmClientSettings settings, Duration rateWindow) {
        TempoTraceSource tempo = new TempoTraceSource(http, Clock.systemUTC());
        PrometheusSliSource prometheus = new PrometheusSliSource(http, rateWindow, Clock.systemUTC());
        return new LgtmSources(tempo, new LokiLogSource(http, settings, Clock.systemUTC()), prometheus, tempo, prometheus,
                new PrometheusServiceMapSource(http, rateWindow, Clock.systemUTC()));
    }
}
