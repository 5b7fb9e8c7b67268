package dev.otellab.lab.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** A port taken by a stale child of an earlier run, by our own record, or by some other program. */
class StaleChildCheckTest {
    @TempDir
    Path dir;

    private StaleChildCheck check() {
        return new StaleChildCheck(dir.resolve("lab-backend.pid"), "lab-backend", "lab-backend.jar", "--backend-port");
    }

    @Test
    void namesTheProcessHoldingThePortAndHowToEndIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            long self = ProcessHandle.current().pid();

            assertThatThrownBy(() -> check().clearPort("127.0.0.1", port))
                    .isInstanceOf(LabServiceStartException.class)
                    .hasMessageContaining("Port " + port + " on 127.0.0.1 is already in use by process " + self)
                    .hasMessageContaining("End it with `kill " + self + "`")
                    .hasMessageContaining("--backend-port");
            assertThat(taken.isClosed()).isFalse();
        }
    }

    @Test
    void endsALabBackendThatAnEarlierRunLeftAndRecorded() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", LabBackendJar.path().toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("stale.log").toFile());
        builder.environment().putAll(LabServiceProcessTest.NO_EXPORT);
        builder.environment().put("LAB_PORT", Integer.toString(port));
        builder.environment().put("LAB_DB", dir.resolve("tasks.db").toString());
        Process stale = builder.start();
        try {
            int listening = port;
            await().atMost(Duration.ofSeconds(60)).until(() -> !StaleChildCheck.isFree("127.0.0.1", listening));
            check().record(stale);

            check().clearPort("127.0.0.1", port);

            assertThat(stale.isAlive()).isFalse();
            assertThat(StaleChildCheck.isFree("127.0.0.1", port)).isTrue();
            assertThat(dir.resolve("lab-backend.pid")).doesNotExist();
        } finally {
            stale.destroyForcibly();
        }
    }

    @Test
    void aRecordThatDoesNotMatchTheLiveProcessIsNotTrusted() throws Exception {
        // this very test JVM, with another start time: a reused process id must never be ended
        Files.writeString(dir.resolve("lab-backend.pid"), ProcessHandle.current().pid() + " 12345\n");

        assertThat(check().recordedChild()).isEmpty();
    }
}
