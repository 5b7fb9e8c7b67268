package dev.otellab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ExercisesCommandTest {
    private static final String EXERCISE = """
            id: team-route
            title: Our team's route
            topic: slis
            scenario: {duration: 20s, requestsPerSecond: 5, failingPercent: 10}
            question: Which route fails?
            answer: {kind: route}
            """;

    @TempDir
    Path dir;

    @Test
    void listsTheBuiltInAndTheTrainersExercisesAndFailsOnAFileThatCannotBeUsed() throws Exception {
        Files.writeString(dir.resolve("team.yaml"), EXERCISE);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int fine = LabConsole.run(new PrintWriter(out), new PrintWriter(err), "exercises", "list",
                "--exercises-dir", dir.toString(), "--data-dir", dir.resolve("data").toString());

        assertThat(fine).isZero();
        assertThat(out.toString()).contains("failing-route", "log-to-trace", "team-route", "Our team's route",
                dir.resolve("team.yaml").toString(), "Trainer's folder: " + dir);
        assertThat(err.toString()).isEmpty();

        Files.writeString(dir.resolve("typo.yaml"), EXERCISE.replace("question:", "qestion:"));
        StringWriter problems = new StringWriter();
        int failed = LabConsole.run(new PrintWriter(new StringWriter()), new PrintWriter(problems), "exercises", "list",
                "--exercises-dir", dir.toString());

        assertThat(failed).isEqualTo(1);
        assertThat(problems.toString()).contains("Not loaded: " + dir.resolve("typo.yaml"))
                .contains("unknown field 'qestion'");
    }
}
