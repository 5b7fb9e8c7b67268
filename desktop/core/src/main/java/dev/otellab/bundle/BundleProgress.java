package dev.otellab.bundle;

import java.util.List;

/**
 * How far one archive of a bundle has come. {@code expectedBytes} is an estimate when saving
 * (the largest image's unpacked size: the engine does not say how long its archive will be) and
 * exact (the stored size) when verifying or loading; 0 means unknown.
 */
public record BundleProgress(Phase phase, String archive, List<String> images, long bytes, long expectedBytes) {
    public enum Phase {
        /** The engine's archive is being written into the bundle. */
        SAVING,
        /** The bundle's checksums are being checked; nothing is loaded yet. */
        VERIFYING,
        /** The archive is being sent to the engine. */
        LOADING
    }

    public BundleProgress {
        images = List.copyOf(images);
    }

    /** 0..1 when the expected size is known (capped at 1 for estimates), else -1. */
    public double fraction() {
        return expectedBytes <= 0 ? -1 : Math.min(1.0, (double) bytes / expectedBytes);
    }
}
