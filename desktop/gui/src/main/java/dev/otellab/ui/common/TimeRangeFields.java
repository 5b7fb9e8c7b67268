package dev.otellab.ui.common;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;

import static dev.otellab.ui.common.FormControls.field;

/**
 * The controls of a {@link TimeRangeForm}: the choice, and the custom bounds (shown only while
 * Custom is chosen). Ids are {@code <prefix>-range}, {@code <prefix>-from} and {@code <prefix>-to}.
 */
public record TimeRangeFields(ComboBox<TimeRangeChoice> choice, TextField from, TextField to, HBox custom) {

    /**
     * @param toPrompt what an empty end means ("now" where the range must end, else the pattern)
     * @param columns  the width of each bound field, in characters
     */
    public static TimeRangeFields create(TimeRangeForm form, String idPrefix, String toPrompt, int columns) {
        ComboBox<TimeRangeChoice> choice = new ComboBox<>();
        choice.setId(idPrefix + "-range");
        choice.getItems().setAll(form.choices());
        choice.valueProperty().bindBidirectional(form.choiceProperty());
        TextField from = field(idPrefix + "-from", TimeRangeChoice.CUSTOM_PATTERN, columns);
        from.textProperty().bindBidirectional(form.customFromProperty());
        TextField to = field(idPrefix + "-to", toPrompt, columns);
        to.textProperty().bindBidirectional(form.customToProperty());
        HBox custom = new HBox(6, new Label("from"), from, new Label("to"), to);
        custom.setAlignment(Pos.CENTER_LEFT);
        custom.visibleProperty().bind(form.choiceProperty().isEqualTo(TimeRangeChoice.CUSTOM));
        custom.managedProperty().bind(custom.visibleProperty());
        return new TimeRangeFields(choice, from, to, custom);
    }

    /** The choice with the custom bounds beside it. */
    public Node row() {
        return new HBox(8, choice, custom);
    }
}
