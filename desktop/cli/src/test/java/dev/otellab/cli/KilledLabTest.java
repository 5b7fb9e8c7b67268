package dev.otellab.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** kill -9 of a running `lab-console lab` (a real process): its lab-backend and lab-web children go too. */
class KilledLabTest {
    @TempDir
    Path dataDir;

    private Process lab;
    private List<ProcessHandle> children = List.of();
    private List<String> output = List.of();

    @AfterEach
    void endLeftovers() {
        if (lab != null) {
            lab.destroyForcibly();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void theLabsChildrenEndWhenTheLabIsKilled() throws Exception {
        startLab();
        children = lab.children()
                .filter(process -> process.info().commandLine().orElse("").contains("lab-backend.jar"))
                .toList();
        assertThat(children).as("lab-backend and lab-web; the lab printed: " + output).hasSize(2);
        assertThat(children).anySatisfy(process ->
                assertThat(process.info().commandLine().orElse("")).contains("dev.otellab.web.LabWeb"));

        lab.destroyForcibly(); // SIGKILL: no shutdown hook runs, nothing stops the children on the way out
        assertThat(lab.waitFor(30, TimeUnit.SECONDS)).isTrue();

        await().atMost(Duration.ofSeconds(30)).until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
    }

    private void startLab() throws Exception {
        HeadlessLabProcess started = HeadlessLabProcess.start(dataDir, "lab", "--no-traffic");
        lab = started.process;
        output = started.output;
    }
}
