package dev.otellab.lab.embedded;

import dev.otellab.config.HttpClients;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.net.URI;

/** Asks a service's /health endpoint whether it is ready. */
final class HealthProbe {
    private final OkHttpClient client = HttpClients.probe();

    boolean isHealthy(URI baseUrl) {
        Request request = new Request.Builder().url(baseUrl.resolve("/health").toString()).get().build();
        try (Response response = client.newCall(request).execute()) {
            return response.code() == 200;
        } catch (IOException e) {
            return false;
        }
    }
}
