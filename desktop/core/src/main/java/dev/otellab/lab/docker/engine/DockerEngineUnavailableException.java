package dev.otellab.lab.docker.engine;

/**
 * No Docker engine answers. The message is for the user as it is: where the console looked,
 * what to do, and that embedded mode works without Docker.
 */
public class DockerEngineUnavailableException extends Exception {

    public DockerEngineUnavailableException(String message) {
        super(message);
    }
}
