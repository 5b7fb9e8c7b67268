package dev.otellab.cli;

import dev.otellab.config.DataDirectories;
import dev.otellab.app.LabEngines;
import dev.otellab.lab.docker.DockerLab;
import dev.otellab.lab.remote.RemoteLab;
import dev.otellab.telemetry.lgtm.FixtureServer;
import dev.otellab.telemetry.endpoints.LgtmEndpoints;
import dev.otellab.telemetry.query.SliSource;
import dev.otellab.telemetry.query.TimeRange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `sli --mode docker|remote` and the window's SLIs view (which reads the mode's lab engine) send
 * Prometheus the same PromQL: one place, {@link LabEngines#lgtmSources}, decides the rate window.
 */
class SliQueriesAgreeTest {
    private static final String EMPTY_MATRIX = "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}";
    private static final String EMPTY_VECTOR = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}";

    @TempDir
    Path dataDir;

    private final FixtureServer prometheus = new FixtureServer()
            .on("/api/v1/query_range", FixtureServer.Answer.json(EMPTY_MATRIX))
            .on("/api/v1/query", FixtureServer.Answer.json(EMPTY_VECTOR));

    @AfterEach
    void stop() {
        prometheus.close();
    }

    /** The PromQL of every request so far, in order; forgets them. */
    private List<String> queriesSent(int from) {
        return prometheus.requests().subList(from, prometheus.requests().size()).stream()
                .map(request -> request.path() + " " + request.param("query")).toList();
    }

    private List<String> windowQueries(SliSource slis) {
        int before = prometheus.requests().size();
        long now = TimeRange.toNanos(java.time.Instant.now());
        slis.sli("lab-backend", new TimeRange(now - Duration.ofMinutes(5).toNanos(), now), Duration.ofSeconds(15));
        return queriesSent(before);
    }

    private List<String> cliQueries(String mode) {
        int before = prometheus.requests().size();
        CliRun result = CliRun.run(dataDir, "sli", "--mode", mode, "--prometheus", prometheus.uri().toString(),
                "--service", "lab-backend", "--since", "5m", "--step", "15s");
        assertThat(result.err()).isEmpty();
        assertThat(result.exitCode()).isZero();
        return queriesSent(before);
    }

    @Test
    void dockerModeSendsTheSamePromQlFromTheCliAndTheWindow() {
        List<String> window;
        try (DockerLab lab = LabEngines.docker(DataDirectories.forUser(dataDir),
                LgtmEndpoints.dockerDefaults().withPrometheus(prometheus.uri()))) {
            window = windowQueries(lab.slis());
        }

        List<String> cli = cliQueries("docker");

        assertThat(cli).isNotEmpty().isEqualTo(window);
        assertThat(cli.get(0)).as("the stack scrapes every 5 s: rate() over 20 s").contains("[20000ms]");
    }

    @Test
    void remoteModeSendsTheSamePromQlFromTheCliAndTheWindow() {
        List<String> window = windowQueries(new RemoteLab(LgtmEndpoints.none().withPrometheus(prometheus.uri())).slis());

        List<String> cli = cliQueries("remote");

        assertThat(cli).isNotEmpty().isEqualTo(window);
        assertThat(cli.get(0)).as("Prometheus's default 15 s scrapes: rate() over a minute").contains("[60000ms]");
    }
}
