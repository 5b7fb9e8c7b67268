package dev.otellab.verify;

import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.net.URI;

/**
 * Embedded mode keeps no metrics store: lab-backend's metrics live on its Prometheus endpoint
 * only (one source of truth). So the check scrapes /metrics as Prometheus would and wants
 * http_requests_total to have counted at least every request verify sent.
 */
final class BackendMetricsCheck {
    static final String COUNTER = "http_requests_total";

    private final OkHttpClient client;
    private final HttpUrl metricsUrl;
    private final long expected;

    BackendMetricsCheck(OkHttpClient client, URI backend, long expected) {
        this.client = client;
        this.metricsUrl = HttpUrl.get(backend.toString()).resolve("/metrics");
        this.expected = expected;
    }

    CheckVerdict probe() {
        String body;
        try (Response response = client.newCall(new Request.Builder().url(metricsUrl).build()).execute()) {
            if (!response.isSuccessful()) {
                return CheckVerdict.waiting(metricsUrl + " answered " + response.code());
            }
            body = response.body().string();
        } catch (IOException e) {
            return CheckVerdict.waiting(metricsUrl + " did not answer: " + e.getMessage());
        }
        double counted = sum(body, COUNTER);
        if (Double.isNaN(counted)) {
            return CheckVerdict.waiting(metricsUrl + " has no " + COUNTER + " series");
        }
        String seen = String.format(java.util.Locale.ROOT, "%s at %s counts %.0f requests", COUNTER, metricsUrl, counted);
        return counted >= expected ? CheckVerdict.pass(seen + " (verify sent " + expected + ")")
                : CheckVerdict.waiting(seen + ", fewer than the " + expected + " verify sent");
    }

    /**
     * The sum of every sample of {@code metric} in Prometheus text exposition, or NaN when it has
     * none. A sample line is {@code name{labels} value [timestamp]}.
     */
    static double sum(String exposition, String metric) {
        double total = 0;
        boolean any = false;
        for (String line : exposition.split("\n")) {
            if (!(line.startsWith(metric + "{") || line.startsWith(metric + " "))) {
                continue;
            }
            int labelsEnd = line.lastIndexOf('}');
            String rest = (labelsEnd >= 0 ? line.substring(labelsEnd + 1) : line.substring(metric.length())).trim();
            String value = rest.split("\\s+")[0];
            try {
                total += Double.parseDouble(value);
                any = true;
            } catch (NumberFormatException e) {
                // not a sample line after all; the next ones still count
            }
        }
        return any ? total : Double.NaN;
    }
}
