package dev.otellab.ui.exercises;

import dev.otellab.config.DataDirectories;
import dev.otellab.lab.embedded.EmbeddedLab;
import dev.otellab.lab.embedded.EmbeddedLabSettings;
import dev.otellab.lab.embedded.LabBackendJar;
import dev.otellab.lab.traffic.TrafficProfile;
import dev.otellab.telemetry.embedded.StoreSettings;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.telemetry.embedded.receiver.ReceiverSettings;
import dev.otellab.exercises.AnswerChoice;
import dev.otellab.exercises.ExerciseLoader;
import dev.otellab.exercises.ExerciseSession.Stage;
import dev.otellab.exercises.AnswerVerdict.Outcome;
import dev.otellab.ui.common.TestExecutors;
import dev.otellab.ui.common.TestExecutors.QueuedUi;
import dev.otellab.ui.common.UiExecutors;
import dev.otellab.ui.shell.RecordingNavigator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Exercises view model without a screen, on a real embedded lab; the UI thread is the test thread. */
class ExercisesViewModelTest {
    @TempDir
    Path dir;

    private final ScheduledExecutorService timer = TestExecutors.timer();
    private final QueuedUi ui = new QueuedUi();
    private final RecordingNavigator navigator = new RecordingNavigator();
    private EmbeddedLab lab;
    private Path exercises;

    @BeforeEach
    void makeTheLab() throws Exception {
        exercises = Files.createDirectories(dir.resolve("exercises"));
        Files.writeString(exercises.resolve("quick.yaml"), QuickExercise.YAML);
        Files.writeString(exercises.resolve("broken.yaml"), QuickExercise.YAML.replace("kind: route", "kind: riddle"));
        DataDirectories directories = new DataDirectories(dir.resolve("data"), dir.resolve("config"));
        lab = new EmbeddedLab(new EmbeddedLabSettings(directories, StoreSettings.DEFAULT, ReceiverSettings.anyFreePorts(),
                LabBackendJar.path(), 0, TrafficProfile.DEFAULT));
    }

    @AfterEach
    void close() {
        timer.shutdownNow();
        lab.close();
    }

    private ExercisesViewModel model() {
        UiExecutors executors = new UiExecutors(Runnable::run, ui, timer, Clock.systemUTC());
        ExercisesViewModel model = new ExercisesViewModel(() -> new ExerciseLoader().load(exercises), lab, executors, navigator);
        ui.runAll();
        return model;
    }

    @Test
    void withTheLabStoppedTheExercisesShowButNoScenarioStartsAndTheLabViewIsOffered() {
        ExercisesViewModel model = model();

        assertThat(model.exercises()).extracting(exercise -> exercise.id()).contains("failing-route", "quick-failing-route");
        assertThat(model.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.source()).endsWith("broken.yaml");
            assertThat(problem.reason()).contains("answer kind must be one of");
        });
        assertThat(model.selectedProperty().get()).isEqualTo(model.exercises().get(0));
        assertThat(model.labRunningProperty().get()).isFalse();
        assertThat(model.canStartProperty().get()).isFalse();
        model.startScenario();
        ui.runAll();
        assertThat(model.sessionProperty().get()).isNull();

        model.openLab();
        assertThat(navigator.labShown).hasValue(1);
        assertThat(model.canShowInSlisProperty().get()).as("no scenario, no window to chart").isFalse();
    }

    @Test
    void theRememberedExerciseIsChosenOnceTheExercisesHaveLoaded() {
        UiExecutors executors = new UiExecutors(Runnable::run, ui, timer, Clock.systemUTC());
        ExercisesViewModel model = new ExercisesViewModel(() -> new ExerciseLoader().load(exercises), lab, executors, navigator);
        model.restoreState(Map.of("exercise", "quick-failing-route"));
        ui.runAll();

        assertThat(model.selectedProperty().get().id()).isEqualTo("quick-failing-route");
        assertThat(model.saveState()).containsEntry("exercise", "quick-failing-route");
    }

    @Test
    void aScenarioRunsOnTheLabAndTheAnswerIsCheckedAgainstWhatItRecorded() throws Exception {
        ExercisesViewModel model = model();
        model.selectedProperty().set(model.exercises().stream()
                .filter(exercise -> exercise.id().equals("quick-failing-route")).findFirst().orElseThrow());
        lab.start();
        waitFor(() -> model.labRunningProperty().get());
        assertThat(model.canStartProperty().get()).isTrue();

        model.startScenario();
        ui.runAll();
        assertThat(model.stageProperty().get()).isEqualTo(Stage.RUNNING);
        assertThat(model.canStartProperty().get()).as("one run at a time").isFalse();
        assertThat(model.canShowInSlisProperty().get()).isTrue();
        model.showInSlis();
        TimeRange window = model.sessionProperty().get().window();
        assertThat(navigator.sliWindows).as("the SLIs view over the scenario's window")
                .containsExactly("lab-backend " + window.fromUnixNano() + ".." + window.toUnixNano() + " step PT5S");
        model.answerProperty().set("/api/tasks");
        model.check();
        ui.runAll();
        assertThat(model.feedbackProperty().get().outcome()).isEqualTo(Outcome.NOT_READY);

        waitFor(() -> model.stageProperty().get() == Stage.READY);
        assertThat(model.progressTextProperty().get()).contains("investigate");
        waitFor(() -> !model.choices().isEmpty());
        assertThat(model.choices()).extracting(AnswerChoice::value).contains("/api/reports/overdue", "/api/tasks");

        model.check();
        ui.runAll();
        assertThat(model.feedbackProperty().get().outcome()).isEqualTo(Outcome.WRONG);
        assertThat(model.hints()).containsExactly("Open the SLIs view.");
        model.showHint();
        assertThat(model.hints()).containsExactly("Open the SLIs view.", "Red is broken.");
        assertThat(model.canHintProperty().get()).isFalse();

        model.answerProperty().set("/api/simulate-e");
        assertThat(model.feedbackProperty().get()).as("a changed answer clears the old verdict").isNull();
        model.answerProperty().set("/api/reports/overdue");
        model.check();
        ui.runAll();
        assertThat(model.feedbackProperty().get().outcome()).isEqualTo(Outcome.CORRECT);
        assertThat(model.solved()).containsExactly("quick-failing-route");

        model.selectedProperty().set(model.exercises().get(0));
        assertThat(model.sessionProperty().get()).isNull();
        assertThat(model.feedbackProperty().get()).isNull();
        assertThat(model.hints()).isEmpty();
        assertThat(model.answerProperty().get()).isEmpty();
    }

    @Test
    void theUsersOwnTrafficStartsAgainOnceTheScenariosTelemetryIsIn() throws Exception {
        ExercisesViewModel model = model();
        model.selectedProperty().set(model.exercises().stream()
                .filter(exercise -> exercise.id().equals("quick-failing-route")).findFirst().orElseThrow());
        lab.start();
        waitFor(() -> model.labRunningProperty().get());
        lab.traffic().orElseThrow().start();

        model.startScenario();
        ui.runAll();
        assertThat(lab.traffic().orElseThrow().isPlaying()).as("the scenario replaces the user's traffic").isTrue();

        waitFor(() -> model.stageProperty().get() == Stage.READY);
        assertThat(lab.traffic().orElseThrow().isRunning()).as("the user's traffic runs again").isTrue();
        assertThat(lab.traffic().orElseThrow().isPlaying()).isFalse();
    }

    @Test
    void stoppingTheLabDuringTheScenarioInterruptsTheRun() throws Exception {
        ExercisesViewModel model = model();
        lab.start();
        waitFor(() -> model.labRunningProperty().get());
        model.startScenario();
        ui.runAll();
        assertThat(model.stageProperty().get()).isEqualTo(Stage.RUNNING);

        lab.stop();

        waitFor(() -> model.stageProperty().get() == Stage.INTERRUPTED);
        assertThat(model.progressTextProperty().get()).contains("Start the scenario again");
        assertThat(model.labRunningProperty().get()).isFalse();
    }

    /** Runs what the UI thread would run until the condition holds. */
    private void waitFor(BooleanSupplier condition) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            ui.runAll();
            return condition.getAsBoolean();
        });
    }
}
