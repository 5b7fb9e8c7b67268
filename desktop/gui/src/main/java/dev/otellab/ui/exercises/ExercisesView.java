package dev.otellab.ui.exercises;

import dev.otellab.exercises.AnswerChoice;
import dev.otellab.exercises.Exercise;
import dev.otellab.exercises.ExerciseSession.Feedback;
import dev.otellab.exercises.ExerciseSession.Stage;
import dev.otellab.exercises.LoadProblem;
import dev.otellab.ui.shell.ConsoleView;
import dev.otellab.ui.shell.ShortcutHelp;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.collections.SetChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.util.List;
import java.util.Map;

import static dev.otellab.ui.common.FormControls.caption;

/**
 * The Exercises page: the list of exercises (and the trainer's files that did not load), the
 * chosen exercise's description, scenario and question, Start scenario with its progress, an
 * answer field that offers what the telemetry holds (routes, trace ids, span names), Check,
 * the verdict and the hints.
 */
public final class ExercisesView implements ConsoleView {
    public static final String STYLESHEET = "/dev/otellab/ui/exercises/exercises.css";

    private final ExercisesViewModel model;
    private final BorderPane root = new BorderPane();
    private final ListView<Exercise> list = new ListView<>();
    private final ComboBox<AnswerChoice> answer = new ComboBox<>();

    public ExercisesView(ExercisesViewModel model) {
        this.model = model;
        root.getStyleClass().add("exercises-view");
        root.setId("exercises-view");
        root.getStylesheets().add(ExercisesView.class.getResource(STYLESHEET).toExternalForm());
        root.setTop(header());
        VBox left = new VBox(8, listCard(), problemsBox());
        VBox.setVgrow(left.getChildren().get(0), Priority.ALWAYS);
        left.setMinWidth(240);
        ScrollPane right = new ScrollPane(detail());
        right.setFitToWidth(true);
        right.getStyleClass().add("exercise-scroll");
        SplitPane split = new SplitPane(left, right);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.3);
        BorderPane.setMargin(split, new Insets(8, 0, 0, 0));
        root.setCenter(split);
    }

    @Override
    public String title() {
        return "Exercises";
    }

    @Override
    public String glyph() {
        return "✎";
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public KeyCombination shortcut() {
        return new KeyCodeCombination(KeyCode.DIGIT5, KeyCombination.SHORTCUT_DOWN);
    }

    @Override
    public void focusSearch() {
        answer.requestFocus();
    }

    @Override
    public void refresh() {
        model.reload();
    }

    @Override
    public List<ShortcutHelp> shortcuts() {
        return List.of(new ShortcutHelp("Enter in the answer", "Check the answer"));
    }

    @Override
    public Map<String, String> saveState() {
        return model.saveState();
    }

    @Override
    public void restoreState(Map<String, String> state) {
        model.restoreState(state);
    }

    public ListView<Exercise> exerciseList() {
        return list;
    }

    private Node header() {
        Label title = new Label("Exercises");
        title.getStyleClass().add("trace-title");
        Label summary = new Label();
        summary.getStyleClass().add("result-summary");
        summary.textProperty().bind(Bindings.createStringBinding(() -> model.exercises().size() + " exercises, "
                + model.solved().size() + " solved in this session", model.exercises(), model.solved()));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        Button reload = new Button("↻  Reload");
        reload.setId("exercises-reload");
        reload.setOnAction(event -> model.reload());
        HBox box = new HBox(12, title, summary, gap, reload);
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add("view-header");
        return box;
    }

    private Node listCard() {
        list.setId("exercise-list");
        list.setItems(model.exercises());
        list.setPlaceholder(new Label("Loading the exercises…"));
        list.setCellFactory(view -> new ExerciseCell());
        list.getSelectionModel().selectedItemProperty().addListener((observable, was, is) -> {
            if (is != null && is != model.selectedProperty().get()) {
                model.selectedProperty().set(is);
            }
        });
        model.selectedProperty().addListener((observable, was, is) -> list.getSelectionModel().select(is));
        model.exercises().addListener((ListChangeListener<Exercise>) change ->
                list.getSelectionModel().select(model.selectedProperty().get()));
        model.solved().addListener((SetChangeListener<String>) change -> list.refresh());
        VBox card = new VBox(6, caption("Exercises"), list);
        VBox.setVgrow(list, Priority.ALWAYS);
        card.getStyleClass().add("view-header");
        return card;
    }

    /** The trainer's files that could not be used, each with its reason. */
    private Node problemsBox() {
        VBox lines = new VBox(4);
        Label heading = new Label();
        heading.getStyleClass().add("problem-title");
        VBox box = new VBox(6, heading, lines);
        box.setId("exercise-problems");
        box.getStyleClass().addAll("error-message", "exercise-problems");
        Runnable show = () -> {
            List<LoadProblem> problems = model.problems();
            box.setVisible(!problems.isEmpty());
            heading.setText(problems.size() == 1 ? "1 exercise file was not loaded"
                    : problems.size() + " exercise files were not loaded");
            lines.getChildren().setAll(problems.stream().map(problem -> {
                Label line = new Label(problem.source() + ": " + problem.reason());
                line.setWrapText(true);
                line.getStyleClass().add("problem-line");
                return line;
            }).toList());
        };
        box.managedProperty().bind(box.visibleProperty());
        model.problems().addListener((ListChangeListener<LoadProblem>) change -> show.run());
        show.run();
        return box;
    }

    private Node detail() {
        Label title = new Label();
        title.setId("exercise-title");
        title.getStyleClass().add("trace-title");
        title.setWrapText(true);
        Label facts = new Label();
        facts.setId("exercise-facts");
        facts.getStyleClass().add("result-summary");
        facts.setWrapText(true);
        Label description = new Label();
        description.setId("exercise-description");
        description.setWrapText(true);
        description.getStyleClass().add("exercise-text");
        model.selectedProperty().addListener((observable, was, is) -> showExercise(is, title, facts, description));
        showExercise(model.selectedProperty().get(), title, facts, description);
        VBox about = new VBox(6, title, facts, description);
        about.getStyleClass().add("view-header");

        VBox box = new VBox(10, about, labBanner(), scenarioCard(), questionCard(), hintsCard());
        box.setPadding(new Insets(0, 4, 4, 0));
        box.visibleProperty().bind(model.selectedProperty().isNotNull());
        return box;
    }

    private static void showExercise(Exercise exercise, Label title, Label facts, Label description) {
        if (exercise == null) {
            return;
        }
        title.setText(exercise.title());
        facts.setText(exercise.topic().displayName() + "  ·  " + exercise.scenario().describe()
                + (Exercise.BUILT_IN.equals(exercise.source()) ? "" : "  ·  from " + exercise.source()));
        description.setText(exercise.description());
        description.setVisible(!exercise.description().isEmpty());
        description.setManaged(description.isVisible());
    }

    private Node labBanner() {
        Label text = new Label("The lab is not running. An exercise sends its traffic to lab-backend:"
                + " start the lab in the Lab view first.");
        text.setWrapText(true);
        text.setId("exercise-lab-stopped");
        Button open = new Button("Open the Lab view");
        open.setId("exercise-open-lab");
        open.setOnAction(event -> model.openLab());
        open.setMinWidth(Region.USE_PREF_SIZE);
        HBox banner = new HBox(12, text, open);
        HBox.setHgrow(text, Priority.ALWAYS);
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.getStyleClass().addAll("exercise-banner");
        banner.visibleProperty().bind(model.labRunningProperty().not());
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    private Node scenarioCard() {
        Button start = new Button("▶  Start scenario");
        start.setId("exercise-start");
        start.disableProperty().bind(model.canStartProperty().not());
        start.setOnAction(event -> model.startScenario());
        start.setMinWidth(Region.USE_PREF_SIZE);
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(Bindings.createBooleanBinding(() -> model.stageProperty().get() == Stage.RUNNING
                || model.stageProperty().get() == Stage.COLLECTING, model.stageProperty()));
        busy.managedProperty().bind(busy.visibleProperty());
        Label progress = new Label();
        progress.setId("exercise-progress");
        progress.setWrapText(true);
        progress.textProperty().bind(model.progressTextProperty());
        progress.getStyleClass().add("exercise-progress");
        model.stageProperty().addListener((observable, was, is) -> {
            progress.getStyleClass().removeAll("stage-ready", "stage-interrupted");
            if (is == Stage.READY) {
                progress.getStyleClass().add("stage-ready");
            } else if (is == Stage.INTERRUPTED) {
                progress.getStyleClass().add("stage-interrupted");
            }
        });
        Button showInSlis = new Button("Show in SLIs");
        showInSlis.setId("exercise-show-slis");
        showInSlis.setTooltip(new javafx.scene.control.Tooltip("The SLIs view over the scenario's time window"));
        showInSlis.disableProperty().bind(model.canShowInSlisProperty().not());
        showInSlis.setOnAction(event -> model.showInSlis());
        showInSlis.setMinWidth(Region.USE_PREF_SIZE);
        HBox row = new HBox(10, start, showInSlis, busy, progress);
        row.setAlignment(Pos.CENTER_LEFT);
        Label note = new Label("The scenario replaces your traffic while it runs and stops at its end, so what you"
                + " investigate holds still; traffic you had running starts again once the scenario's telemetry is in.");
        note.getStyleClass().add("result-summary");
        note.setWrapText(true);
        VBox card = new VBox(8, caption("Scenario"), row, note);
        card.getStyleClass().add("view-header");
        return card;
    }

    private Node questionCard() {
        Label question = new Label();
        question.setId("exercise-question");
        question.getStyleClass().add("exercise-question");
        question.setWrapText(true);
        question.textProperty().bind(Bindings.createStringBinding(() -> model.selectedProperty().get() == null ? ""
                : model.selectedProperty().get().question(), model.selectedProperty()));

        answer.setId("exercise-answer");
        answer.setEditable(true);
        answer.setMaxWidth(Double.MAX_VALUE);
        answer.setItems(model.choices());
        answer.setConverter(new StringConverter<>() {
            @Override
            public String toString(AnswerChoice choice) {
                return choice == null ? "" : choice.value();
            }

            @Override
            public AnswerChoice fromString(String text) {
                return new AnswerChoice(text, text);
            }
        });
        answer.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(AnswerChoice item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.label());
            }
        });
        answer.getEditor().textProperty().bindBidirectional(model.answerProperty());
        answer.promptTextProperty().bind(Bindings.createStringBinding(() -> model.selectedProperty().get() == null ? ""
                : "Type or pick " + model.selectedProperty().get().answer().prompt(), model.selectedProperty()));
        answer.setOnShowing(event -> model.refreshChoices());
        // Enter checks: caught before the combo box's own Enter handling, which would swallow it
        answer.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == javafx.scene.input.KeyCode.ENTER && !answer.isShowing()) {
                model.answerProperty().set(answer.getEditor().getText());
                model.check();
                event.consume();
            }
        });
        answer.disableProperty().bind(model.sessionProperty().isNull());
        HBox.setHgrow(answer, Priority.ALWAYS);
        Button check = new Button("Check");
        check.setId("exercise-check");
        check.disableProperty().bind(model.canCheckProperty().not());
        check.setOnAction(event -> model.check());
        check.setMinWidth(Region.USE_PREF_SIZE);
        HBox row = new HBox(8, answer, check);
        row.setAlignment(Pos.CENTER_LEFT);

        Label waiting = new Label("Start the scenario, then investigate in the other views and answer here.");
        waiting.getStyleClass().add("result-summary");
        waiting.visibleProperty().bind(model.sessionProperty().isNull());
        waiting.managedProperty().bind(waiting.visibleProperty());

        Label feedback = new Label();
        feedback.setId("exercise-feedback");
        feedback.setWrapText(true);
        feedback.getStyleClass().add("exercise-feedback");
        model.feedbackProperty().addListener((observable, was, is) -> showFeedback(feedback, is));
        showFeedback(feedback, null);

        Label error = new Label();
        error.setId("exercise-error");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.textProperty().bind(model.errorTextProperty());
        error.visibleProperty().bind(model.errorTextProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        VBox card = new VBox(8, caption("Question"), question, row, waiting, feedback, error);
        card.getStyleClass().add("view-header");
        return card;
    }

    private static void showFeedback(Label label, Feedback feedback) {
        label.getStyleClass().removeAll("feedback-correct", "feedback-wrong", "feedback-waiting");
        label.setVisible(feedback != null);
        label.setManaged(feedback != null);
        if (feedback == null) {
            return;
        }
        switch (feedback.outcome()) {
            case CORRECT -> {
                label.setText("✓  Correct. " + feedback.message());
                label.getStyleClass().add("feedback-correct");
            }
            case WRONG -> {
                label.setText("✗  Not quite. " + feedback.message());
                label.getStyleClass().add("feedback-wrong");
            }
            case NOT_READY -> {
                label.setText("…  Not enough telemetry yet. " + feedback.message());
                label.getStyleClass().add("feedback-waiting");
            }
        }
    }

    private Node hintsCard() {
        Button hint = new Button("Show a hint");
        hint.setId("exercise-hint");
        hint.disableProperty().bind(model.canHintProperty().not());
        hint.setOnAction(event -> model.showHint());
        hint.setMinWidth(Region.USE_PREF_SIZE);
        VBox lines = new VBox(4);
        lines.setId("exercise-hints");
        model.hints().addListener((ListChangeListener<String>) change -> {
            lines.getChildren().clear();
            for (int i = 0; i < model.hints().size(); i++) {
                Label line = new Label((i + 1) + ".  " + model.hints().get(i));
                line.setWrapText(true);
                line.getStyleClass().add("exercise-hint");
                lines.getChildren().add(line);
            }
        });
        Label left = new Label();
        left.getStyleClass().add("result-summary");
        left.setWrapText(true);
        left.textProperty().bind(Bindings.createStringBinding(() -> {
            Exercise exercise = model.selectedProperty().get();
            int total = exercise == null ? 0 : exercise.hints().size();
            return model.hints().size() + " of " + total + " shown; a wrong answer shows the next one too";
        }, model.selectedProperty(), model.hints()));
        HBox row = new HBox(10, hint, left);
        row.setAlignment(Pos.CENTER_LEFT);
        VBox card = new VBox(8, caption("Hints"), row, lines);
        card.getStyleClass().add("view-header");
        return card;
    }

    /** Title, then topic (and ✓ once answered right). */
    private final class ExerciseCell extends ListCell<Exercise> {
        private final Label name = new Label();
        private final Label topic = new Label();
        private final VBox box = new VBox(2, name, topic);

        ExerciseCell() {
            name.getStyleClass().add("exercise-name");
            name.setWrapText(true);
            topic.getStyleClass().add("exercise-topic");
            // the cell takes the list's width and long titles wrap, instead of a horizontal scroll bar
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(Exercise item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            boolean solved = model.solved().contains(item.id());
            name.setText((solved ? "✓  " : "") + item.title());
            topic.setText(item.topic().displayName() + (Exercise.BUILT_IN.equals(item.source()) ? "" : "  ·  trainer's file"));
            setText(null);
            setGraphic(box);
        }
    }
}
