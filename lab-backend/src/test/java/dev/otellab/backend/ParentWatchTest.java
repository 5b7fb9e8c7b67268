package dev.otellab.backend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otellab.backend.support.ChildBackend;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Main in its own JVM, started with a parent to watch: it ends when that parent is killed. */
class ParentWatchTest {

  @TempDir Path dir;

  @Test
  void endsWhenTheParentIsKilled() throws Exception {
    Process parent = new ProcessBuilder("sleep", "600").start();
    try (ChildBackend child =
        ChildBackend.launch(
            dir,
            Map.of(
                "LAB_PORT", "0",
                "LAB_DB", dir.resolve("tasks.db").toString(),
                "OTEL_SDK_DISABLED", "true",
                ParentWatch.PARENT_PID_VARIABLE, Long.toString(parent.pid())))) {
      child.awaitListeningPort();

      parent.destroyForcibly(); // SIGKILL, as a console killed with -9

      assertThat(child.awaitExit()).isEqualTo(ParentWatch.EXIT_PARENT_GONE);
      assertThat(String.join("\n", child.stderr()))
          .contains("the process that started it (" + parent.pid() + ") is gone");
    } finally {
      parent.destroyForcibly();
    }
  }

  @Test
  void aParentPidThatIsNotANumberIsASettingsError() throws Exception {
    try (ChildBackend child =
        ChildBackend.launch(
            dir,
            Map.of("LAB_DB", dir.resolve("tasks.db").toString(), ParentWatch.PARENT_PID_VARIABLE, "console"))) {
      assertThat(child.awaitExit()).isEqualTo(2);
      assertThat(String.join("\n", child.stderr())).contains("OTEL_LAB_PARENT_PID must be a process id, was 'console'");
    }
  }

  @Test
  void withoutTheVariableNothingIsWatched() {
    assertThat(ParentWatch.startFromEnvironment(Map.of(), "test")).isEmpty();
  }
}
