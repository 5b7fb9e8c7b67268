package dev.otellab.ui.common;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The small controls every view's form is made of, styled the same way everywhere. */
public final class FormControls {
    private FormControls() {
    }

    public static TextField field(String id, String prompt, int columns) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.setPrefColumnCount(columns);
        return field;
    }

    /** The small label above a field. */
    public static Label caption(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("field-caption");
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }

    /** A field with its caption above and, when given, its validation message below. */
    public static VBox labeled(String caption, Node field, Label error) {
        VBox group = new VBox(2, caption(caption), field);
        group.getStyleClass().add("form-field");
        if (error != null) {
            error.managedProperty().bind(error.visibleProperty());
            group.getChildren().add(error);
        }
        return group;
    }

    /**
     * A form's captioned fields side by side, wrapping onto another line when the window is too
     * narrow for all of them (instead of cutting their captions).
     */
    public static FlowPane fieldFlow(Node... fields) {
        FlowPane flow = new FlowPane(10, 6, fields);
        flow.getStyleClass().add("search-form");
        flow.setRowValignment(javafx.geometry.VPos.TOP);
        return flow;
    }

    /** An inline validation message, shown only while {@code message} is not empty. */
    public static Label error(StringBinding message, String id, double maxWidth) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add("field-error");
        label.textProperty().bind(message);
        label.setWrapText(true);
        label.setMaxWidth(maxWidth);
        label.visibleProperty().bind(Bindings.isNotEmpty(message));
        return label;
    }
}
