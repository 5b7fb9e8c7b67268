package dev.otellab.ui;

import javafx.animation.AnimationTimer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;

/**
 * With {@code -Dlab.console.report-startup=true}, logs how long after the JVM's start the
 * window's first frame was drawn: the cold start a user waits through, measured inside the
 * app so an installed copy can be timed too (docs/benchmarks.md, "Installer"). Off by default.
 */
final class StartupReport {
    static final String PROPERTY = "lab.console.report-startup";
    private static final Logger LOG = LoggerFactory.getLogger(StartupReport.class);

    private StartupReport() {
    }

    /** Call on the FX thread right after the window is shown. */
    static void afterFirstFrame() {
        if (!Boolean.getBoolean(PROPERTY)) {
            return;
        }
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                stop();
                LOG.info("First window frame {} ms after the JVM started", System.currentTimeMillis() - jvmStart);
            }
        }.start();
    }
}
