package dev.otellab.ui.lab;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BackendOutputLineTest {

    @Test
    void aJsonLogLineReadsAsTimeLevelMessageFieldsAndTrace() {
        String raw = "{\"timestamp\":\"2026-11-25T10:02:14.065Z\",\"level\":\"INFO\",\"logger\":\"dev.otellab.backend.Main\","
                + "\"thread\":\"main\",\"message\":\"Request completed\",\"trace_id\":\"5b8efff798038103d269b633813fc60c\","
                + "\"span_id\":\"d269b633813fc60c\",\"trace_flags\":\"01\",\"method\":\"GET\",\"route\":\"/api/tasks\",\"status\":200}";

        String line = BackendOutputLine.format(raw);

        assertThat(line).isEqualTo("10:02:14.065 INFO  Request completed  method=GET route=/api/tasks status=200"
                + "  trace=5b8efff798038103d269b633813fc60c");
        assertThat(BackendOutputLine.levelOf(line)).isEqualTo(BackendOutputLine.Level.OTHER);
    }

    @Test
    void errorsKeepTheFirstLineOfTheirExceptionAndAreMarked() {
        String raw = "{\"timestamp\":\"2026-11-25T10:02:14.065Z\",\"level\":\"ERROR\",\"message\":\"Simulated failure\","
                + "\"exception\":\"java.lang.IllegalStateException: boom\\n\\tat dev.otellab.X.y(X.java:1)\"}";

        String line = BackendOutputLine.format(raw);

        assertThat(line).isEqualTo("10:02:14.065 ERROR Simulated failure  java.lang.IllegalStateException: boom");
        assertThat(BackendOutputLine.levelOf(line)).isEqualTo(BackendOutputLine.Level.ERROR);
    }

    @Test
    void linesThatAreNotJsonLogRecordsStayAsTheyAre() {
        assertThat(BackendOutputLine.format("SEVERE: Failed to export 1 logs.")).isEqualTo("SEVERE: Failed to export 1 logs.");
        assertThat(BackendOutputLine.format("{not json")).isEqualTo("{not json");
        assertThat(BackendOutputLine.format("{\"a\":1}")).isEqualTo("{\"a\":1}");
        assertThat(BackendOutputLine.levelOf("SEVERE: Failed to export 1 logs.")).isEqualTo(BackendOutputLine.Level.ERROR);
        assertThat(BackendOutputLine.levelOf("WARNING: queue full")).isEqualTo(BackendOutputLine.Level.WARN);
    }

    @Test
    void aTaggedLineNamesItsServiceAfterTheLevelAndKeepsItsTrace() {
        String raw = "lab-web | {\"timestamp\":\"2026-11-25T10:02:14.065Z\",\"level\":\"WARN\",\"message\":\"Request completed\","
                + "\"trace_id\":\"5b8efff798038103d269b633813fc60c\",\"status\":502}";

        String line = BackendOutputLine.format(raw);

        assertThat(line).isEqualTo("10:02:14.065 WARN  lab-web     Request completed  status=502"
                + "  trace=5b8efff798038103d269b633813fc60c");
        assertThat(BackendOutputLine.levelOf(line)).isEqualTo(BackendOutputLine.Level.WARN);
        assertThat(BackendOutputLine.format("lab-backend | Picked up JAVA_TOOL_OPTIONS"))
                .isEqualTo("lab-backend | Picked up JAVA_TOOL_OPTIONS");
    }
}
