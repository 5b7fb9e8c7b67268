package dev.otellab.ui.exercises;

import dev.otellab.lab.LabEngine;
import dev.otellab.lab.LabStatus;
import dev.otellab.exercises.AnswerChoice;
import dev.otellab.exercises.Exercise;
import dev.otellab.exercises.ExerciseCatalog;
import dev.otellab.exercises.ExerciseSession;
import dev.otellab.exercises.ExerciseSession.Feedback;
import dev.otellab.exercises.ExerciseSession.Progress;
import dev.otellab.exercises.ExerciseSession.Stage;
import dev.otellab.exercises.LoadProblem;
import dev.otellab.exercises.AnswerVerdict;
import dev.otellab.ui.common.LatestQuery;
import dev.otellab.ui.common.UiExecutors;
import dev.otellab.ui.shell.Navigator;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The Exercises view: the exercises (and the files that did not load), the chosen one's
 * scenario and question, its run on the lab (start, progress, interrupted), the answer with
 * choices from the telemetry, the verdict and the hints shown so far. Loading, starting,
 * progress, choices and checks run on the background executor; progress is asked every
 * {@link #PROGRESS_INTERVAL} until the run is ready or interrupted. Needs the lab running for
 * a scenario; otherwise the view offers the Lab view.
 *
 * <p>Call the public methods on the UI thread.
 */
public final class ExercisesViewModel {
    public static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(1);

    private final LabEngine lab;
    private final UiExecutors executors;
    private final Navigator navigator;
    private final Supplier<ExerciseCatalog> catalog;
    private final LatestQuery<ExerciseCatalog> loading;
    private final LatestQuery<ExerciseSession> starting;
    private final LatestQuery<Progress> progressQuery;
    private final LatestQuery<List<AnswerChoice>> choiceQuery;
    private final LatestQuery<Feedback> checking;

    private final ObservableList<Exercise> exercises = FXCollections.observableArrayList();
    private final ObservableList<LoadProblem> problems = FXCollections.observableArrayList();
    private final ObservableSet<String> solved = FXCollections.observableSet();
    private final ObjectProperty<Exercise> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyBooleanWrapper labRunning = new ReadOnlyBooleanWrapper(this, "labRunning");
    private final ReadOnlyObjectWrapper<ExerciseSession> session = new ReadOnlyObjectWrapper<>(this, "session");
    private final ReadOnlyObjectWrapper<Stage> stage = new ReadOnlyObjectWrapper<>(this, "stage");
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper(this, "progressText", "");
    private final ReadOnlyStringWrapper errorText = new ReadOnlyStringWrapper(this, "errorText", "");
    private final StringProperty answer = new SimpleStringProperty(this, "answer", "");
    private final ObservableList<AnswerChoice> choices = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Feedback> feedback = new ReadOnlyObjectWrapper<>(this, "feedback");
    private final ObservableList<String> hints = FXCollections.observableArrayList();
    private final BooleanBinding canStart;
    private final BooleanBinding canCheck;
    private final BooleanBinding canHint;
    private final BooleanBinding canShowInSlis;

    private ScheduledFuture<?> progressTimer;
    /** The remembered exercise, chosen once the exercises have loaded. */
    private String pendingSelection;

    public ExercisesViewModel(Supplier<ExerciseCatalog> catalog, LabEngine lab, UiExecutors executors, Navigator navigator) {
        this.catalog = catalog;
        this.lab = lab;
        this.executors = executors;
        this.navigator = navigator;
        this.loading = new LatestQuery<>(executors.background(), executors.ui());
        this.starting = new LatestQuery<>(executors.background(), executors.ui());
        this.progressQuery = new LatestQuery<>(executors.background(), executors.ui());
        this.choiceQuery = new LatestQuery<>(executors.background(), executors.ui());
        this.checking = new LatestQuery<>(executors.background(), executors.ui());
        canStart = Bindings.createBooleanBinding(
                () -> selected.get() != null && labRunning.get() && !starting.isRunning() && stage.get() != Stage.RUNNING,
                selected, labRunning, starting.runningProperty(), stage);
        canCheck = Bindings.createBooleanBinding(
                () -> session.get() != null && !answer.get().isBlank() && !checking.isRunning(),
                session, answer, checking.runningProperty());
        canHint = Bindings.createBooleanBinding(
                () -> session.get() != null && hints.size() < session.get().exercise().hints().size(), session, hints);
        canShowInSlis = session.isNotNull();
        selected.addListener((observable, was, is) -> {
            if (was != is) {
                forgetSession();
            }
        });
        // a verdict is about the answer it was given for: a changed answer has none yet
        answer.addListener((observable, was, is) -> {
            if (!java.util.Objects.equals(was == null ? "" : was.strip(), is == null ? "" : is.strip())) {
                feedback.set(null);
            }
        });
        labRunning.set(lab.traffic().isPresent());
        lab.addStatusListener(this::onLabStatus);
        reload();
    }

    /** Reads the exercises again (built-in and the trainer's folder), keeping the choice when it is still there. */
    public void reload() {
        loading.run(catalog, this::loaded, message -> errorText.set("The exercises could not be loaded: " + message));
    }

    /** Plays the chosen exercise's scenario on the running lab. */
    public void startScenario() {
        if (!canStart.get()) {
            return;
        }
        Exercise exercise = selected.get();
        forgetSession();
        progressText.set("Starting the scenario…");
        starting.run(() -> ExerciseSession.start(exercise, lab, executors.clock()), this::started, errorText::set);
    }

    /** Asks where the run stands (the progress timer calls this); tests may call it directly. */
    public void refreshProgress() {
        ExerciseSession current = session.get();
        if (current == null) {
            return;
        }
        progressQuery.run(current::progress, progress -> applyProgress(current, progress), errorText::set);
    }

    /** Fills the choices from the run's telemetry so far. */
    public void refreshChoices() {
        ExerciseSession current = session.get();
        if (current == null) {
            return;
        }
        choiceQuery.run(current::choices, found -> {
            if (session.get() == current) {
                choices.setAll(found);
            }
        }, errorText::set);
    }

    public void check() {
        if (!canCheck.get()) {
            return;
        }
        ExerciseSession current = session.get();
        String given = answer.get();
        errorText.set("");
        checking.run(() -> current.check(given), result -> {
            if (session.get() != current || !given.equals(answer.get())) {
                return; // another exercise, or the answer changed while it was checked
            }
            feedback.set(result);
            if (!result.hint().isEmpty()) {
                hints.add(result.hint());
            }
            if (result.outcome() == AnswerVerdict.Outcome.CORRECT) {
                solved.add(current.exercise().id());
            }
        }, errorText::set);
    }

    /** Shows the next hint of the run. */
    public void showHint() {
        ExerciseSession current = session.get();
        if (canHint.get()) {
            current.nextHint().ifPresent(hints::add);
        }
    }

    public void openLab() {
        navigator.showLab();
    }

    /** The SLIs view over the scenario's window (its start until its last request could have answered). */
    public void showInSlis() {
        ExerciseSession current = session.get();
        if (current != null) {
            // the step the exercise's number checks read, so the charts show the numbers they judge
            navigator.showSlis(current.telemetry().service(), current.window(), dev.otellab.exercises.SliNumberChecker.STEP);
        }
    }

    /** The window closes: stop polling. A scenario in progress ends with the lab. */
    public void close() {
        stopProgressTimer();
    }

    private void loaded(ExerciseCatalog loaded) {
        errorText.set("");
        String chosen = pendingSelection != null ? pendingSelection : selected.get() == null ? null : selected.get().id();
        pendingSelection = null;
        exercises.setAll(loaded.exercises());
        problems.setAll(loaded.problems());
        Exercise again = chosen == null ? null : loaded.find(chosen).orElse(null);
        if (again != null && again.equals(selected.get())) {
            return; // the same exercise, unchanged: keep its run
        }
        selected.set(again != null ? again : exercises.isEmpty() ? null : exercises.get(0));
    }

    private void started(ExerciseSession started) {
        errorText.set("");
        session.set(started);
        stage.set(Stage.RUNNING);
        progressText.set("Scenario starting…");
        startProgressTimer();
    }

    private void applyProgress(ExerciseSession current, Progress progress) {
        if (session.get() != current) {
            return;
        }
        stage.set(progress.stage());
        progressText.set(progress.message());
        if (progress.stage() == Stage.READY || progress.stage() == Stage.INTERRUPTED) {
            stopProgressTimer();
        }
        if (progress.stage() == Stage.READY) {
            refreshChoices();
        }
    }

    private void onLabStatus(LabStatus status) {
        boolean running = lab.traffic().isPresent();
        executors.ui().execute(() -> labRunning.set(running));
    }

    private void forgetSession() {
        ExerciseSession current = session.get();
        if (current != null) {
            current.cancel();
        }
        stopProgressTimer();
        starting.cancel();
        progressQuery.cancel();
        choiceQuery.cancel();
        checking.cancel();
        session.set(null);
        stage.set(null);
        progressText.set("");
        errorText.set("");
        answer.set("");
        choices.clear();
        feedback.set(null);
        hints.clear();
    }

    private void startProgressTimer() {
        stopProgressTimer();
        progressTimer = executors.timer().scheduleAtFixedRate(() -> executors.ui().execute(this::refreshProgress),
                0, PROGRESS_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void stopProgressTimer() {
        if (progressTimer != null) {
            progressTimer.cancel(false);
            progressTimer = null;
        }
    }

    /** The view's saved state: the chosen exercise. */
    public Map<String, String> saveState() {
        return selected.get() == null ? Map.of() : Map.of("exercise", selected.get().id());
    }

    /** Chooses the remembered exercise once it is loaded. */
    public void restoreState(Map<String, String> state) {
        String id = state.get("exercise");
        if (id == null) {
            return;
        }
        exercises.stream().filter(exercise -> exercise.id().equals(id)).findFirst().ifPresentOrElse(selected::set,
                () -> pendingSelection = id);
    }

    public ObservableList<Exercise> exercises() {
        return exercises;
    }

    public ObservableList<LoadProblem> problems() {
        return problems;
    }

    /** Ids of the exercises answered right in this window. */
    public ObservableSet<String> solved() {
        return solved;
    }

    public ObjectProperty<Exercise> selectedProperty() {
        return selected;
    }

    public ReadOnlyBooleanProperty labRunningProperty() {
        return labRunning.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ExerciseSession> sessionProperty() {
        return session.getReadOnlyProperty();
    }

    /** The run's stage; null before a scenario starts. */
    public ReadOnlyObjectProperty<Stage> stageProperty() {
        return stage.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    /** A query or start that failed, as a sentence; empty when all is well. */
    public ReadOnlyStringProperty errorTextProperty() {
        return errorText.getReadOnlyProperty();
    }

    public StringProperty answerProperty() {
        return answer;
    }

    public ObservableList<AnswerChoice> choices() {
        return choices;
    }

    /** The verdict on the last answer checked; null before one. */
    public ReadOnlyObjectProperty<Feedback> feedbackProperty() {
        return feedback.getReadOnlyProperty();
    }

    public ObservableList<String> hints() {
        return hints;
    }

    public BooleanBinding canStartProperty() {
        return canStart;
    }

    public BooleanBinding canCheckProperty() {
        return canCheck;
    }

    /** A scenario has started: its window can be charted. */
    public BooleanBinding canShowInSlisProperty() {
        return canShowInSlis;
    }

    public BooleanBinding canHintProperty() {
        return canHint;
    }
}
