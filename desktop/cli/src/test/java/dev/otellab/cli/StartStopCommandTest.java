package dev.otellab.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** `lab-console start` and `stop` for the embedded lab: a headless lab in its own process, stopped from another. */
class StartStopCommandTest {
    @TempDir
    Path dataDir;

    private Process lab;

    @AfterEach
    void stopLeftovers() throws InterruptedException {
        if (lab != null && lab.isAlive()) {
            lab.destroy(); // SIGTERM: the lab stops lab-backend too; SIGKILL would orphan it
            if (!lab.waitFor(60, TimeUnit.SECONDS)) {
                lab.destroyForcibly();
            }
        }
    }

    @Test
    void stopEndsTheLabThatStartRuns() throws Exception {
        startLabProcess();
        assertThat(dataDir.resolve(LabPidFile.FILE_NAME)).exists();
        await().atMost(Duration.ofSeconds(60)).until(() -> CliRun.run(dataDir, "traces").out().contains("lab-backend"));

        CliRun stop = CliRun.run(dataDir, "stop");

        assertThat(stop.exitCode()).as(stop.err()).isZero();
        assertThat(stop.out()).contains("Stopped the embedded lab (process " + lab.pid() + ")");
        assertThat(lab.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(lab.exitValue()).isIn(0, 143);
        assertThat(dataDir.resolve(LabPidFile.FILE_NAME)).doesNotExist();
    }

    @Test
    void stopWithNothingRunningSaysSo() throws Exception {
        Files.writeString(dataDir.resolve(LabPidFile.FILE_NAME), "999999999");

        CliRun stop = CliRun.run(dataDir, "stop");

        assertThat(stop.exitCode()).isZero();
        assertThat(stop.out()).contains("No embedded lab is running for " + dataDir);
    }

    @Test
    void aRemoteStackIsNotTheConsolesToStartOrStop() {
        assertThat(CliRun.run(dataDir, "start", "--mode", "remote").exitCode()).isEqualTo(2);
        assertThat(CliRun.run(dataDir, "stop", "--mode", "remote").err()).contains("nothing to stop");
        assertThat(CliRun.run(dataDir, "start", "--mode", "cloud").err()).contains("'cloud' is not a mode");
    }

    private void startLabProcess() throws Exception {
        HeadlessLabProcess started = HeadlessLabProcess.start(dataDir, "start");
        lab = started.process;
    }
}
