package dev.otellab.stack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Requests to a running lab-backend, so that every metric and label it has shows on /metrics. */
final class LabBackendRequests {
    /** How many requests {@link #everyKind} sends. */
    static final int EVERY_KIND = 4;

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;

    LabBackendRequests(URI base) {
        this.base = base;
    }

    /** Lists tasks, creates one, completes it, and asks for a server error. */
    void everyKind() throws Exception {
        send(HttpRequest.newBuilder(base.resolve("/api/tasks")).GET(), 200);
        HttpResponse<String> created = send(json("/api/tasks", "POST", "{\"title\":\"seen by the stack tests\"}"), 201);
        send(json(created.headers().firstValue("Location").orElseThrow(), "PUT", "{\"completed\":true}"), 200);
        send(HttpRequest.newBuilder(base.resolve("/api/reports/overdue")).GET(), 500);
    }

    /** The Prometheus text page. */
    String metrics() throws Exception {
        return send(HttpRequest.newBuilder(base.resolve("/metrics")).GET(), 200).body();
    }

    private HttpRequest.Builder json(String path, String method, String body) {
        return HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpResponse<String> send(HttpRequest.Builder request, int expectedStatus) throws Exception {
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s: %s", response.uri(), response.body()).isEqualTo(expectedStatus);
        return response;
    }
}
