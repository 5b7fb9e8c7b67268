package dev.otellab.cli;

import dev.otellab.app.LabEngines;
import dev.otellab.lab.LabMode;
import dev.otellab.lab.LabStartException;
import dev.otellab.lab.PartStatus;
import dev.otellab.lab.docker.DockerLab;
import dev.otellab.lab.docker.stack.ImagePullProgress;
import dev.otellab.lab.docker.stack.StackListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * `lab-console start`: the lab without a window. Docker mode brings the stack up and returns
 * (the containers keep running until `lab-console stop --mode docker`); embedded mode is
 * `lab-console lab`, which runs in the foreground until Ctrl-C or `lab-console stop`.
 */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = {"Start the lab headless.",
                "--mode docker brings up the LGTM stack and lab-backend in Docker and returns;"
                        + " --mode embedded (default) runs the embedded lab in the foreground, like `lab-console lab` (and takes its options)."})
final class StartCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataDirOption data;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "embedded", converter = LabModeConverter.class,
            description = "embedded or docker (default: ${DEFAULT-VALUE}).")
    LabMode mode;

    /** Embedded mode passes every other option to `lab` (ports, traffic). */
    @CommandLine.Unmatched
    List<String> labOptions = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (mode != LabMode.EMBEDDED && !labOptions.isEmpty()) {
            err.println("Unknown option for --mode " + mode.name().toLowerCase(Locale.ROOT) + ": " + String.join(" ", labOptions));
            return 2;
        }
        return switch (mode) {
            case EMBEDDED -> startEmbedded();
            case DOCKER -> startDocker(out, err);
            case REMOTE -> {
                err.println("A remote stack is started by its owners; read it with --mode remote on traces, logs and sli.");
                yield 2;
            }
        };
    }

    private int startEmbedded() {
        List<String> args = new ArrayList<>(labOptions);
        if (data.dataDir != null) {
            args.add("--data-dir");
            args.add(data.dataDir.toString());
        }
        CommandLine lab = spec.root().commandLine().getSubcommands().get("lab");
        return lab.execute(args.toArray(String[]::new));
    }

    private int startDocker(PrintWriter out, PrintWriter err) throws InterruptedException {
        DockerLab lab;
        try {
            lab = LabEngines.docker(data.directories());
        } catch (UncheckedIOException e) {
            err.println(e.getMessage());
            return 1;
        }
        lab.addProgressListener(new Progress(err));
        try {
            lab.start();
        } catch (LabStartException e) {
            err.println(e.getMessage());
            e.details().forEach(line -> err.println("  | " + line));
            lab.close();
            return 1;
        }
        for (PartStatus part : lab.status().parts()) {
            out.printf(Locale.ROOT, "%-16s %-8s %s%n", part.part(), part.state(), part.detail());
        }
        lab.grafanaUrl().ifPresent(url -> out.println("Grafana: " + url + "  (user admin, password in "
                + data.directories().grafanaAdminPasswordFile() + ")"));
        lab.backendUrl().ifPresent(url -> out.println("lab-backend: " + url));
        out.println("Look at it:  lab-console traces --mode docker | lab-console logs --mode docker | lab-console sli --mode docker");
        out.println("Stop it:     lab-console stop --mode docker   (data stays in the stack's volumes)");
        out.flush();
        return 0;
    }

    /** Image pulls and build steps on stderr, one line per step and per tenth of a pull. */
    private static final class Progress implements StackListener {
        private final PrintWriter err;
        private final java.util.Map<String, Integer> shownTenths = new java.util.concurrent.ConcurrentHashMap<>();

        Progress(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void step(String message) {
            err.println(message);
            err.flush();
        }

        @Override
        public void pullProgress(ImagePullProgress progress) {
            int tenths = (int) Math.floor(progress.fraction() * 10);
            Integer before = shownTenths.put(progress.image(), tenths);
            if (before == null || before != tenths || progress.done()) {
                err.printf(Locale.ROOT, "pulling %s: %d%%%n", progress.image(), Math.round(progress.fraction() * 100));
                err.flush();
            }
        }
    }
}
