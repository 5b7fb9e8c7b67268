package dev.otellab.ui.tracefiles;

import dev.otellab.telemetry.model.TraceId;
import dev.otellab.telemetry.files.ImportReport;
import dev.otellab.telemetry.model.Trace;
import dev.otellab.telemetry.model.TraceSummary;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.ui.compare.CompareViewModel;
import dev.otellab.ui.traces.TraceSearchViewModel;
import dev.otellab.ui.traces.TracesView;
import dev.otellab.ui.waterfall.WaterfallViewModel;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The window's trace-file and compare controls, kept out of the views they sit in: Export…
 * and Compare for the selected search results, Export… and Compare with… in the waterfall,
 * Open trace file… (Ctrl+O) and dropping files on the window. The work runs in the
 * {@link TraceFilesViewModel} and {@link CompareViewModel}; this class only asks for files.
 */
public final class TraceFileActions {
    public static final KeyCombination OPEN = new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN);
    private static final FileChooser.ExtensionFilter TRACE_FILES = new FileChooser.ExtensionFilter(
            "Trace files (OTLP JSON lines, OTLP JSON/protobuf, Tempo JSON)", "*.jsonl", "*.json", "*.ndjson", "*.pb",
            "*.bin", "*.otlp");
    private static final FileChooser.ExtensionFilter ALL_FILES = new FileChooser.ExtensionFilter("All files", "*");

    private final TraceFilesViewModel files;
    private final CompareViewModel compare;
    private final TracesView traces;
    private final WaterfallViewModel waterfall;
    private final TraceSearchViewModel search;
    private final Consumer<String> notifier;
    private Consumer<Trace> showTracesPage = trace -> { };

    public TraceFileActions(TraceFilesViewModel files, CompareViewModel compare, TracesView traces,
                            WaterfallViewModel waterfall, TraceSearchViewModel search, Consumer<String> notifier) {
        this.files = files;
        this.compare = compare;
        this.traces = traces;
        this.waterfall = waterfall;
        this.search = search;
        this.notifier = notifier;
        files.messageProperty().addListener((observable, was, is) -> {
            if (!is.isEmpty()) {
                notifier.accept(is);
            }
        });
        files.reports().addListener((ListChangeListener<ImportReport>) change -> reportFailures());
    }

    /** Compare and Export… for the selected rows of the search results. */
    public Node[] resultActions() {
        TableView<TraceSummary> table = traces.searchView().table();
        Button compareSelected = new Button("Compare");
        compareSelected.setId("results-compare");
        compareSelected.setTooltip(new Tooltip("Compare the two selected traces span by span, the faster as A"
                + " (Ctrl+click selects a second row)"));
        compareSelected.disableProperty().bind(javafx.beans.binding.Bindings.size(
                table.getSelectionModel().getSelectedItems()).isNotEqualTo(2));
        compareSelected.setOnAction(event -> {
            List<TraceSummary> two = table.getSelectionModel().getSelectedItems().stream()
                    .sorted(Comparator.comparingLong(TraceSummary::durationNanos)).toList();
            if (two.size() == 2) {
                compare.compareIds(two.get(0).traceId(), two.get(1).traceId());
                traces.showComparison();
            }
        });
        Button exportSelected = new Button("Export…");
        exportSelected.setId("results-export");
        exportSelected.setTooltip(new Tooltip("Save the selected traces with their logs as OTLP JSON lines"));
        exportSelected.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(
                table.getSelectionModel().getSelectedItems()).or(files.busyProperty()));
        exportSelected.setOnAction(event -> exportTraces(table.getSelectionModel().getSelectedItems().stream()
                .map(TraceSummary::id).toList(), exportSelected));
        keepLabels(compareSelected, exportSelected);
        return new Node[] {compareSelected, exportSelected};
    }

    /** Export… and Compare with… for the trace in the waterfall. */
    public Node[] traceActions() {
        Button export = new Button("Export…");
        export.setId("trace-export");
        export.setTooltip(new Tooltip("Save this trace with its logs as OTLP JSON lines"));
        export.disableProperty().bind(waterfall.traceProperty().isNull().or(files.busyProperty()));
        export.setOnAction(event -> exportTraces(List.of(waterfall.traceProperty().get().id()), export));

        MenuItem withId = new MenuItem("Another trace id…");
        withId.setOnAction(event -> {
            TextInputDialog dialog = new TextInputDialog();
            dialog.setTitle("Compare with another trace");
            dialog.setHeaderText("Compare this trace (A) with trace B");
            dialog.setContentText("Trace id of B:");
            owner(export).ifPresent(dialog::initOwner);
            dialog.showAndWait().filter(id -> !id.isBlank()).ifPresent(id -> {
                compare.compareWith(waterfall.traceProperty().get(), id);
                traces.showComparison();
            });
        });
        MenuItem withFile = new MenuItem("A trace file…");
        withFile.setOnAction(event -> {
            FileChooser chooser = chooser("Compare with a trace file");
            File chosen = chooser.showOpenDialog(owner(export).orElse(null));
            if (chosen != null) {
                compare.compareWithFile(waterfall.traceProperty().get(), chosen.toPath());
                traces.showComparison();
            }
        });
        MenuItem withTypical = new MenuItem("The typical trace (median of the search range)");
        withTypical.setOnAction(event -> {
            TimeRange range;
            try {
                range = search.timeRange();
            } catch (IllegalArgumentException e) {
                notifier.accept("The search's time range is not valid: " + e.getMessage());
                return;
            }
            compare.compareWithTypical(waterfall.traceProperty().get(), range);
            traces.showComparison();
        });
        MenuButton compareWith = new MenuButton("Compare with…", null, withId, withFile, withTypical);
        compareWith.setId("trace-compare-with");
        compareWith.disableProperty().bind(waterfall.traceProperty().isNull());
        keepLabels(export, compareWith);
        return new Node[] {export, compareWith};
    }

    /** Open trace file… with the progress of a running export or import (and its Cancel). */
    public Node sideBarActions() {
        Button open = new Button("⇪  Open trace file…");
        open.setId("open-trace-file");
        open.getStyleClass().add("side-bar-button");
        open.setMaxWidth(Double.MAX_VALUE);
        open.setTooltip(new Tooltip("Open OTLP or Tempo trace files (Ctrl+O), or drop them on the window"));
        open.disableProperty().bind(files.busyProperty());
        open.setOnAction(event -> chooseFilesToOpen(open));
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(14, 14);
        Label progress = new Label();
        progress.getStyleClass().add("side-bar-progress");
        progress.setWrapText(true);
        progress.textProperty().bind(files.progressProperty());
        Button cancel = new Button("Cancel");
        cancel.getStyleClass().add("side-bar-button");
        cancel.setOnAction(event -> files.cancel());
        HBox busyLine = new HBox(6, spinner, cancel);
        busyLine.setAlignment(Pos.CENTER_LEFT);
        VBox busy = new VBox(4, busyLine, progress);
        busy.visibleProperty().bind(files.busyProperty());
        busy.managedProperty().bind(busy.visibleProperty());
        return new VBox(4, open, busy);
    }

    /** Ctrl+O and dropping files on {@code root} open them. */
    public void install(Node root) {
        root.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (OPEN.match(event) && !files.busyProperty().get()) {
                chooseFilesToOpen(root);
                event.consume();
            }
        });
        root.addEventHandler(DragEvent.DRAG_OVER, event -> {
            if (event.getDragboard().hasFiles() && !files.busyProperty().get()) {
                event.acceptTransferModes(TransferMode.COPY);
                event.consume();
            }
        });
        root.addEventHandler(DragEvent.DRAG_DROPPED, event -> {
            boolean accepted = event.getDragboard().hasFiles() && !files.busyProperty().get();
            if (accepted) {
                open(event.getDragboard().getFiles().stream().map(File::toPath).toList());
            }
            event.setDropCompleted(accepted);
            event.consume();
        });
    }

    /** Opens (imports) files; the first trace they hold shows in the waterfall. */
    public void open(List<Path> paths) {
        files.open(paths, trace -> {
            traces.showTrace(trace);
            showTracesPage.accept(trace);
        });
    }

    /** What brings the Traces page to the front when a file opens (the shell's navigation). */
    public void onTraceOpened(Consumer<Trace> action) {
        showTracesPage = action;
    }

    private void chooseFilesToOpen(Node anchor) {
        FileChooser chooser = chooser("Open trace files");
        List<File> chosen = chooser.showOpenMultipleDialog(owner(anchor).orElse(null));
        if (chosen != null && !chosen.isEmpty()) {
            open(chosen.stream().map(File::toPath).toList());
        }
    }

    private void exportTraces(List<TraceId> ids, Node anchor) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(ids.size() == 1 ? "Export the trace" : "Export " + ids.size() + " traces");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("OTLP JSON lines", "*.jsonl"));
        chooser.setInitialFileName((ids.size() == 1 ? "trace-" + ids.get(0) : "traces-" + ids.size()) + ".jsonl");
        File chosen = chooser.showSaveDialog(owner(anchor).orElse(null));
        if (chosen != null) {
            files.export(ids, chosen.toPath());
        }
    }

    private void reportFailures() {
        List<ImportReport> failed = files.reports().stream().filter(report -> !report.ok()).toList();
        if (failed.isEmpty()) {
            return;
        }
        Alert alert = new Alert(Alert.AlertType.WARNING);
        alert.setTitle("Trace files not imported");
        alert.setHeaderText(failed.size() == 1 ? "One file was not imported; nothing of it was stored."
                : failed.size() + " files were not imported; nothing of them was stored.");
        alert.setContentText(failed.stream().map(ImportReport::describe).collect(Collectors.joining("\n\n"))
                + "\n\nA trace file is OTLP JSON lines (lab-console export, the Collector's file exporter), one OTLP"
                + " JSON or protobuf export request, or Tempo's trace-by-id JSON.");
        owner(traces.node()).ifPresent(alert::initOwner);
        alert.show();
    }

    /** Narrow windows squeeze other controls first: these buttons keep their whole label. */
    private static void keepLabels(javafx.scene.control.Control... controls) {
        for (javafx.scene.control.Control control : controls) {
            control.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
    }

    private static FileChooser chooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(TRACE_FILES, ALL_FILES);
        return chooser;
    }

    private static java.util.Optional<Window> owner(Node node) {
        return node.getScene() == null ? java.util.Optional.empty() : java.util.Optional.ofNullable(node.getScene().getWindow());
    }
}
