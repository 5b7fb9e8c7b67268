package dev.otellab.telemetry.lgtm;

import dev.otellab.telemetry.client.LgtmClientSettings;
import dev.otellab.telemetry.client.LgtmHttp;
import dev.otellab.telemetry.endpoints.Backend;
import dev.otellab.telemetry.endpoints.LgtmEndpoints;
import com.fasterxml.jackson.databind.JsonNode;
import dev.otellab.telemetry.query.TelemetryQueryException;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * "Test connection": asks each configured backend for its build information (Grafana: its
 * health), with the same credentials, tenant and TLS trust the queries use, and says per
 * backend whether it answered and with which version, or what went wrong.
 */
public final class ConnectionCheck {

    /** The answer of one backend; {@code message} is "Tempo v2.7.2", or the problem. */
    public record Result(Backend backend, URI url, boolean ok, String message) {
    }

    private ConnectionCheck() {
    }

    public static List<Result> run(LgtmEndpoints endpoints) {
        return run(endpoints, LgtmClientSettings.DEFAULT.withRetries(0));
    }

    /** One result per backend with a URL, in the order Tempo, Loki, Prometheus, Grafana, Zipkin, Jaeger. */
    public static List<Result> run(LgtmEndpoints endpoints, LgtmClientSettings settings) {
        LgtmHttp http = new LgtmHttp(endpoints, settings);
        List<Result> results = new ArrayList<>();
        for (Backend backend : Backend.values()) {
            URI url = backend.urlIn(endpoints);
            if (url != null) {
                results.add(check(http, backend, url));
            }
        }
        return results;
    }

    private static Result check(LgtmHttp http, Backend backend, URI url) {
        if (backend == Backend.JAEGER) {
            return checkJaeger(http, url);
        }
        String path = switch (backend) {
            case TEMPO -> "api/status/buildinfo";
            case LOKI -> "loki/api/v1/status/buildinfo";
            case PROMETHEUS -> "api/v1/status/buildinfo";
            case GRAFANA -> "api/health";
            case ZIPKIN -> "info";
            case JAEGER -> throw new IllegalStateException("checked above");
        };
        try {
            JsonNode answer = http.getJson(backend, http.url(backend, path, Map.of()), "connection test /" + path);
            JsonNode data = answer.has("data") ? answer.get("data") : answer.has("zipkin") ? answer.get("zipkin") : answer;
            String version = data.path("version").asText("");
            if (version.isEmpty()) {
                return new Result(backend, url, false, backend.displayName() + " at " + url
                        + " answered /" + path + " without a version: is this really " + backend.displayName() + "?");
            }
            return new Result(backend, url, true, backend.displayName() + " " + version);
        } catch (TelemetryQueryException e) {
            return new Result(backend, url, false, e.getMessage());
        }
    }

    /** Jaeger's query API v3 tells no version: its service list proves that it answers. */
    private static Result checkJaeger(LgtmHttp http, URI url) {
        String path = "api/v3/services";
        try {
            JsonNode answer = http.getJson(Backend.JAEGER, http.url(Backend.JAEGER, path, Map.of()), "connection test /" + path);
            if (!answer.path("services").isArray()) {
                return new Result(Backend.JAEGER, url, false, "Jaeger at " + url + " answered /" + path
                        + " without a service list: is this Jaeger's query service (API v3)?");
            }
            return new Result(Backend.JAEGER, url, true, "Jaeger (query API v3, " + answer.path("services").size()
                    + " services)");
        } catch (TelemetryQueryException e) {
            return new Result(Backend.JAEGER, url, false, e.getMessage());
        }
    }
}
