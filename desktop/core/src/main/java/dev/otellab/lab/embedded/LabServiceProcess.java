package dev.otellab.lab.embedded;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of the lab's services (lab-backend, lab-web) running as a child process of the console.
 * {@link #start} returns once the service answers its health check, or throws with the reason
 * and the child's last lines.
 */
public final class LabServiceProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://[^\\s\"]+)");
    // the services' own budget on SIGTERM: up to 10 s draining requests and 10 s flushing telemetry
    private static final Duration STOP_GRACE = Duration.ofSeconds(25);
    private static final int KEPT_LINES = 200;

    private final String serviceName;
    private final Process process;
    private final URI baseUrl;
    private final OutputTail output;
    private final StaleChildCheck staleCheck;

    private LabServiceProcess(String serviceName, Process process, URI baseUrl, OutputTail output,
                              StaleChildCheck staleCheck) {
        this.serviceName = serviceName;
        this.process = process;
        this.baseUrl = baseUrl;
        this.output = output;
        this.staleCheck = staleCheck;
    }

    /**
     * Launches the service and waits until it is healthy.
     *
     * @param onOutput receives every line the child prints (its JSON logs), on a reader thread
     */
    public static LabServiceProcess start(LabServiceLaunch settings, Consumer<String> onOutput)
            throws LabServiceStartException, InterruptedException {
        String name = settings.serviceName();
        if (!Files.isRegularFile(settings.jar())) {
            throw new LabServiceStartException(name + " is not built: " + settings.jar()
                    + " does not exist. Build it with `./mvnw -B -DskipTests package` in the project folder.", List.of());
        }
        // heap, collector and JIT as the jar says (decisions 0039 and 0055), the same its load benchmark measures
        List<String> jvmOptions = ChildJvmOptions.of(settings.jar());
        StaleChildCheck staleCheck = staleCheck(settings);
        staleCheck.clearPort(settings.bindAddress(), settings.port());
        Process process;
        try {
            settings.prepare();
            ProcessBuilder builder = new ProcessBuilder(command(settings, jvmOptions)).redirectErrorStream(true);
            builder.environment().putAll(settings.environment());
            ChildLifeline.tie(builder);
            process = builder.start();
            staleCheck.record(process);
        } catch (IOException e) {
            throw new LabServiceStartException("Could not launch " + name + ": " + e.getMessage(), List.of());
        }
        OutputTail output = new OutputTail(KEPT_LINES);
        CompletableFuture<URI> announced = new CompletableFuture<>();
        Thread reader = new Thread(() -> pump(process, output, onOutput, announced), name + "-output");
        reader.setDaemon(true);
        reader.start();
        try {
            URI url = awaitHealthy(name, process, reader, announced, output, settings.startTimeout());
            return new LabServiceProcess(name, process, url, output, staleCheck);
        } catch (LabServiceStartException | InterruptedException | RuntimeException e) {
            stop(process);
            staleCheck.forget();
            throw e;
        }
    }

    public String serviceName() {
        return serviceName;
    }

    public URI baseUrl() {
        return baseUrl;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The last lines the service printed, oldest first. */
    public List<String> lastOutput(int count) {
        return output.last(count);
    }

    /** Completes with the exit code when the child ends, for whatever reason. */
    public CompletableFuture<Integer> onExit() {
        return process.onExit().thenApply(Process::exitValue);
    }

    /** Asks the service to stop (SIGTERM, so it flushes its telemetry), then insists. */
    @Override
    public void close() {
        stop(process);
        staleCheck.forget();
    }

    /** Like {@link #close()}, returning the exit code. */
    public int stopAndWait() {
        stop(process);
        staleCheck.forget();
        return process.exitValue();
    }

    private static void stop(Process process) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The record of this service's child, so a later run can tell a stale one of ours on its port. */
    private static StaleChildCheck staleCheck(LabServiceLaunch settings) {
        String commandMark = settings.mainClass().orElse(settings.jar().getFileName().toString());
        return new StaleChildCheck(settings.pidFile(), settings.serviceName(), commandMark, settings.portOption());
    }

    private static List<String> command(LabServiceLaunch settings, List<String> jvmOptions) {
        List<String> command = new java.util.ArrayList<>(List.of(javaCommand()));
        command.addAll(jvmOptions);
        if (settings.mainClass().isPresent()) {
            command.addAll(List.of("-cp", settings.jar().toString(), settings.mainClass().get()));
        } else {
            command.addAll(List.of("-jar", settings.jar().toString()));
        }
        return command;
    }

    private static void pump(Process process, OutputTail output, Consumer<String> onOutput,
                             CompletableFuture<URI> announced) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.add(line);
                if (!announced.isDone()) {
                    Matcher matcher = LISTENING.matcher(line);
                    if (matcher.find()) {
                        announced.complete(URI.create(matcher.group(1)));
                    }
                }
                onOutput.accept(line);
            }
        } catch (IOException e) {
            // the child closed its output: it ended, and onExit reports how
        }
    }

    private static URI awaitHealthy(String name, Process process, Thread reader, CompletableFuture<URI> announced,
                                    OutputTail output, Duration timeout)
            throws LabServiceStartException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        URI url = null;
        HealthProbe probe = new HealthProbe();
        while (Instant.now().isBefore(deadline)) {
            if (process.waitFor(100, TimeUnit.MILLISECONDS)) {
                // the reader ends at the child's end of output: wait for it before quoting the last lines
                reader.join(Duration.ofSeconds(2).toMillis());
                throw new LabServiceStartException(name + " exited with code " + process.exitValue()
                        + " while starting. Its last lines are below.", output.last(20));
            }
            if (url == null) {
                url = announced.getNow(null);
            }
            if (url != null && probe.isHealthy(url)) {
                return url;
            }
        }
        throw new LabServiceStartException(name + " did not become healthy within " + timeout.toSeconds()
                + " s. Its last lines are below.", output.last(20));
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
