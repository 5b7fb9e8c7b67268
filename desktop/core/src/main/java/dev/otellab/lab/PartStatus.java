package dev.otellab.lab;

/**
 * One part of the lab (receiver, store, lab-backend, a container...), its state and a line for
 * the user: where it listens when healthy, why it failed and what to do when failed. While a
 * part works towards a known end (an image pull, an image build), {@code progress} is the done
 * fraction from 0 to 1; otherwise it is {@link #NO_PROGRESS}.
 */
public record PartStatus(String part, PartState state, String detail, double progress) {
    public static final double NO_PROGRESS = -1;

    public PartStatus {
        detail = detail == null ? "" : detail;
        if (progress != NO_PROGRESS && !(progress >= 0 && progress <= 1)) {
            throw new IllegalArgumentException("progress must be between 0 and 1, or NO_PROGRESS: " + progress);
        }
    }

    public PartStatus(String part, PartState state, String detail) {
        this(part, state, detail, NO_PROGRESS);
    }

    public static PartStatus stopped(String part) {
        return new PartStatus(part, PartState.STOPPED, "");
    }

    /** A part on its way up with a known fraction done, e.g. "pulling grafana/loki:3.4.6: 12 of 40 MB". */
    public static PartStatus starting(String part, String detail, double progress) {
        return new PartStatus(part, PartState.STARTING, detail, Math.max(0, Math.min(1, progress)));
    }

    public boolean hasProgress() {
        return progress != NO_PROGRESS;
    }
}
