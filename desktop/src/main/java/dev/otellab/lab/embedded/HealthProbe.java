package dev.otellab.lab.embedded;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/** Asks a service's /health endpoint whether it is ready. */
final class HealthProbe {
    private final OkHttpClient client = new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(1))
            .callTimeout(Duration.ofSeconds(2))
            .build();

    boolean isHealthy(URI baseUrl) {
        Request request = new Request.Builder().url(baseUrl.resolve("/health").toString()).get().build();
        try (Response response = client.newCall(request).execute()) {
            return response.code() == 200;
        } catch (IOException e) {
            return false;
        }
    }
}
