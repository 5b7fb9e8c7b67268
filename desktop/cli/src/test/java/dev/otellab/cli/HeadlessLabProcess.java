package dev.otellab.cli;

import dev.otellab.lab.embedded.LabBackendJar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A headless embedded lab (`lab-console lab` or `start`) in a process of its own, on free ports,
 * returned once it says how to stop it; every line it prints is kept in {@link #output}.
 */
final class HeadlessLabProcess {
    final Process process;
    final List<String> output = new CopyOnWriteArrayList<>();

    private HeadlessLabProcess(Process process) {
        this.process = process;
    }

    static HeadlessLabProcess start(Path dataDir, String command, String... options) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> line = new ArrayList<>(List.of(java, "-Dlab.backend.jar=" + LabBackendJar.path(),
                "-cp", System.getProperty("java.class.path"), LabConsole.class.getName(), command,
                "--data-dir", dataDir.toString(),
                "--http-port", "0", "--grpc-port", "0", "--backend-port", "0", "--web-port", "0"));
        line.addAll(List.of(options));
        HeadlessLabProcess lab = new HeadlessLabProcess(new ProcessBuilder(line).redirectErrorStream(true).start());
        lab.awaitReady();
        return lab;
    }

    private void awaitReady() throws Exception {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.add(line);
                    if (line.contains("`lab-console stop`")) {
                        ready.complete(null);
                    }
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new AssertionError("the lab ended: " + output));
        });
        reader.setDaemon(true);
        reader.start();
        ready.get(120, TimeUnit.SECONDS);
    }
}
