package dev.otellab.ui.shell;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.concurrent.Executor;

/**
 * What the status bar shows: the lab mode, the health of each part, the receiver endpoint,
 * the traffic generator's state, where the data lives, and a passing message. The lab engine
 * feeds it from any thread: every update is handed to the UI executor. An empty text means
 * "not known", and the view hides it.
 */
public final class StatusBarViewModel {
    private final Executor ui;
    private final ReadOnlyStringWrapper labMode = new ReadOnlyStringWrapper(this, "labMode", "");
    private final ReadOnlyStringWrapper receiverEndpoint = new ReadOnlyStringWrapper(this, "receiverEndpoint", "");
    private final ReadOnlyStringWrapper trafficState = new ReadOnlyStringWrapper(this, "trafficState", "");
    private final ReadOnlyStringWrapper dataLocation = new ReadOnlyStringWrapper(this, "dataLocation", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ObservableList<PartHealth> parts = FXCollections.observableArrayList();
    private final ObservableList<PartHealth> partsView = FXCollections.unmodifiableObservableList(parts);

    public StatusBarViewModel(Executor ui) {
        this.ui = ui;
    }

    /** E.g. "Embedded", "Docker", "Remote: https://lgtm.example". */
    public void setLabMode(String text) {
        ui.execute(() -> labMode.set(clean(text)));
    }

    /** E.g. "OTLP http://127.0.0.1:4318". */
    public void setReceiverEndpoint(String text) {
        ui.execute(() -> receiverEndpoint.set(clean(text)));
    }

    /** E.g. "Traffic: 5 req/s" or "Traffic: stopped". */
    public void setTrafficState(String text) {
        ui.execute(() -> trafficState.set(clean(text)));
    }

    /** E.g. "Embedded store: /home/me/.local/share/otel-lab-console/telemetry". */
    public void setDataLocation(String text) {
        ui.execute(() -> dataLocation.set(clean(text)));
    }

    /** A short note about the last action ("Trace id copied"); replaces the previous one. */
    public void showMessage(String text) {
        ui.execute(() -> message.set(clean(text)));
    }

    /** Adds or replaces the health of a part, keeping the parts in the order first reported. */
    public void reportPart(PartHealth health) {
        ui.execute(() -> {
            for (int i = 0; i < parts.size(); i++) {
                if (parts.get(i).part().equals(health.part())) {
                    parts.set(i, health);
                    return;
                }
            }
            parts.add(health);
        });
    }

    /** Removes every part not named in {@code kept} (the lab changed mode and has other parts). */
    public void retainParts(java.util.Collection<String> kept) {
        java.util.Set<String> names = java.util.Set.copyOf(kept);
        ui.execute(() -> parts.removeIf(health -> !names.contains(health.part())));
    }

    public void removePart(String part) {
        ui.execute(() -> parts.removeIf(health -> health.part().equals(part)));
    }

    public ReadOnlyStringProperty labModeProperty() {
        return labMode.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty receiverEndpointProperty() {
        return receiverEndpoint.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty trafficStateProperty() {
        return trafficState.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty dataLocationProperty() {
        return dataLocation.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ObservableList<PartHealth> parts() {
        return partsView;
    }

    private static String clean(String text) {
        return text == null ? "" : text.strip();
    }
}
