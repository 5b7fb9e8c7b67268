package dev.otellab.lab;

import dev.otellab.lab.embedded.EmbeddedLab;
import dev.otellab.lab.embedded.EmbeddedLabSettings;

import java.util.Locale;

/**
 * The one place that makes a lab engine for a mode. The engine is made, not started.
 */
public final class LabEngines {
    private LabEngines() {
    }

    /**
     * An engine of {@code mode}. Throws UnsupportedOperationException (with a message for the
     * user) for a mode this build does not include; may throw what opening the embedded store
     * throws (TelemetryQueryException, UncheckedIOException).
     */
    public static LabEngine open(LabMode mode, EmbeddedLabSettings embedded) {
        return switch (mode) {
            case EMBEDDED -> new EmbeddedLab(embedded);
            case DOCKER, REMOTE -> throw new UnsupportedOperationException("The " + mode.name().toLowerCase(Locale.ROOT)
                    + " lab is not available in this build of the console; use the embedded mode.");
        };
    }
}
