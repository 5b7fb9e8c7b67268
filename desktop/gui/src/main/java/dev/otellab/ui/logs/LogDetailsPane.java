package dev.otellab.ui.logs;

import dev.otellab.telemetry.model.Attributes;
import dev.otellab.telemetry.model.LogRecord;
import dev.otellab.ui.common.DetailsGrid;
import dev.otellab.presentation.TimeText;
import javafx.geometry.Insets;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

import java.time.ZoneId;
import java.util.Map;

/** The selected record: message, ids (the trace id opens the waterfall), attributes, resource. */
final class LogDetailsPane extends ScrollPane {
    private final VBox content = new VBox(8);
    private final LogViewModel model;
    private final ZoneId zone;

    LogDetailsPane(LogViewModel model, ZoneId zone) {
        this.model = model;
        this.zone = zone;
        setId("log-details");
        getStyleClass().add("log-details");
        content.setPadding(new Insets(10, 12, 12, 12));
        setContent(content);
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        model.selectedProperty().addListener((observable, was, is) -> show(is));
        show(null);
    }

    private void show(LogRecord record) {
        if (record == null) {
            Label empty = new Label("Select a record to see all its fields.");
            empty.getStyleClass().add("placeholder-text");
            content.getChildren().setAll(empty);
            return;
        }
        Label severity = new Label(record.severityText());
        severity.getStyleClass().addAll("severity-badge", LogsView.severityStyle(record.severity()));
        Label time = new Label(TimeText.dateTime(record.timeUnixNano(), zone) + "   " + record.serviceName());
        time.getStyleClass().add("details-subtitle");
        time.setWrapText(true);
        javafx.scene.Node body = dev.otellab.ui.common.CodeBlock.of(record.body(), "log-body", 10);

        GridPane ids = DetailsGrid.create();
        int row = 0;
        if (record.hasTrace()) {
            Hyperlink trace = new Hyperlink(record.traceId());
            trace.setOnAction(event -> model.openTrace(record));
            trace.setTooltip(new javafx.scene.control.Tooltip("Open trace " + record.traceId()));
            ids.addRow(row++, DetailsGrid.key("Trace id"), trace);
        }
        if (!record.spanId().isEmpty()) {
            ids.addRow(row++, DetailsGrid.key("Span id"), DetailsGrid.value(record.spanId()));
        }
        ids.addRow(row++, DetailsGrid.key("Severity"), DetailsGrid.value(record.severityText() + " (" + record.severityNumber() + ")"));
        ids.addRow(row++, DetailsGrid.key("Observed"), DetailsGrid.value(TimeText.dateTime(record.observedTimeUnixNano(), zone)));
        ids.addRow(row, DetailsGrid.key("Scope"), DetailsGrid.value(record.scope().name()));
        content.getChildren().setAll(new VBox(4, severity, time), body, ids);
        section("Attributes", record.attributes());
        section("Resource", record.resource().attributes());
    }

    private void section(String title, Map<String, Object> attributes) {
        if (attributes.isEmpty()) {
            return;
        }
        Label heading = new Label(title + " (" + attributes.size() + ")");
        heading.getStyleClass().add("details-heading");
        GridPane grid = DetailsGrid.create();
        int row = 0;
        for (Map.Entry<String, Object> attribute : attributes.entrySet()) {
            grid.addRow(row++, DetailsGrid.key(attribute.getKey()), DetailsGrid.value(Attributes.asText(attribute.getValue())));
        }
        content.getChildren().addAll(heading, grid);
    }
}
