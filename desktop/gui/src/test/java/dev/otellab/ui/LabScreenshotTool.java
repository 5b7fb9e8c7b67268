package dev.otellab.ui;

import dev.otellab.config.DataDirectories;
import dev.otellab.lab.embedded.EmbeddedLab;
import dev.otellab.lab.embedded.EmbeddedLabSettings;
import dev.otellab.lab.embedded.LabBackendJar;
import dev.otellab.lab.traffic.TrafficProfile;
import dev.otellab.telemetry.embedded.StoreSettings;
import dev.otellab.telemetry.embedded.receiver.ReceiverSettings;
import dev.otellab.telemetry.model.LogRecord;
import dev.otellab.telemetry.model.Severity;
import dev.otellab.telemetry.model.SliPoint;
import dev.otellab.telemetry.model.SliReport;
import dev.otellab.telemetry.model.SpanEvent;
import dev.otellab.telemetry.model.SpanKind;
import dev.otellab.telemetry.model.TraceSummary;
import dev.otellab.ui.common.TimeRangeChoice;
import dev.otellab.ui.common.UiExecutors;
import dev.otellab.ui.lab.LabState;
import dev.otellab.ui.shell.ConsoleSettings;
import dev.otellab.ui.shell.ConsoleView;
import dev.otellab.ui.shell.Theme;
import dev.otellab.ui.exercises.ExercisesViewModel;
import dev.otellab.exercises.ExerciseSession;
import dev.otellab.exercises.AnswerVerdict;
import dev.otellab.ui.waterfall.WaterfallRow;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;

import org.awaitility.Awaitility;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * Takes the screenshots in docs/screenshots from a real window (run it under Xvfb, see
 * docs/screenshots/README.md): a real embedded lab is started from the Lab view, traffic with
 * slow and failing requests runs for a while, then each view is captured with
 * {@code scene.snapshot}: Lab, SLIs, Map, the trace search, a {@code POST /api/tasks} waterfall, a
 * failing {@code GET /api/reports/overdue} waterfall with its exception, and the log tail with an
 * ERROR record, each in the light and the dark theme; last the Exercises view after a run of the
 * failing-route exercise (its scenario replaces the traffic), and then each view again in a
 * 1024×700 window ({@code *-1024x700.png}). Add a shot by adding a step to
 * {@link #takeShots}. docs/screenshots/take-screenshots.sh builds and runs it under Xvfb.
 * Arguments: the output folder (default ../../docs/screenshots); the system property
 * {@code shots.trafficSeconds} sets how long traffic runs before the shots (default 180).
 */
public final class LabScreenshotTool {
    // -Dshots.width/-Dshots.height check the views at another window size (e.g. 1024 x 700)
    private static final double WIDTH = Double.parseDouble(System.getProperty("shots.width", "1440"));
    private static final double HEIGHT = Double.parseDouble(System.getProperty("shots.height", "900"));
    private static final double SMALL_WIDTH = 1024;
    private static final double SMALL_HEIGHT = 700;
    private static final int RATE = 20;
    private static final boolean COMPARE_ONLY = "compare".equals(System.getProperty("shots.only"));
    private static final int TRAFFIC_SECONDS = Integer.getInteger("shots.trafficSeconds", 180);
    private static final String TASKS_ROUTE = "POST /api/tasks";
    private static final String ERROR_ROUTE = "GET /api/reports/overdue";

    private final Path out;
    private Stage stage;
    private Console console;

    private LabScreenshotTool(Path out) {
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "../../docs/screenshots").toAbsolutePath().normalize();
        Files.createDirectories(out);
        Path data = Files.createTempDirectory("lab-console-shots");
        DataDirectories directories = new DataDirectories(data.resolve("data"), data.resolve("config"));
        try (EmbeddedLab lab = new EmbeddedLab(new EmbeddedLabSettings(directories, StoreSettings.DEFAULT,
                ReceiverSettings.anyFreePorts(), LabBackendJar.path(), 0, TrafficProfile.DEFAULT))) {
            CompletableFuture<Void> started = new CompletableFuture<>();
            Platform.startup(() -> started.complete(null));
            started.get();
            new LabScreenshotTool(out).takeShots(lab, directories);
        } finally {
            Platform.exit();
        }
        System.exit(0);
    }

    private void takeShots(EmbeddedLab lab, DataDirectories directories) throws Exception {
        UiExecutors executors = UiExecutors.forWindow();
        fx(() -> {
            console = Console.create(ConsoleLauncher.services(lab, directories), executors, ConsoleSettings.DEFAULT);
            stage = new Stage();
            stage.setTitle("OTel Lab Console");
            stage.setScene(console.window().createScene(WIDTH, HEIGHT));
            // a window manager may offer another size: the shots are always WIDTH x HEIGHT
            stage.setMinWidth(WIDTH);
            stage.setMinHeight(HEIGHT);
            stage.show();
            console.labModel().lifecycle().start();
            return null;
        });
        waitFor("the lab to start", Duration.ofSeconds(90),
                () -> read(() -> console.labModel().lifecycle().stateProperty().get() == LabState.RUNNING));
        fx(() -> {
            console.labModel().traffic().requestsPerSecondProperty().set(RATE);
            console.labModel().traffic().slowPercentProperty().set(10);
            console.labModel().traffic().errorPercentProperty().set(6);
            console.labModel().traffic().startTraffic();
            return null;
        });
        // a few minutes of traffic give the SLI charts a shape
        waitFor(TRAFFIC_SECONDS + " s of traffic", Duration.ofSeconds(TRAFFIC_SECONDS + 60L),
                () -> read(() -> console.labModel().traffic().countsProperty().get().sent() >= (long) RATE * TRAFFIC_SECONDS));

        if (COMPARE_ONLY) {
            // -Dshots.only=compare: only the Compare view (e.g. after a change to it)
            shootCompare("");
            return;
        }
        show(console.lab());
        shoot("lab.png");

        // the SLIs show the lab run's own span by default: no range to choose
        shootSlis("slis.png");
        shootMap("map.png");

        // the same traces in both themes: found once, from the same run
        String tasksTrace = findTrace(TASKS_ROUTE, false, summary -> !summary.hasErrors() && summary.spanCount() >= 3);
        String errorTrace = findTrace(ERROR_ROUTE, true, TraceSummary::hasErrors);
        shootTelemetryViews("", tasksTrace, errorTrace);
        shootCompare("");

        fx(() -> {
            console.shell().themeProperty().set(Theme.DARK);
            return null;
        });
        shootSlis("slis-dark.png");
        shootMap("map-dark.png");
        show(console.lab());
        shoot("lab-dark.png");
        shootTelemetryViews("-dark", tasksTrace, errorTrace);

        // last: the exercise's scenario replaces the traffic and stops it at its end
        shootExercise("failing-route", "/api/tasks", "/api/reports/overdue");

        // the same views in a small laptop's window (light theme), named *-1024x700.png
        shootSmallWindow(tasksTrace, errorTrace);

        fx(() -> {
            console.close();
            stage.close();
            return null;
        });
        executors.shutdown();
    }

    /**
     * The Exercises view after a run of {@code exerciseId}'s scenario: a wrong answer (which shows
     * the first hint), then the right one, in both themes.
     */
    private void shootExercise(String exerciseId, String wrongAnswer, String rightAnswer) throws Exception {
        ExercisesViewModel exercises = console.exerciseModel();
        fx(() -> {
            console.shell().themeProperty().set(Theme.LIGHT);
            exercises.selectedProperty().set(exercises.exercises().stream()
                    .filter(exercise -> exercise.id().equals(exerciseId)).findFirst().orElseThrow());
            console.window().show(console.exercises());
            exercises.startScenario();
            return null;
        });
        waitFor("the scenario of " + exerciseId, Duration.ofSeconds(180),
                () -> read(() -> exercises.stageProperty().get() == ExerciseSession.Stage.READY));
        answer(exercises, wrongAnswer, AnswerVerdict.Outcome.WRONG);
        answer(exercises, rightAnswer, AnswerVerdict.Outcome.CORRECT);
        shoot("exercises.png");
        fx(() -> {
            console.shell().themeProperty().set(Theme.DARK);
            return null;
        });
        shoot("exercises-dark.png");
    }

    private static void answer(ExercisesViewModel exercises, String answer, AnswerVerdict.Outcome expected) throws Exception {
        fx(() -> {
            exercises.answerProperty().set(answer);
            exercises.check();
            return null;
        });
        waitFor("the verdict on " + answer, Duration.ofSeconds(30), () -> read(() -> exercises.feedbackProperty().get() != null
                && exercises.feedbackProperty().get().outcome() == expected));
    }

    /** Each view again at {@link #SMALL_WIDTH}×{@link #SMALL_HEIGHT}; each shot's layout problems are printed. */
    private void shootSmallWindow(String tasksTrace, String errorTrace) throws Exception {
        fx(() -> {
            console.shell().themeProperty().set(Theme.LIGHT);
            stage.setMinWidth(SMALL_WIDTH);
            stage.setMinHeight(SMALL_HEIGHT);
            stage.setWidth(SMALL_WIDTH);
            stage.setHeight(SMALL_HEIGHT);
            return null;
        });
        waitFor("the small window", Duration.ofSeconds(10), () -> read(() -> stage.getScene().getWidth() <= SMALL_WIDTH + 1));
        String suffix = "-" + (int) SMALL_WIDTH + "x" + (int) SMALL_HEIGHT;
        shoot("exercises" + suffix + ".png");
        show(console.lab());
        shoot("lab" + suffix + ".png");
        shootSlis("slis" + suffix + ".png");
        shootTelemetryViews(suffix, tasksTrace, errorTrace);
    }

    /** The SLIs view, freshly queried, with the traces behind the slowest p95 point listed. */
    private void shootSlis(String name) throws Exception {
        SliReport before = fx(() -> console.sliModel().reportProperty().get());
        show(console.slis()); // queries again
        waitFor("SLIs", Duration.ofSeconds(30), () -> read(() -> !console.sliModel().statuses().isEmpty()
                && console.sliModel().reportProperty().get() != null
                && console.sliModel().reportProperty().get() != before));
        fx(() -> {
            // list the traces behind the slowest p95 point, as a click on it does
            SliReport report = console.sliModel().reportProperty().get();
            report.overall().points().stream().filter(SliPoint::hasRequests)
                    .max(Comparator.comparingDouble(SliPoint::p95Millis))
                    .ifPresent(point -> console.sliModel().selectPoint(point.timeUnixNano(), point.p95Millis()));
            return null;
        });
        waitFor("the traces of a point", Duration.ofSeconds(30), () -> read(() -> !console.sliModel().windowTraces().isEmpty()));
        shoot(name);
    }

    /** The Map view over the last 5 minutes, with the traces of its busiest call listed. */
    private void shootMap(String name) throws Exception {
        fx(() -> {
            console.mapModel().timeRangeForm().choiceProperty().set(TimeRangeChoice.LAST_5_MINUTES);
            return null;
        });
        show(console.map()); // queries again
        waitFor("the map", Duration.ofSeconds(30), () -> read(() -> console.mapModel().mapProperty().get() != null
                && !console.mapModel().mapProperty().get().edges().isEmpty()));
        fx(() -> {
            // the call between two services with the most requests (else any), as a click on it selects
            console.mapModel().mapProperty().get().edges().stream()
                    .filter(edge -> !edge.client().equals("user"))
                    .max(Comparator.comparingLong(dev.otellab.telemetry.model.MapEdge::requests))
                    .or(() -> console.mapModel().mapProperty().get().edges().stream().findFirst())
                    .ifPresent(console.mapModel()::selectEdge);
            return null;
        });
        waitFor("the traces of a call", Duration.ofSeconds(30), () -> read(() -> !console.mapModel().edgeTraces().isEmpty()));
        shoot(name);
    }

    /** Traces search, the two waterfalls and the log tail; {@code suffix} names the theme. */
    private void shootTelemetryViews(String suffix, String tasksTrace, String errorTrace) throws Exception {
        // the search as a user opens it: every trace of the last 15 minutes, the scatter above
        search("", false);
        waitFor("trace results", Duration.ofSeconds(30), () -> read(() -> {
            List<TraceSummary> results = console.traces().searchView().table().getItems();
            return results.size() > 20 && results.stream().map(TraceSummary::rootName).distinct().count() > 2
                    && results.stream().anyMatch(TraceSummary::hasErrors);
        }));
        fx(() -> {
            console.traces().searchView().table().getSelectionModel().clearSelection();
            console.traces().searchView().table().scrollTo(0);
            return null;
        });
        shoot("traces" + suffix + ".png");

        // POST /api/tasks: the SERVER span, create_task and its JDBC CLIENT children; an INSERT selected
        openTrace(tasksTrace);
        selectSpan(row -> row.span().kind() == SpanKind.CLIENT && row.span().name().startsWith("INSERT"),
                row -> row.span().name().equals("create_task"));
        shoot("waterfall" + suffix + ".png");

        // a failing request: the span with the exception event selected, its stack trace in the details
        openTrace(errorTrace);
        selectSpan(row -> row.span().isError() && row.span().events().stream()
                        .anyMatch(event -> event.name().equals(SpanEvent.EXCEPTION)),
                row -> row.span().isError());
        // one span only: give the details (and the stack trace's long lines) more of the width
        double divider = setDetailsDivider(0.58);
        scrollDetailsTo(".exception-event");
        shoot("waterfall-error-details" + suffix + ".png");
        setDetailsDivider(divider);

        // the live tail, paused on the newest ERROR record, its details below
        fx(() -> {
            console.logs().restoreState(Map.of("follow", "true"));
            return null;
        });
        show(console.logs());
        TableView<LogRecord> logs = console.logs().table();
        waitFor("log records with an ERROR", Duration.ofSeconds(30), () -> read(() -> logs.getItems().size() > 30
                && logs.getItems().stream().anyMatch(record -> record.severity().compareTo(Severity.ERROR) >= 0)));
        fx(() -> {
            console.logs().restoreState(Map.of("follow", "false"));
            return null;
        });
        fx(() -> {
            int errorRow = -1;
            for (int i = logs.getItems().size() - 1; i >= 0 && errorRow < 0; i--) {
                if (logs.getItems().get(i).severity().compareTo(Severity.ERROR) >= 0) {
                    errorRow = i;
                }
            }
            logs.getSelectionModel().clearAndSelect(errorRow);
            logs.scrollTo(Math.max(0, errorRow - 8));
            return null;
        });
        shoot("logs" + suffix + ".png");
    }

    /**
     * The Compare view: the fastest and the slowest {@value #TASKS_ROUTE} of the run, selected in
     * the results and compared as a user does (the fastest is A).
     */
    private void shootCompare(String suffix) throws Exception {
        findTrace(TASKS_ROUTE, false, summary -> summary.spanCount() >= 3);
        fx(() -> {
            TableView<TraceSummary> table = console.traces().searchView().table();
            List<TraceSummary> results = table.getItems().stream().filter(summary -> summary.spanCount() >= 3).toList();
            TraceSummary fastest = results.stream().min(Comparator.comparingLong(TraceSummary::durationNanos)).orElseThrow();
            TraceSummary slowest = results.stream().max(Comparator.comparingLong(TraceSummary::durationNanos)).orElseThrow();
            table.getSelectionModel().clearSelection();
            table.getSelectionModel().select(fastest);
            table.getSelectionModel().select(slowest);
            return null;
        });
        if (COMPARE_ONLY) {
            shoot("compare-results" + suffix + ".png"); // the two rows selected, Compare and Export… enabled
        }
        fx(() -> {
            ((javafx.scene.control.Button) stage.getScene().lookup("#results-compare")).fire();
            return null;
        });
        waitFor("the comparison", Duration.ofSeconds(30), () -> read(() -> console.traces().showsComparison()
                && console.compareModel().diffProperty().get() != null));
        shoot("compare" + suffix + ".png");
        fx(() -> {
            console.traces().closeComparison();
            return null;
        });
        if (COMPARE_ONLY) {
            // the waterfall's top bar with Export… and Compare with…
            String slowest = fx(() -> console.compareModel().diffProperty().get().traceIdB());
            openTrace(slowest);
            shoot("compare-waterfall" + suffix + ".png");
        }
    }

    /** Searches the last 15 minutes for traces of {@code route} and returns the newest that fits. */
    private String findTrace(String route, boolean errorsOnly, java.util.function.Predicate<TraceSummary> fits) throws Exception {
        search(route, errorsOnly);
        try {
            waitFor("a " + route + " trace", Duration.ofSeconds(30), () -> read(() -> {
                List<TraceSummary> results = console.traces().searchView().table().getItems();
                return !results.isEmpty() && results.stream().allMatch(summary -> summary.rootName().equals(route))
                        && results.stream().anyMatch(fits);
            }));
        } catch (RuntimeException notFound) {
            System.err.println("No " + route + " trace; the search found: " + fx(() -> console.traces().searchView()
                    .table().getItems().stream().limit(20)
                    .map(summary -> summary.rootService() + " '" + summary.rootName() + "' spans=" + summary.spanCount()
                            + " errors=" + summary.errorCount())
                    .toList()));
            throw notFound;
        }
        return fx(() -> {
            List<TraceSummary> results = console.traces().searchView().table().getItems();
            // the one with the most spans among the newest that fit: all children there
            return results.stream().filter(fits).limit(20)
                    .max(Comparator.comparingInt(TraceSummary::spanCount)).orElseThrow().traceId();
        });
    }

    /** Sets the search form (last 15 minutes, span name, errors only) and searches, as the Search button does. */
    private void search(String spanName, boolean errorsOnly) throws Exception {
        fx(() -> {
            Map<String, String> form = new LinkedHashMap<>(console.traces().saveState());
            form.put("service", "");
            form.put("spanName", spanName);
            form.put("minDuration", "");
            form.put("maxDuration", "");
            form.put("errorsOnly", Boolean.toString(errorsOnly));
            form.put("attributes", "");
            form.put("range", TimeRangeChoice.LAST_15_MINUTES.name());
            form.put("autoRefresh", "false");
            console.traces().restoreState(form);
            console.window().show(console.traces());
            console.traces().showResults();
            console.traces().refresh();
            return null;
        });
    }

    /** Opens the trace's waterfall through the shell's Navigator, as a click on a trace id does. */
    private void openTrace(String traceId) throws Exception {
        fx(() -> {
            console.window().showTrace(traceId);
            return null;
        });
        ListView<WaterfallRow> rows = console.traces().waterfallView().rowList();
        waitFor("the waterfall of " + traceId, Duration.ofSeconds(30), () -> read(() -> !rows.getItems().isEmpty()
                && rows.getItems().get(0).span().traceId().equals(traceId)));
    }

    /** Selects the first row that fits {@code wanted}, else the first that fits {@code fallback}. */
    private void selectSpan(java.util.function.Predicate<WaterfallRow> wanted,
            java.util.function.Predicate<WaterfallRow> fallback) throws Exception {
        fx(() -> {
            ListView<WaterfallRow> rows = console.traces().waterfallView().rowList();
            Optional<WaterfallRow> row = rows.getItems().stream().filter(wanted).findFirst()
                    .or(() -> rows.getItems().stream().filter(fallback).findFirst());
            row.ifPresent(found -> {
                rows.getSelectionModel().select(found);
                rows.scrollTo(Math.max(0, rows.getItems().indexOf(found) - 3));
            });
            return null;
        });
    }

    /** Moves the divider between the waterfall and the span details, as a drag does; returns where it was. */
    private double setDetailsDivider(double position) throws Exception {
        return fx(() -> {
            SplitPane split = (SplitPane) console.traces().waterfallView().lookup(".split-pane");
            if (split == null || split.getDividers().isEmpty()) {
                return position;
            }
            double was = split.getDividers().get(0).getPosition();
            split.setDividerPositions(position);
            return was;
        });
    }

    /** Scrolls the span details so that the node matching {@code selector} (the exception event) starts near the top. */
    private void scrollDetailsTo(String selector) throws Exception {
        Thread.sleep(500);
        fx(() -> null);
        fx(() -> {
            Scene scene = stage.getScene();
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            ScrollPane details = (ScrollPane) scene.lookup("#span-details");
            Node target = details == null ? null : details.getContent().lookup(selector);
            if (target != null) {
                double contentHeight = details.getContent().getBoundsInLocal().getHeight();
                double viewportHeight = details.getViewportBounds().getHeight();
                double y = details.getContent().sceneToLocal(target.localToScene(0, 0)).getY();
                // the "Events" heading above the event stays in view
                double top = Math.max(0, y - 40);
                if (contentHeight > viewportHeight) {
                    details.setVvalue(Math.min(1, top / (contentHeight - viewportHeight))
                            * (details.getVmax() - details.getVmin()) + details.getVmin());
                }
            }
            return null;
        });
    }

    private void show(ConsoleView view) throws Exception {
        fx(() -> {
            console.window().show(view);
            return null;
        });
    }

    private void shoot(String name) throws Exception {
        // let queries that just finished reach the views, then two runs of the FX thread: the first
        // lays out what changed, the second paints it
        Thread.sleep(1000);
        fx(() -> null);
        fx(() -> null);
        WritableImage image = fx(() -> {
            Scene scene = stage.getScene();
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            return scene.snapshot(null);
        });
        fx(() -> LayoutProblems.in(stage.getScene())).forEach(problem -> System.out.println("  layout (" + name + "): " + problem));
        Path file = out.resolve(name);
        try {
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("wrote " + file);
    }

    private static void waitFor(String what, Duration limit, BooleanSupplier condition) {
        Awaitility.await(what).atMost(limit).pollInterval(Duration.ofMillis(250)).until(condition::getAsBoolean);
    }

    private static boolean read(Callable<Boolean> check) {
        try {
            return fx(check);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T fx(Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result.get();
    }
}
