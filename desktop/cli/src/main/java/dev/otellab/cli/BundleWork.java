package dev.otellab.cli;

import dev.otellab.bundle.BundleException;
import dev.otellab.lab.docker.engine.DockerEngine;
import dev.otellab.lab.docker.engine.DockerEngineLocator;
import dev.otellab.lab.docker.engine.DockerEngineUnavailableException;

import java.io.PrintWriter;

/**
 * Runs one bundle command's work on the Docker engine: its failures as one line and exit code 1,
 * and Ctrl-C as a cancel (the work's thread is interrupted and given time to remove what it had
 * written) instead of a half-written file.
 */
final class BundleWork {
    private static final long CLEAN_UP_MILLIS = 10_000;

    @FunctionalInterface
    interface Work {
        int run(DockerEngine engine) throws BundleException, InterruptedException;
    }

    private BundleWork() {
    }

    static int onEngine(PrintWriter err, Work work) {
        DockerEngine engine;
        try {
            engine = DockerEngineLocator.forThisProcess().locate();
        } catch (DockerEngineUnavailableException e) {
            return fail(err, e.getMessage());
        }
        Thread worker = Thread.currentThread();
        Thread cancel = new Thread(() -> {
            worker.interrupt();
            try {
                worker.join(CLEAN_UP_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "lab-console-bundle-cancel");
        Runtime.getRuntime().addShutdownHook(cancel);
        try (engine) {
            return work.run(engine);
        } catch (BundleException e) {
            return fail(err, e.getMessage());
        } catch (InterruptedException e) {
            return fail(err, "Cancelled: nothing was left half-written.");
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(cancel);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook is running
            }
        }
    }

    static int fail(PrintWriter err, String message) {
        err.println(message);
        err.flush();
        return 1;
    }
}
