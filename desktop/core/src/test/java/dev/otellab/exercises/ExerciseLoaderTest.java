package dev.otellab.exercises;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class ExerciseLoaderTest {
    private static final String TRAINER_EXERCISE = """
            id: cpu-hog
            title: Who burns the CPU?
            topic: traces
            description: One route does real work.
            scenario:
              duration: 20s
              requestsPerSecond: 4
              workPercent: 25
              workTime: 300ms
            question: Which span is the slowest child of the slowest trace?
            answer:
              kind: span-name
            hints:
              - Sort the traces by duration.
            """;

    @TempDir
    Path dir;

    private final ExerciseLoader loader = new ExerciseLoader();

    @Test
    void theBuiltInExercisesCoverTracesLogsSlisAndCorrelation() {
        List<Exercise> builtIn = loader.builtIn();

        assertThat(builtIn).hasSizeGreaterThanOrEqualTo(5);
        assertThat(builtIn).extracting(Exercise::topic).contains(Topic.TRACES, Topic.LOGS, Topic.SLIS, Topic.CORRELATION);
        assertThat(builtIn).extracting(Exercise::id).doesNotHaveDuplicates();
        assertThat(builtIn).<Class<?>>extracting(exercise -> exercise.answer().getClass()).contains(SloRouteChecker.class,
                TraceIdChecker.class, SlowestChildChecker.class, LogLineChecker.class, SliNumberChecker.class);
        assertThat(builtIn).allSatisfy(exercise -> {
            assertThat(exercise.source()).isEqualTo(Exercise.BUILT_IN);
            assertThat(exercise.hints()).isNotEmpty();
            assertThat(exercise.scenario().plan().length()).isEqualTo(exercise.scenario().duration());
        });
        Exercise burst = builtIn.stream().filter(exercise -> exercise.scenario().burst() != null).findFirst().orElseThrow();
        assertThat(burst.scenario().plan().phases()).hasSize(3);
    }

    @Test
    void aTrainersFileIsAddedAfterTheBuiltInOnesAndMayReplaceOne() throws Exception {
        Files.writeString(dir.resolve("cpu-hog.yaml"), TRAINER_EXERCISE);
        Files.writeString(dir.resolve("my-failing-route.yml"), TRAINER_EXERCISE.replace("id: cpu-hog", "id: failing-route")
                .replace("title: Who burns the CPU?", "title: Our own failing route"));
        Files.writeString(dir.resolve("notes.txt"), "not an exercise");

        ExerciseCatalog catalog = loader.load(dir);

        assertThat(catalog.problems()).isEmpty();
        Exercise added = catalog.find("cpu-hog").orElseThrow();
        assertThat(added.source()).isEqualTo(dir.resolve("cpu-hog.yaml").toString());
        assertThat(added.topic()).isEqualTo(Topic.TRACES);
        assertThat(added.scenario().profile().workShare()).isEqualTo(0.25);
        assertThat(added.scenario().profile().workTime()).isEqualTo(Duration.ofMillis(300));
        assertThat(added.answer()).isInstanceOf(SlowestChildChecker.class);
        assertThat(catalog.find("failing-route").orElseThrow().description()).isEqualTo("One route does real work.");
        assertThat(catalog.exercises().get(catalog.exercises().size() - 1)).isEqualTo(added);
        assertThat(catalog.find("failing-route").orElseThrow().title()).isEqualTo("Our own failing route");
        assertThat(catalog.exercises()).hasSize(loader.builtIn().size() + 1);
    }

    @Test
    void eachMalformedFileIsReportedWithItsReasonAndTheOthersStillLoad() throws Exception {
        Map<String, String> broken = Map.of(
                "a-unknown-field.yaml", TRAINER_EXERCISE.replace("requestsPerSecond: 4", "requestsPerSecnd: 4"),
                "b-unknown-kind.yaml", TRAINER_EXERCISE.replace("kind: span-name", "kind: colour"),
                "c-bad-duration.yaml", TRAINER_EXERCISE.replace("duration: 20s", "duration: twenty"),
                "d-shares.yaml", TRAINER_EXERCISE.replace("workPercent: 25", "workPercent: 80\n  failingPercent: 30"),
                "e-not-yaml.yaml", "id: [unclosed\n  title: x",
                "f-empty.yaml", "  \n",
                "g-no-question.yaml", TRAINER_EXERCISE.replace("question: Which span is the slowest child of the slowest trace?\n", ""),
                "h-topic.yaml", TRAINER_EXERCISE.replace("topic: traces", "topic: metrics"),
                "j-colon.yaml", TRAINER_EXERCISE.replace("- Sort the traces by duration.", "- Sort the traces: by duration."),
                "i-burst.yaml", TRAINER_EXERCISE.replace("  workTime: 300ms", "  workTime: 300ms\n  burst: {after: 15s, length: 10s, requestsPerSecond: 30}"));
        for (Map.Entry<String, String> file : broken.entrySet()) {
            Files.writeString(dir.resolve(file.getKey()), file.getValue());
        }
        Files.writeString(dir.resolve("z-good.yaml"), TRAINER_EXERCISE);

        ExerciseCatalog catalog = loader.load(dir);

        assertThat(catalog.find("cpu-hog")).isPresent();
        Map<String, String> reasons = catalog.problems().stream().collect(Collectors.toMap(
                problem -> Path.of(problem.source()).getFileName().toString(), LoadProblem::reason));
        assertThat(reasons).containsOnlyKeys(broken.keySet());
        assertThat(reasons.get("a-unknown-field.yaml"))
                .contains("scenario: unknown field 'requestsPerSecnd'").contains("requestsPerSecond");
        assertThat(reasons.get("b-unknown-kind.yaml")).contains("answer kind must be one of: route, trace-id, span-name, log-text, number");
        assertThat(reasons.get("c-bad-duration.yaml")).contains("scenario.duration").contains("'twenty' is not a duration");
        assertThat(reasons.get("d-shares.yaml")).contains("add up to more than 100%");
        assertThat(reasons.get("e-not-yaml.yaml")).contains("not valid YAML");
        assertThat(reasons.get("f-empty.yaml")).isEqualTo("the file is empty");
        assertThat(reasons.get("g-no-question.yaml")).contains("needs a question");
        assertThat(reasons.get("h-topic.yaml")).contains("'metrics' is not one of: traces, logs, slis, correlation");
        assertThat(reasons.get("i-burst.yaml")).contains("does not fit");
        assertThat(reasons.get("j-colon.yaml")).contains("hints[0]").contains("put text that contains one in quotes");
        assertThat(catalog.problems()).allSatisfy(problem -> assertThat(problem.reason()).doesNotContain("dev.otellab"));
    }

    @Test
    void aDescriptionsLineBreaksAreJoinedAndItsBlankLinesKeptAsParagraphs() throws Exception {
        Exercise exercise = loader.parse(TRAINER_EXERCISE.replace("description: One route does real work.",
                "description: |\n  One route\n  does real work.\n\n  Find it."), "test");

        assertThat(exercise.description()).isEqualTo("One route does real work.\n\nFind it.");
    }

    @Test
    void twoTrainerFilesWithOneIdKeepTheFirstAndReportTheSecond() throws Exception {
        Files.writeString(dir.resolve("one.yaml"), TRAINER_EXERCISE);
        Files.writeString(dir.resolve("two.yaml"), TRAINER_EXERCISE);

        ExerciseCatalog catalog = loader.load(dir);

        assertThat(catalog.find("cpu-hog").orElseThrow().source()).endsWith("one.yaml");
        assertThat(catalog.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.source()).endsWith("two.yaml");
            assertThat(problem.reason()).contains("already used by").contains("one.yaml");
        });
    }

    @Test
    void aMissingTrainerFolderMeansTheBuiltInExercisesOnly() {
        ExerciseCatalog catalog = loader.load(dir.resolve("no-such-folder"));

        assertThat(catalog.problems()).isEmpty();
        assertThat(catalog.exercises()).hasSize(loader.builtIn().size());
    }
}
