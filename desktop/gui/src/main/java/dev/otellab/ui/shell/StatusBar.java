package dev.otellab.ui.shell;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The strip at the bottom of the window, bound to a {@link StatusBarViewModel}. */
public final class StatusBar extends HBox {
    private final HBox parts = new HBox(10);

    public StatusBar(StatusBarViewModel model) {
        getStyleClass().add("status-bar");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(16);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        parts.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(
                item(model.labModeProperty(), "status-mode"),
                parts,
                item(model.receiverEndpointProperty(), "status-endpoint"),
                item(model.trafficStateProperty(), "status-traffic"),
                spacer,
                shrinking(item(model.messageProperty(), "status-message"), model.messageProperty()),
                shrinking(item(model.dataLocationProperty(), "status-data"), model.dataLocationProperty()));
        model.parts().addListener((ListChangeListener<PartHealth>) change -> showParts(model));
        showParts(model);
    }

    private void showParts(StatusBarViewModel model) {
        parts.getChildren().setAll(model.parts().stream().map(StatusBar::partLabel).toList());
        parts.setVisible(!model.parts().isEmpty());
        parts.setManaged(!model.parts().isEmpty());
    }

    private static Label partLabel(PartHealth health) {
        Label label = new Label("● " + health.part());
        label.getStyleClass().addAll("status-part", "health-" + health.state().name().toLowerCase(java.util.Locale.ROOT));
        String detail = health.detail().isEmpty() ? "" : ": " + health.detail();
        label.setTooltip(new Tooltip(health.part() + " is " + health.state().name().toLowerCase(java.util.Locale.ROOT) + detail));
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }

    private static Label item(ObservableStringValue text, String styleClass) {
        Label label = new Label();
        label.getStyleClass().addAll("status-item", styleClass);
        label.textProperty().bind(text);
        label.visibleProperty().bind(Bindings.isNotEmpty(text));
        label.managedProperty().bind(label.visibleProperty());
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }

    /** A long item that gives way first in a narrow window: cut with an ellipsis, whole in its tooltip. */
    private static Label shrinking(Label label, ObservableStringValue text) {
        label.setMinWidth(40);
        Tooltip tooltip = new Tooltip();
        tooltip.textProperty().bind(text);
        label.setTooltip(tooltip);
        return label;
    }
}
