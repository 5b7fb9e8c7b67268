package dev.otellab.lab.docker.stack;

/**
 * What a long stack operation reports while it runs, on the thread that runs it. Every method
 * has a do-nothing default, so a listener implements only what it shows.
 */
public interface StackListener {
    StackListener NONE = new StackListener() {
    };

    /** One step in words, e.g. "Creating network otel-lab_default". */
    default void step(String message) {
    }

    /** Progress of one image pull (layers, bytes). */
    default void pullProgress(ImagePullProgress progress) {
    }

    /** One line of an image build's output. */
    default void buildOutput(String line) {
    }

    /** A service changed state (created, started, healthy, stopped...). */
    default void serviceChanged(ServiceStatus status) {
    }
}
