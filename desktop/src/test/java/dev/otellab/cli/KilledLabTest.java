package dev.otellab.cli;

import dev.otellab.lab.embedded.LabBackendJar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** kill -9 of a running `lab-console lab` (a real process): its lab-backend and lab-web children go too. */
class KilledLabTest {
    @TempDir
    Path dataDir;

    private Process lab;
    private List<ProcessHandle> children = List.of();
    private final List<String> output = new CopyOnWriteArrayList<>();

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
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        lab = new ProcessBuilder(java, "-Dlab.backend.jar=" + LabBackendJar.path(), "-cp", System.getProperty("java.class.path"),
                LabConsole.class.getName(), "lab", "--data-dir", dataDir.toString(), "--no-traffic",
                "--http-port", "0", "--grpc-port", "0", "--backend-port", "0", "--web-port", "0")
                .redirectErrorStream(true).start();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(lab.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.add(line);
                    if (line.contains("`lab-console stop`")) {
                        ready.complete(null);
                    }
                }
            } catch (java.io.IOException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new AssertionError("the lab ended: " + output));
        });
        reader.setDaemon(true);
        reader.start();
        ready.get(120, TimeUnit.SECONDS);
    }
}
