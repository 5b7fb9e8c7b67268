package dev.otellab.bundle;

/**
 * What exporting or importing a bundle reports while it runs: on the thread that runs it, except
 * LOADING progress, which comes from the engine client's upload thread (a UI hands every call to
 * its own thread anyway). Both methods do nothing by default.
 */
public interface BundleProgressListener {
    BundleProgressListener NONE = new BundleProgressListener() {
    };

    /** One step in words, e.g. "Pulling image grafana/tempo:2.7.2" or a build output line. */
    default void step(String message) {
    }

    /** Bytes of one archive so far (at most every mebibyte, and once at its end). */
    default void progress(BundleProgress progress) {
    }
}
