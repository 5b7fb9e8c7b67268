package dev.otellab.ui.common;

import javafx.animation.PauseTransition;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.util.Duration;

/**
 * Shows a "Searching…" node only when work takes longer than a moment, so quick queries do
 * not flicker. A view concern: view models just say whether they are running.
 */
public final class BusyIndicator {
    public static final Duration DELAY = Duration.seconds(1);

    private BusyIndicator() {
    }

    public static void showWhileBusy(Node indicator, ObservableBooleanValue busy) {
        indicator.setVisible(false);
        indicator.managedProperty().bind(indicator.visibleProperty());
        PauseTransition delay = new PauseTransition(DELAY);
        delay.setOnFinished(event -> indicator.setVisible(busy.get()));
        busy.addListener((observable, was, is) -> {
            if (is) {
                delay.playFromStart();
            } else {
                delay.stop();
                indicator.setVisible(false);
            }
        });
    }
}
