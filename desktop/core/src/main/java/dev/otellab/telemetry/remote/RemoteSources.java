package dev.otellab.telemetry.remote;

import dev.otellab.telemetry.jaeger.JaegerTraceSource;
import dev.otellab.telemetry.endpoints.Backend;
import dev.otellab.telemetry.client.LgtmClientSettings;
import dev.otellab.telemetry.endpoints.LgtmEndpoints;
import dev.otellab.telemetry.client.LgtmHttp;
import dev.otellab.telemetry.lgtm.LgtmSources;
import dev.otellab.telemetry.lgtm.PrometheusSliSource;
import dev.otellab.telemetry.query.LogSource;
import dev.otellab.telemetry.query.NoLogs;
import dev.otellab.telemetry.zipkin.ZipkinTraceSource;

import java.time.Clock;
import java.time.Duration;

/**
 * The query ports over a remote stack, sharing one HTTP client: traces from Tempo, Zipkin or
 * Jaeger ({@link LgtmEndpoints#traceBackend()}), logs from Loki, SLIs from Prometheus. With
 * Zipkin or Jaeger and no Loki the mode has no logs, and its log source says so.
 */
public final class RemoteSources {
    private RemoteSources() {
    }

    public static LgtmSources connect(LgtmEndpoints endpoints) {
        return connect(endpoints, LgtmClientSettings.DEFAULT);
    }

    public static LgtmSources connect(LgtmEndpoints endpoints, LgtmClientSettings settings) {
        return connect(endpoints, settings, PrometheusSliSource.DEFAULT_MINIMUM_WINDOW);
    }

    public static LgtmSources connect(LgtmEndpoints endpoints, LgtmClientSettings settings, Duration rateWindow) {
        LgtmHttp http = new LgtmHttp(endpoints, settings);
        LgtmSources lgtm = LgtmSources.over(http, settings, rateWindow);
        Backend traces = endpoints.traceBackend();
        LogSource logs = endpoints.loki() == null && traces != Backend.TEMPO ? new NoLogs(noLogs(traces)) : lgtm.logs();
        return switch (traces) {
            case ZIPKIN -> {
                ZipkinTraceSource zipkin = new ZipkinTraceSource(http, Clock.systemUTC());
                yield new LgtmSources(zipkin, logs, lgtm.slis(), zipkin, lgtm.latencyExemplars(), lgtm.serviceMap());
            }
            case JAEGER -> {
                JaegerTraceSource jaeger = new JaegerTraceSource(http);
                yield new LgtmSources(jaeger, logs, lgtm.slis(), jaeger, lgtm.latencyExemplars(), lgtm.serviceMap());
            }
            default -> lgtm;
        };
    }

    private static String noLogs(Backend traces) {
        return "This mode has no logs: traces come from " + traces.displayName()
                + ", which keeps no logs, and no Loki URL is set (give " + Backend.LOKI.option()
                + " URL or set Loki in the remote settings to read logs).";
    }
}
