package dev.otellab.cli;

import java.util.concurrent.CountDownLatch;

/**
 * Keeps a headless command running until the process is asked to stop (Ctrl-C or SIGTERM),
 * then runs its clean-up before the JVM exits.
 */
final class UntilStopped {
    private UntilStopped() {
    }

    static void await(Runnable cleanUp) {
        CountDownLatch cleanedUp = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            try {
                cleanUp.run();
            } finally {
                cleanedUp.countDown();
            }
        }, "lab-console-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            cleanedUp.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
