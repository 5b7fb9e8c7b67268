package dev.otellab.ui.lab;

import dev.otellab.lab.LabMode;
import dev.otellab.lab.TraceSourceChoice;
import dev.otellab.ui.common.ExternalBrowser;
import dev.otellab.lab.PartState;
import dev.otellab.lab.PartStatus;
import dev.otellab.lab.traffic.TrafficCounts;
import dev.otellab.ui.shell.LabDestination;
import dev.otellab.ui.shell.ShortcutHelp;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import org.controlsfx.control.SegmentedButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import static dev.otellab.ui.common.FormControls.caption;

/**
 * The Lab page: Start / Stop / Restart, each part's state, a problem explained with what to
 * do, lab-backend's URL and output, and the traffic generator's controls and counts.
 */
public final class LabView implements LabDestination {
    public static final String STYLESHEET = "/dev/otellab/ui/lab/lab.css";

    private final LabViewModel model;
    private final Consumer<String> notifier;
    private final BorderPane root = new BorderPane();
    private final VBox partRows = new VBox(6);
    private final ListView<String> output = new ListView<>();
    private final CheckBox followOutput = new CheckBox("Follow");
    private final Button start = new Button("▶  Start");
    /** Where a click on a trace id in the output goes (the shell's waterfall, once linked). */
    private Consumer<String> traceOpener = traceId -> { };
    /** Held here: a bidirectional binding keeps only weak references to its two ends. */
    private final javafx.beans.property.ObjectProperty<Double> rateValue;

    /**
     * @param notifier shows a short message in the status bar ("URL copied")
     */
    public LabView(LabViewModel model, Consumer<String> notifier) {
        this(model, null, notifier);
    }

    /**
     * @param remote the remote stack's settings form, shown in Remote mode; null when the console
     *               offers no remote mode
     */
    public LabView(LabViewModel model, RemoteSettingsViewModel remote, Consumer<String> notifier) {
        this.model = model;
        this.notifier = notifier;
        this.rateValue = model.traffic().requestsPerSecondProperty().asObject();
        root.getStyleClass().add("lab-view");
        root.setId("lab-view");
        root.getStylesheets().add(LabView.class.getResource(STYLESHEET).toExternalForm());
        root.setTop(new VBox(8, header(), modeBar(), problemBox()));
        Node traffic = trafficCard();
        Node stack = DockerStackCard.create(model.stack(), model.bundles(), url -> ExternalBrowser.open(url, notifier), notifier);
        VBox left = new VBox(10, partsCard(), stack, traffic);
        if (remote != null) {
            Node settings = RemoteSettingsPane.create(remote);
            left.getChildren().add(settings);
            settings.visibleProperty().bind(Bindings.equal(model.mode().modeProperty(), LabMode.REMOTE));
            settings.managedProperty().bind(settings.visibleProperty());
            traffic.visibleProperty().bind(settings.visibleProperty().not());
            traffic.managedProperty().bind(traffic.visibleProperty());
        }
        left.getStyleClass().add("lab-column");
        left.setMinWidth(330);
        SplitPane split = new SplitPane(left, outputCard());
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.45);
        BorderPane.setMargin(split, new javafx.geometry.Insets(8, 0, 0, 0));
        root.setCenter(split);
    }

    /** Trace ids in lab-backend's output open the trace, as everywhere else. */
    public void linkTraceIds(dev.otellab.ui.shell.Navigator navigator) {
        traceOpener = navigator::showTrace;
    }

    @Override
    public String title() {
        return "Lab";
    }

    @Override
    public String glyph() {
        return "⚗";
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public KeyCombination shortcut() {
        return new KeyCodeCombination(KeyCode.DIGIT1, KeyCombination.SHORTCUT_DOWN);
    }

    @Override
    public void focusSearch() {
        start.requestFocus();
    }

    @Override
    public List<ShortcutHelp> shortcuts() {
        return List.of(new ShortcutHelp("Click the URL", "Copy lab-backend's URL"));
    }

    private Node header() {
        Label title = new Label("Lab");
        title.getStyleClass().add("trace-title");
        Label state = new Label();
        state.setId("lab-state");
        state.getStyleClass().add("lab-state");
        state.textProperty().bind(model.lifecycle().stateTextProperty());
        ProgressIndicator progress = new ProgressIndicator();
        progress.setId("lab-progress");
        progress.setPrefSize(20, 20);
        progress.visibleProperty().bind(Bindings.createBooleanBinding(() -> model.lifecycle().stateProperty().get().busy(),
                model.lifecycle().stateProperty()));
        progress.managedProperty().bind(progress.visibleProperty());

        start.setId("lab-start");
        start.disableProperty().bind(model.lifecycle().canStartProperty().not());
        start.setOnAction(event -> model.lifecycle().start());
        start.setDefaultButton(true);
        Button stop = new Button("■  Stop");
        stop.setId("lab-stop");
        stop.disableProperty().bind(model.lifecycle().canStopProperty().not());
        stop.setOnAction(event -> model.lifecycle().stop());
        Button restart = new Button("↻  Restart");
        restart.setId("lab-restart");
        restart.disableProperty().bind(model.lifecycle().canRestartProperty().not());
        restart.setOnAction(event -> model.lifecycle().restart());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox box = new HBox(12, title, state, progress, gap, start, stop, restart);
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add("view-header");
        return box;
    }

    /** Embedded | Docker | Remote, with a sentence on the chosen mode; hidden when there is one mode. */
    private Node modeBar() {
        SegmentedButton buttons = new SegmentedButton();
        buttons.getStyleClass().add("mode-buttons");
        buttons.setMinWidth(Region.USE_PREF_SIZE);
        ToggleGroup group = buttons.getToggleGroup();
        for (LabMode mode : model.mode().modes()) {
            ToggleButton button = new ToggleButton(LabModeViewModel.modeName(mode));
            button.setId("lab-mode-" + mode.name().toLowerCase(Locale.ROOT));
            button.setUserData(mode);
            button.setMinWidth(Region.USE_PREF_SIZE);
            button.disableProperty().bind(model.mode().canChangeModeProperty().not().and(button.selectedProperty().not()));
            button.setTooltip(new Tooltip(LabModeViewModel.modeDescription(mode)));
            buttons.getButtons().add(button);
            button.setSelected(mode == model.mode().modeProperty().get());
        }
        group.selectedToggleProperty().addListener((observable, was, is) -> {
            if (is == null) {
                group.selectToggle(was); // one mode is always chosen
            } else if (is.getUserData() != model.mode().modeProperty().get()) {
                model.mode().selectMode((LabMode) is.getUserData());
            }
        });
        model.mode().modeProperty().addListener((observable, was, is) -> group.getToggles().stream()
                .filter(toggle -> toggle.getUserData() == is).findFirst().ifPresent(group::selectToggle));
        Label description = new Label();
        description.setId("lab-mode-description");
        description.getStyleClass().add("result-summary");
        description.setWrapText(true);
        description.textProperty().bind(Bindings.createStringBinding(
                () -> LabModeViewModel.modeDescription(model.mode().modeProperty().get()), model.mode().modeProperty()));
        Label caption = new Label("Mode");
        caption.getStyleClass().add("part-name");
        caption.setMinWidth(Region.USE_PREF_SIZE);
        description.setMinWidth(0);
        HBox bar = new HBox(10, caption, buttons, description);
        bar.setId("lab-mode-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(description, Priority.ALWAYS);
        bar.setVisible(model.mode().modes().size() > 1);
        bar.setManaged(bar.isVisible());
        return bar;
    }

    @Override
    public Map<String, String> saveState() {
        return Map.of("mode", model.mode().modeProperty().get().name(), "traceSource", model.stack().traceSourceProperty().get().name());
    }

    @Override
    public void restoreState(Map<String, String> state) {
        for (TraceSourceChoice choice : TraceSourceChoice.values()) {
            if (choice.name().equals(state.get("traceSource"))) {
                model.stack().selectTraceSource(choice);
            }
        }
        String saved = state.get("mode");
        if (saved == null) {
            return;
        }
        for (LabMode mode : model.mode().modes()) {
            if (mode.name().equals(saved)) {
                model.mode().selectMode(mode);
            }
        }
    }

    private Node problemBox() {
        Label message = new Label();
        message.setId("lab-problem");
        message.getStyleClass().add("problem-title");
        message.setWrapText(true);
        VBox details = new VBox(1);
        details.setId("lab-problem-details");
        details.getStyleClass().add("problem-details");
        Label action = new Label();
        action.setId("lab-problem-action");
        action.getStyleClass().add("problem-action");
        action.setWrapText(true);
        VBox box = new VBox(6, message, details, action);
        box.getStyleClass().addAll("error-message", "lab-problem");
        box.setVisible(false);
        box.managedProperty().bind(box.visibleProperty());
        model.problemProperty().addListener((observable, was, problem) -> {
            box.setVisible(problem != null);
            if (problem == null) {
                return;
            }
            message.setText(problem.message());
            details.getChildren().setAll(problem.details().stream().map(line -> {
                Label label = new Label(line);
                label.getStyleClass().add("problem-line");
                return label;
            }).toList());
            details.setVisible(!problem.details().isEmpty());
            details.setManaged(details.isVisible());
            action.setText(problem.action().isEmpty() ? "" : "What to do: " + problem.action());
        });
        return box;
    }

    private Node partsCard() {
        Label heading = caption("Parts");
        partRows.setId("lab-parts");
        model.lifecycle().parts().addListener((ListChangeListener<PartStatus>) change -> showParts());
        showParts();

        Hyperlink url = new Hyperlink();
        url.setId("backend-url");
        url.getStyleClass().add("backend-url");
        url.textProperty().bind(model.lifecycle().backendUrlProperty());
        url.setTooltip(new Tooltip("The lab's address (lab-web's tasks page, or lab-backend): click to copy"));
        url.setMinWidth(Region.USE_PREF_SIZE);
        url.setOnAction(event -> {
            copy(url.getText());
            url.setVisited(false);
        });
        Button open = new Button("Open");
        open.setTooltip(new Tooltip("Open the lab's tasks page in the browser (and copy the URL)"));
        open.setId("backend-open");
        open.setOnAction(event -> {
            copy(model.lifecycle().backendUrlProperty().get());
            ExternalBrowser.open(model.lifecycle().openTargetProperty().get(), notifier);
        });
        open.setMinWidth(Region.USE_PREF_SIZE);
        HBox urlRow = new HBox(8, url, open);
        urlRow.setAlignment(Pos.CENTER_LEFT);
        urlRow.visibleProperty().bind(model.lifecycle().backendUrlProperty().isNotEmpty());
        urlRow.managedProperty().bind(urlRow.visibleProperty());
        VBox card = new VBox(8, heading, partRows, urlRow);
        card.getStyleClass().addAll("view-header", "lab-card");
        return card;
    }

    private void showParts() {
        if (model.lifecycle().parts().isEmpty()) {
            Label none = new Label(model.mode().modeProperty().get() == LabMode.REMOTE
                    ? "No remote stack yet: fill in its URLs below and press Save."
                    : "No parts yet.");
            none.getStyleClass().add("part-detail");
            none.setWrapText(true);
            partRows.getChildren().setAll(none);
            return;
        }
        partRows.getChildren().setAll(model.lifecycle().parts().stream().map(LabView::partRow).toList());
    }

    private static Node partRow(PartStatus part) {
        String state = part.state().name().toLowerCase(Locale.ROOT);
        Label dot = new Label("●");
        dot.getStyleClass().addAll("part-dot", "part-" + state);
        Label name = new Label(part.part());
        name.getStyleClass().add("part-name");
        name.setMinWidth(Region.USE_PREF_SIZE);
        Label stateLabel = new Label(stateWord(part.state()));
        stateLabel.getStyleClass().addAll("part-state", "part-" + state);
        stateLabel.setMinWidth(Region.USE_PREF_SIZE);
        HBox heading = new HBox(8, dot, name, stateLabel);
        heading.setAlignment(Pos.CENTER_LEFT);
        // the detail (a path, endpoints, a reason) goes on its own line: it wraps at any width
        Label detail = new Label(part.detail());
        detail.getStyleClass().add("part-detail");
        detail.setWrapText(true);
        detail.setPadding(new javafx.geometry.Insets(0, 0, 0, 20));
        detail.setVisible(!part.detail().isEmpty());
        detail.setManaged(detail.isVisible());
        VBox row = new VBox(1, heading, detail);
        if (part.hasProgress()) {
            ProgressBar bar = new ProgressBar(part.progress());
            bar.getStyleClass().add("part-progress");
            bar.setMaxWidth(Double.MAX_VALUE);
            VBox.setMargin(bar, new javafx.geometry.Insets(2, 0, 0, 20));
            row.getChildren().add(bar);
        }
        row.setId("part-" + part.part().toLowerCase(Locale.ROOT).replace(' ', '-'));
        row.getStyleClass().add("part-row");
        row.getProperties().put(PartState.class, part.state());
        return row;
    }

    static String stateWord(PartState state) {
        return switch (state) {
            case STOPPED -> "stopped";
            case STARTING -> "starting";
            case HEALTHY -> "healthy";
            case FAILED -> "failed";
        };
    }

    private Node trafficCard() {
        Spinner<Double> rate = new Spinner<>();
        rate.setId("traffic-rate");
        SpinnerValueFactory.DoubleSpinnerValueFactory factory = new SpinnerValueFactory.DoubleSpinnerValueFactory(
                0.5, 500, model.traffic().requestsPerSecondProperty().get(), 1);
        rate.setValueFactory(factory);
        rate.setEditable(true);
        rate.setPrefWidth(100);
        factory.valueProperty().bindBidirectional(rateValue);
        Slider slow = percentSlider("traffic-slow", model.traffic().slowPercentProperty());
        Slider failing = percentSlider("traffic-failing", model.traffic().errorPercentProperty());
        Label slowValue = percentLabel(model.traffic().slowPercentProperty());
        Label failingValue = percentLabel(model.traffic().errorPercentProperty());

        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(6);
        form.addRow(0, formLabel("Requests per second"), rate);
        form.addRow(1, formLabel("Slow requests"), slow, slowValue);
        form.addRow(2, formLabel("Failing requests"), failing, failingValue);
        GridPane.setHgrow(slow, Priority.ALWAYS);
        GridPane.setHgrow(failing, Priority.ALWAYS);

        Label problem = new Label();
        problem.setId("traffic-problem");
        problem.getStyleClass().add("field-error");
        problem.setWrapText(true);
        problem.textProperty().bind(model.traffic().trafficProblemProperty());
        problem.visibleProperty().bind(model.traffic().trafficProblemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());

        Button startTraffic = new Button("Start traffic");
        startTraffic.setId("traffic-start");
        startTraffic.disableProperty().bind(model.traffic().canStartTrafficProperty().not());
        startTraffic.setOnAction(event -> model.traffic().startTraffic());
        Button stopTraffic = new Button("Stop traffic");
        stopTraffic.setId("traffic-stop");
        stopTraffic.disableProperty().bind(model.traffic().canStopTrafficProperty().not());
        stopTraffic.setOnAction(event -> model.traffic().stopTraffic());
        Label trafficState = new Label();
        trafficState.getStyleClass().add("result-summary");
        trafficState.textProperty().bind(model.traffic().trafficTextProperty());
        startTraffic.setMinWidth(Region.USE_PREF_SIZE);
        stopTraffic.setMinWidth(Region.USE_PREF_SIZE);
        trafficState.setWrapText(true);
        // a flow: in a narrow column the state goes under the buttons instead of squeezing them
        javafx.scene.layout.FlowPane buttons = new javafx.scene.layout.FlowPane(8, 6, startTraffic, stopTraffic, trafficState);
        buttons.setAlignment(Pos.CENTER_LEFT);
        trafficState.maxWidthProperty().bind(buttons.widthProperty());

        // a flow of number-over-name tiles: in a narrow column the last ones wrap, none is cut
        javafx.scene.layout.FlowPane counts = new javafx.scene.layout.FlowPane(18, 6);
        counts.setId("traffic-counts");
        counts.getStyleClass().add("traffic-counts");
        String[] names = {"sent", "ok", "4xx", "5xx", "failed", "in flight"};
        Label[] values = new Label[names.length];
        for (int i = 0; i < names.length; i++) {
            Label name = new Label(names[i]);
            name.getStyleClass().add("count-name");
            values[i] = new Label("0");
            values[i].setId("count-" + names[i].replace(' ', '-'));
            values[i].getStyleClass().add("count-value");
            VBox tile = new VBox(values[i], name);
            tile.setMinWidth(Region.USE_PREF_SIZE);
            counts.getChildren().add(tile);
        }
        values[3].getStyleClass().add("count-error");
        values[4].getStyleClass().add("count-error");
        model.traffic().countsProperty().addListener((observable, was, is) -> showCounts(values, is));
        showCounts(values, model.traffic().countsProperty().get());

        VBox card = new VBox(8, caption("Traffic generator"), form, problem, buttons, counts);
        card.getStyleClass().addAll("view-header", "lab-card");
        return card;
    }

    private static void showCounts(Label[] values, TrafficCounts counts) {
        long[] numbers = {counts.sent(), counts.succeeded(), counts.clientErrors(), counts.serverErrors(),
                counts.failed(), counts.inFlight()};
        for (int i = 0; i < numbers.length; i++) {
            values[i].setText(String.format(Locale.ROOT, "%,d", numbers[i]));
        }
    }

    private Node outputCard() {
        output.setId("backend-output");
        output.getStyleClass().add("backend-output");
        output.setItems(model.output().lines());
        Label placeholder = new Label();
        placeholder.textProperty().bind(Bindings.createStringBinding(() -> model.mode().modeProperty().get() == LabMode.REMOTE
                ? "A remote stack runs no lab-backend of the console's: there is no output to show"
                : "lab-backend's output shows here once it starts", model.mode().modeProperty()));
        output.setPlaceholder(placeholder);
        output.setCellFactory(view -> new OutputLineCell(traceId -> traceOpener.accept(traceId)));
        followOutput.setId("output-follow");
        followOutput.setSelected(true);
        model.output().lines().addListener((ListChangeListener<String>) change -> {
            if (followOutput.isSelected() && !model.output().lines().isEmpty()) {
                output.scrollTo(model.output().lines().size() - 1);
            }
        });
        Label count = new Label();
        count.getStyleClass().add("result-summary");
        count.textProperty().bind(Bindings.createStringBinding(
                () -> String.format(Locale.ROOT, "last %,d lines", model.output().lines().size()), model.output().lines()));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        ChoiceBox<String> source = new ChoiceBox<>();
        source.setId("output-source");
        Runnable fillSources = () -> {
            java.util.List<String> sources = new java.util.ArrayList<>();
            sources.add(LabOutputViewModel.BACKEND_OUTPUT);
            model.stack().stackServices().stream().filter(name -> !name.equals(LabOutputViewModel.BACKEND_OUTPUT)).forEach(sources::add);
            source.getItems().setAll(sources);
            source.setValue(model.output().shownLogProperty().get());
        };
        fillSources.run();
        model.stack().stackServices().addListener((ListChangeListener<String>) change -> fillSources.run());
        source.valueProperty().addListener((observable, was, is) -> {
            if (is != null && !is.equals(model.output().shownLogProperty().get())) {
                model.output().showLogOf(is);
            }
        });
        model.output().shownLogProperty().addListener((observable, was, is) -> source.setValue(is));
        source.visibleProperty().bind(model.stack().hasStackProperty());
        source.managedProperty().bind(source.visibleProperty());
        Label heading = caption("");
        heading.textProperty().bind(Bindings.when(model.stack().hasStackProperty()).then("Output of").otherwise("lab-backend output"));
        HBox top = new HBox(10, heading, source, gap, count, followOutput);
        top.setAlignment(Pos.CENTER_LEFT);
        VBox card = new VBox(6, top, output);
        VBox.setVgrow(output, Priority.ALWAYS);
        card.getStyleClass().addAll("view-header", "lab-card");
        return card;
    }

    private void copy(String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
        notifier.accept("Copied " + text);
    }

    private static Slider percentSlider(String id, javafx.beans.property.DoubleProperty value) {
        Slider slider = new Slider(0, 100, value.get());
        slider.setId(id);
        slider.setBlockIncrement(1);
        slider.setMajorTickUnit(25);
        slider.setShowTickMarks(true);
        slider.valueProperty().bindBidirectional(value);
        slider.setMinWidth(90);
        return slider;
    }

    private static Label formLabel(String text) {
        Label label = new Label(text);
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }

    private static Label percentLabel(javafx.beans.property.DoubleProperty value) {
        Label label = new Label();
        label.setMinWidth(44);
        label.textProperty().bind(Bindings.createStringBinding(
                () -> String.format(Locale.ROOT, "%.0f%%", value.get()), value));
        return label;
    }
}
