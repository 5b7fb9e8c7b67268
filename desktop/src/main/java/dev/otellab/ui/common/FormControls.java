package dev.otellab.ui.common;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;

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
        return label;
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
