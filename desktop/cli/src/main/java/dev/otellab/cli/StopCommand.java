package dev.otellab.cli;

import dev.otellab.app.LabEngines;
import dev.otellab.lab.LabMode;
import dev.otellab.lab.LabStartException;
import dev.otellab.lab.docker.DockerLab;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** `lab-console stop`: stops a headless lab (its data stays). */
@Command(name = "stop", mixinStandardHelpOptions = true,
        description = {"Stop a headless lab.",
                "--mode docker stops the stack's containers (volumes and data stay);"
                        + " --mode embedded (default) asks a running `lab-console lab`/`start` to stop (lab-backend flushes first)."})
final class StopCommand implements Callable<Integer> {
    static final Duration EMBEDDED_GRACE = Duration.ofSeconds(40);

    @Spec
    CommandSpec spec;

    @Mixin
    DataDirOption data;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "embedded", converter = LabModeConverter.class,
            description = "embedded or docker (default: ${DEFAULT-VALUE}).")
    LabMode mode;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return switch (mode) {
            case EMBEDDED -> stopEmbedded(out, err);
            case DOCKER -> stopDocker(out, err);
            case REMOTE -> {
                err.println("The console does not run a remote stack: there is nothing to stop.");
                yield 2;
            }
        };
    }

    private int stopEmbedded(PrintWriter out, PrintWriter err) throws InterruptedException {
        LabPidFile pidFile = new LabPidFile(data.directories().dataDir());
        Optional<ProcessHandle> lab = pidFile.runningLab();
        if (lab.isEmpty()) {
            out.println("No embedded lab is running for " + data.directories().dataDir() + ".");
            return 0;
        }
        lab.get().destroy();
        try {
            lab.get().onExit().get(EMBEDDED_GRACE.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            err.println("The lab (process " + lab.get().pid() + ") did not stop within " + EMBEDDED_GRACE.toSeconds() + " s.");
            return 1;
        }
        out.println("Stopped the embedded lab (process " + lab.get().pid() + ").");
        return 0;
    }

    private int stopDocker(PrintWriter out, PrintWriter err) {
        try (DockerLab lab = LabEngines.docker(data.directories())) {
            lab.stopAnywhere();
            out.println("Stopped the Docker lab's containers; their data stays for the next start.");
            return 0;
        } catch (LabStartException | UncheckedIOException e) {
            err.println(e.getMessage());
            return 1;
        }
    }
}
