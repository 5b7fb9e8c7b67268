package dev.otellab.ui.waterfall;

import dev.otellab.telemetry.model.SpanLink;
import dev.otellab.ui.common.DetailsGrid;
import dev.otellab.presentation.DurationText;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.function.Consumer;

/** The selected span: its fields, attributes, resource, events (exceptions with their stack), links. */
final class SpanDetailsPane extends ScrollPane {
    private final VBox content = new VBox(10);
    private final WaterfallViewModel model;
    private final Consumer<String> notifier;

    SpanDetailsPane(WaterfallViewModel model, Consumer<String> notifier) {
        this.model = model;
        this.notifier = notifier;
        getStyleClass().add("span-details");
        setId("span-details");
        content.getStyleClass().add("span-details-content");
        content.setPadding(new Insets(10, 12, 12, 12));
        setContent(content);
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        model.detailsProperty().addListener((observable, was, is) -> show(is));
        show(model.detailsProperty().get());
    }

    private void show(SpanDetails details) {
        if (details == null) {
            Label empty = new Label("Select a span to see its details.");
            empty.getStyleClass().add("placeholder-text");
            content.getChildren().setAll(empty);
            return;
        }
        var span = details.span();
        Label title = new Label(span.name());
        title.getStyleClass().add("details-title");
        title.setWrapText(true);
        Label service = new Label(span.serviceName());
        service.getStyleClass().add("details-subtitle");

        Button copyTrace = new Button("Copy trace id");
        copyTrace.setOnAction(event -> copy(span.traceId(), "Trace id copied"));
        Button copySpan = new Button("Copy span id");
        copySpan.setOnAction(event -> copy(span.spanId(), "Span id copied"));
        Button spanLogs = new Button("Logs for this span");
        spanLogs.setId("logs-for-span");
        spanLogs.setOnAction(event -> model.showLogsForSpan());
        Button traceLogs = new Button("Logs for this trace");
        traceLogs.setId("logs-for-trace");
        traceLogs.setOnAction(event -> model.showLogsForTrace());
        for (Button logs : List.of(spanLogs, traceLogs)) {
            logs.visibleProperty().bind(model.logsAvailableProperty());
            logs.managedProperty().bind(model.logsAvailableProperty());
        }
        FlowPane actions = new FlowPane(6, 6, spanLogs, traceLogs, copyTrace, copySpan);

        String status = span.status().name() + (span.statusMessage().isEmpty() ? "" : ": " + span.statusMessage());
        GridPane fields = grid(List.of(
                new SpanDetails.Field("Kind", span.kind().name()),
                new SpanDetails.Field("Status", status),
                new SpanDetails.Field("Start", "+" + DurationText.format(details.startOffsetNanos())),
                new SpanDetails.Field("Duration", DurationText.format(span.durationNanos())),
                new SpanDetails.Field("Self time", DurationText.format(details.selfTimeNanos())),
                new SpanDetails.Field("Span id", span.spanId()),
                new SpanDetails.Field("Parent", span.parentSpanId().isEmpty() ? "(root)" : span.parentSpanId()),
                new SpanDetails.Field("Trace id", span.traceId()),
                new SpanDetails.Field("Scope", span.scope().name() + (span.scope().version().isEmpty() ? "" : " " + span.scope().version()))));
        if (span.isError()) {
            fields.getChildren().stream()
                    .filter(node -> "Status".equals(node.getUserData()))
                    .forEach(node -> node.getStyleClass().add("error-text"));
        }
        content.getChildren().setAll(title, service, actions, fields);
        section("Attributes", details.attributes());
        if (!details.events().isEmpty()) {
            content.getChildren().add(heading("Events (" + details.events().size() + ")"));
            for (SpanDetails.Event event : details.events()) {
                content.getChildren().add(event(event));
            }
        }
        if (!details.links().isEmpty()) {
            content.getChildren().add(heading("Links"));
            for (SpanLink link : details.links()) {
                content.getChildren().add(DetailsGrid.value("trace " + link.traceId() + ", span " + link.spanId()));
            }
        }
        section("Resource", details.resource());
        setVvalue(0);
    }

    private Node event(SpanDetails.Event event) {
        VBox box = new VBox(4);
        box.getStyleClass().add(event.isException() ? "exception-event" : "span-event");
        Label name = new Label("+" + DurationText.format(event.offsetNanos()) + "  " + event.name());
        name.getStyleClass().add("event-name");
        box.getChildren().add(name);
        if (event.isException()) {
            Label type = new Label(event.exceptionType());
            type.getStyleClass().addAll("exception-type", "error-text");
            // a class name has no spaces: never broken mid-word; too long, it loses its package first
            type.setTextOverrun(javafx.scene.control.OverrunStyle.LEADING_ELLIPSIS);
            type.setTooltip(new javafx.scene.control.Tooltip(event.exceptionType()));
            Label message = new Label(event.exceptionMessage());
            message.setWrapText(true);
            box.getChildren().addAll(type, message);
            if (!event.stackTrace().isEmpty()) {
                box.getChildren().add(dev.otellab.ui.common.CodeBlock.of(event.stackTrace(), "stack-trace", 14));
            }
        }
        if (!event.attributes().isEmpty()) {
            box.getChildren().add(grid(event.attributes()));
        }
        return box;
    }

    private void section(String title, List<SpanDetails.Field> fields) {
        if (fields.isEmpty()) {
            return;
        }
        content.getChildren().addAll(heading(title + " (" + fields.size() + ")"), grid(fields));
    }

    private static Label heading(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("details-heading");
        return label;
    }

    private static GridPane grid(List<SpanDetails.Field> fields) {
        GridPane grid = DetailsGrid.create();
        int row = 0;
        for (SpanDetails.Field field : fields) {
            Label value = DetailsGrid.value(field.value());
            value.setUserData(field.key());
            grid.addRow(row++, DetailsGrid.key(field.key()), value);
        }
        return grid;
    }

    private void copy(String text, String message) {
        ClipboardContent clip = new ClipboardContent();
        clip.putString(text);
        Clipboard.getSystemClipboard().setContent(clip);
        notifier.accept(message);
    }
}
