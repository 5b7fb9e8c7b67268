package dev.otellab.lab;

import java.nio.file.Path;
import java.util.function.DoubleConsumer;

/**
 * The offline bundle of a Docker lab: every image its Start needs, written to one verified file
 * on a connected machine and loaded on one without network. Calls block and honour thread
 * interruption (nothing half-written is left); run them off the UI thread.
 */
public interface ImageBundles {

    /** What an export or import did, in a sentence or two, and whether it worked. */
    record Outcome(boolean ok, String message) {
    }

    /** Writes the bundle to {@code file} (replaced only when complete); {@code progress} gets 0..1. */
    Outcome export(Path file, DoubleConsumer progress) throws InterruptedException;

    /** Checks every checksum of {@code file}, then loads its images; {@code progress} gets 0..1. */
    Outcome importFrom(Path file, DoubleConsumer progress) throws InterruptedException;
}
