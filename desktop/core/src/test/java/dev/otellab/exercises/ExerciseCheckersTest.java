package dev.otellab.exercises;

import dev.otellab.config.DataDirectories;
import dev.otellab.lab.embedded.EmbeddedLab;
import dev.otellab.lab.embedded.EmbeddedLabSettings;
import dev.otellab.lab.embedded.LabBackendJar;
import dev.otellab.lab.traffic.TrafficCounts;
import dev.otellab.lab.traffic.TrafficProfile;
import dev.otellab.telemetry.embedded.StoreSettings;
import dev.otellab.telemetry.embedded.receiver.ReceiverSettings;
import dev.otellab.telemetry.model.Severity;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.exercises.ExerciseSession.Feedback;
import dev.otellab.exercises.ExerciseSession.Stage;
import dev.otellab.exercises.AnswerVerdict.Outcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every answer kind against real telemetry: a real embedded lab (receiver, store, lab-backend
 * and lab-web child processes, the scenario's traffic going through lab-web) plays one scenario with a failing route, CPU work over the latency objective,
 * slow requests under it and a burst. Besides the scenario's traffic the test sends two requests
 * of its own with a W3C traceparent, so it knows their trace ids without asking the store: one
 * that fails and one that is slower than anything else.
 */
class ExerciseCheckersTest {
    // slowPercent 20: ~54 slow-route requests, so the test's own 1.5 s request is never the route's
    // p95 (with 10 % about one run in twenty had under 20 of them, and p95 was that request)
    private static final String SCENARIO = """
            id: checkers
            title: All the checkers
            topic: slis
            scenario:
              duration: 16s
              requestsPerSecond: 10
              failingPercent: 10
              slowPercent: 20
              slowDelay: 150ms
              workPercent: 5
              workTime: 650ms
              burst: {after: 2s, length: 11s, requestsPerSecond: 20}
            question: Which route breaks the availability objective?
            answer:
              kind: route
              objective: availability
            hints:
              - Look at the SLO table.
              - Red means broken.
            """;

    @TempDir
    static Path dir;

    private static EmbeddedLab lab;
    private static ExerciseSession session;
    private static ExerciseTelemetry telemetry;
    private static Feedback earlyCheck;
    private static Stage earlyStage;
    private static String failingTrace;
    private static String slowestTrace;
    private static TrafficCounts before;

    @BeforeAll
    static void playTheScenarioOnARealLab() throws Exception {
        DataDirectories directories = new DataDirectories(dir.resolve("data"), dir.resolve("config"));
        lab = new EmbeddedLab(new EmbeddedLabSettings(directories, StoreSettings.DEFAULT, ReceiverSettings.anyFreePorts(),
                LabBackendJar.path(), 0, TrafficProfile.DEFAULT));
        lab.start();
        Exercise exercise = new ExerciseLoader().parse(SCENARIO, "test");
        before = lab.traffic().orElseThrow().counts();
        session = ExerciseSession.start(exercise, lab, Clock.systemUTC());
        earlyStage = session.progress().stage();
        earlyCheck = session.check("/api/reports/overdue");

        URI backend = lab.backendUrl().orElseThrow();
        failingTrace = newTraceId();
        slowestTrace = newTraceId();
        assertThat(send(backend.resolve("/api/reports/overdue"), failingTrace)).isEqualTo(500);
        assertThat(send(backend.resolve("/api/simulate-slow?delay=1.5"), slowestTrace)).isEqualTo(200);

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> session.progress().stage() == Stage.READY);
        telemetry = session.telemetry();
    }

    @AfterAll
    static void stopTheLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void theFailureLabWebAnswered502ForBeganInTheLabBackendSpanWithTheException() {
        FailureOriginChecker checker = new FailureOriginChecker(null);

        AnswerVerdict right = checker.check("lab-backend / GET /api/reports/overdue", telemetry);
        AnswerVerdict passedOn = checker.check("lab-web / GET /api/reports/overdue", telemetry);

        assertThat(right.outcome()).as(right.message()).isEqualTo(Outcome.CORRECT);
        assertThat(checker.check("  LAB-BACKEND /  GET /api/reports/overdue ", telemetry).outcome()).isEqualTo(Outcome.CORRECT);
        assertThat(passedOn.outcome()).isEqualTo(Outcome.WRONG);
        assertThat(passedOn.message()).contains("only reports the failure of a span below it");
        assertThat(checker.choices(telemetry)).extracting(AnswerChoice::value)
                .contains("lab-backend / GET /api/reports/overdue", "lab-web / GET /api/reports/overdue");
    }

    @Test
    void theHopThatAddsTheLatencyOfTheWorkIsLabBackend() {
        SlowestHopChecker checker = new SlowestHopChecker("synthetic_work");

        AnswerVerdict right = checker.check("lab-backend", telemetry);
        AnswerVerdict front = checker.check("lab-web", telemetry);

        assertThat(right.outcome()).as(right.message()).isEqualTo(Outcome.CORRECT);
        assertThat(right.message()).startsWith("lab-backend spent").contains("lab-web");
        assertThat(front.outcome()).isEqualTo(Outcome.WRONG);
        assertThat(front.message()).contains("lab-web spent only");
        assertThat(checker.check("lab-database", telemetry).message()).startsWith("No service named lab-database");
        assertThat(checker.choices(telemetry)).extracting(AnswerChoice::value).contains("lab-web", "lab-backend");
    }

    @Test
    void beforeTheScenarioEndsNothingIsJudged() {
        assertThat(earlyStage).isEqualTo(Stage.RUNNING);
        assertThat(earlyCheck.outcome()).isEqualTo(Outcome.NOT_READY);
        assertThat(earlyCheck.message()).contains("Scenario running").contains("s left");
    }

    @Test
    void theRouteThatBreaksAnObjectiveIsTheOneTheScenarioMadeFailOrSlow() {
        SloRouteChecker availability = new SloRouteChecker(SloRouteChecker.Objective.AVAILABILITY, null, null);
        assertThat(availability.check("/api/reports/overdue", telemetry).outcome()).isEqualTo(Outcome.CORRECT);
        assertThat(availability.check("GET /api/reports/overdue/", telemetry).outcome()).isEqualTo(Outcome.CORRECT);
        AnswerVerdict healthy = availability.check("/api/tasks", telemetry);
        assertThat(healthy.outcome()).isEqualTo(Outcome.WRONG);
        assertThat(healthy.message()).contains("meets its availability objective");
        assertThat(availability.check("/api/nothing", telemetry).message()).contains("No request to /api/nothing");
        assertThat(availability.choices(telemetry)).extracting(AnswerChoice::value)
                .contains("/api/reports/overdue", "/api/simulate-slow", "/api/work", "/api/tasks");

        SloRouteChecker latency = new SloRouteChecker(SloRouteChecker.Objective.LATENCY, null, null);
        assertThat(latency.check("/api/work", telemetry).outcome()).isEqualTo(Outcome.CORRECT);
        assertThat(latency.check("/api/simulate-slow", telemetry).outcome()).as("150 ms is within 500 ms").isEqualTo(Outcome.WRONG);
    }

    @Test
    void theTraceOfTheFailingRequestIsAcceptedAndOthersAreExplained() {
        TraceIdChecker checker = new TraceIdChecker(true, true);
        assertThat(checker.check(failingTrace, telemetry).outcome()).isEqualTo(Outcome.CORRECT);
        assertThat(checker.check("  " + failingTrace.toUpperCase() + "  GET /api/reports/overdue", telemetry).outcome())
                .isEqualTo(Outcome.CORRECT);
        AnswerVerdict slow = checker.check(slowestTrace, telemetry);
        assertThat(slow.outcome()).isEqualTo(Outcome.WRONG);
        assertThat(slow.message()).contains("did not fail");
        assertThat(checker.check(newTraceId(), telemetry).message()).contains("No trace with the id");
        assertThat(checker.check("not-an-id", telemetry).message()).contains("32 hexadecimal characters");
        assertThat(checker.choices(telemetry)).isNotEmpty();
    }

    @Test
    void theSlowestChildIsTakenFromTheSlowestTrace() {
        SlowestChildChecker checker = new SlowestChildChecker(null);
        AnswerVerdict right = checker.check("simulate_slow", telemetry);
        assertThat(right.outcome()).as(right.message()).isEqualTo(Outcome.CORRECT);
        assertThat(right.message()).contains("GET /api/simulate-slow");
        assertThat(checker.check("synthetic_work", telemetry).message()).contains("No span named synthetic_work");
        assertThat(checker.choices(telemetry)).extracting(AnswerChoice::value)
                .contains("simulate_slow", "synthetic_work", "create_task", "list_tasks");

        SlowestChildChecker amongWork = new SlowestChildChecker("synthetic_work");
        assertThat(amongWork.check("synthetic_work", telemetry).outcome()).isEqualTo(Outcome.CORRECT);
    }

    @Test
    void aLogLineIsFoundWhenTheTextOnlyTheFailingRequestsLineHas() {
        LogLineChecker checker = new LogLineChecker(Severity.ERROR);
        assertThat(checker.check("Request failed", telemetry).outcome()).isEqualTo(Outcome.CORRECT);
        assertThat(checker.check("report renderer is down", telemetry).outcome()).isEqualTo(Outcome.CORRECT);
        AnswerVerdict everywhere = checker.check("Incoming request", telemetry);
        assertThat(everywhere.outcome()).isEqualTo(Outcome.WRONG);
        assertThat(everywhere.message()).contains("but not in the ERROR line");
        assertThat(checker.check("/api/reports/overdue", telemetry).message()).contains("but also in");
        assertThat(checker.check("no line says this", telemetry).message()).contains("No log line of the scenario");
        assertThat(checker.check("Re", telemetry).message()).contains("at least 4 characters");
    }

    @Test
    void numbersAreReadFromTheSlisWithinTheTolerance() {
        SliNumberChecker peak = new SliNumberChecker(SliNumberChecker.Measure.PEAK_REQUEST_RATE, null, 25.0);
        assertThat(peak.check("20", telemetry).outcome()).as("the burst's rate").isEqualTo(Outcome.CORRECT);
        assertThat(peak.check("21.5 req/s", telemetry).outcome()).isEqualTo(Outcome.CORRECT);
        AnswerVerdict base = peak.check("10", telemetry);
        assertThat(base.outcome()).as("the rate before the burst").isEqualTo(Outcome.WRONG);
        assertThat(base.message()).contains("too low");
        assertThat(peak.check("lots", telemetry).message()).contains("Enter a number");

        TrafficCounts sent = lab.traffic().orElseThrow().counts();
        long answered = sent.succeeded() + sent.clientErrors() + sent.serverErrors()
                - before.succeeded() - before.clientErrors() - before.serverErrors();
        SliNumberChecker requests = new SliNumberChecker(SliNumberChecker.Measure.REQUESTS, null, 5.0);
        AnswerVerdict counted = requests.check(Long.toString(answered), telemetry);
        assertThat(counted.outcome()).as(counted.message()).isEqualTo(Outcome.CORRECT);
        assertThat(requests.check(Long.toString(answered * 2), telemetry).message()).contains("too high");
    }

    @Test
    void aWrongAnswerUnlocksTheHintsOneByOne() {
        Feedback wrong = session.check("/api/tasks");
        assertThat(wrong.outcome()).isEqualTo(Outcome.WRONG);
        assertThat(wrong.hint()).isNotEmpty();
        assertThat(session.check("/api/reports/overdue").outcome()).isEqualTo(Outcome.CORRECT);
        assertThat(session.hintsShown()).contains(wrong.hint());
    }

    @Test
    void withoutTelemetryEveryCheckerSaysItCannotJudgeYet() {
        ExerciseTelemetry empty = new ExerciseTelemetry(lab.traces(), lab.logs(), lab.slis(), telemetry.service(),
                new TimeRange(1_000, 2_000));
        for (AnswerChecker checker : new AnswerChecker[] {
                new SloRouteChecker(null, null, null), new TraceIdChecker(null, null), new SlowestChildChecker(null),
                new LogLineChecker(null), new SliNumberChecker(SliNumberChecker.Measure.REQUESTS, null, null)}) {
            assertThat(checker.check("/api/tasks", empty).outcome()).as(checker.toString()).isEqualTo(Outcome.NOT_READY);
        }
    }

    private static String newTraceId() {
        byte[] id = new byte[16];
        new SecureRandom().nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    /** A request that continues the given trace (lab-backend follows W3C trace context). */
    private static int send(URI url, String traceId) throws Exception {
        String parent = "00-" + traceId + "-" + newTraceId().substring(0, 16) + "-01";
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(url).header("traceparent", parent).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode();
    }
}
