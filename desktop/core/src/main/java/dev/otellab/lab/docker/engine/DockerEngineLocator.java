package dev.otellab.lab.docker.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds a Docker engine that answers: DOCKER_HOST when it is set (and then only it, as the
 * docker CLI does), else the default socket and Docker Desktop's sockets in the user's home.
 */
public final class DockerEngineLocator {
    static final String EMBEDDED_HINT = "Embedded mode works without Docker.";

    private final Map<String, String> environment;
    private final Path home;

    public DockerEngineLocator(Map<String, String> environment, Path home) {
        this.environment = Map.copyOf(environment);
        this.home = home;
    }

    /** Looks where this process's environment and the user's home say. */
    public static DockerEngineLocator forThisProcess() {
        return new DockerEngineLocator(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** The first engine that answers a ping; the caller closes it. */
    public DockerEngine locate() throws DockerEngineUnavailableException {
        String configured = environment.get("DOCKER_HOST");
        if (configured != null && !configured.isBlank()) {
            if (answers(configured)) {
                return DockerEngine.connect(configured);
            }
            throw new DockerEngineUnavailableException("No Docker engine answers at " + configured
                    + " (set by DOCKER_HOST). Start Docker there, or correct or unset DOCKER_HOST, then press Start again. "
                    + EMBEDDED_HINT);
        }
        List<String> tried = new ArrayList<>();
        for (Path socket : candidateSockets()) {
            String host = "unix://" + socket;
            tried.add(socket.toString());
            if (Files.exists(socket) && answers(host)) {
                return DockerEngine.connect(host);
            }
        }
        throw new DockerEngineUnavailableException("No Docker engine answers (looked at " + String.join(", ", tried)
                + "). Start Docker or Docker Desktop, then press Start again. " + EMBEDDED_HINT);
    }

    List<Path> candidateSockets() {
        return List.of(Path.of("/var/run/docker.sock"),
                home.resolve(".docker/run/docker.sock"),
                home.resolve(".docker/desktop/docker.sock"));
    }

    private static boolean answers(String host) {
        try (DockerEngine engine = DockerEngine.connect(host, Duration.ofSeconds(2), Duration.ofSeconds(5))) {
            engine.client().pingCmd().exec();
            return true;
        } catch (RuntimeException e) {
            // refused, no such socket, timed out, not an engine: this place does not answer
            return false;
        }
    }
}
