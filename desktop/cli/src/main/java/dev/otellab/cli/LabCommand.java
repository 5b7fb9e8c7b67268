package dev.otellab.cli;

import dev.otellab.app.LabEngines;
import dev.otellab.lab.LabEngine;
import dev.otellab.lab.LabMode;
import dev.otellab.lab.LabStartException;
import dev.otellab.lab.PartStatus;
import dev.otellab.lab.embedded.EmbeddedLabSettings;
import dev.otellab.lab.traffic.TrafficCounts;
import dev.otellab.lab.traffic.TrafficProfile;
import dev.otellab.lab.traffic.TrafficTarget;
import dev.otellab.telemetry.embedded.receiver.ReceiverSettings;
import dev.otellab.telemetry.query.TelemetryQueryException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code lab-console lab}: the whole embedded lab without a window: receiver, store,
 * lab-backend, lab-web in front of it and the traffic generator, until Ctrl-C.
 */
@Command(name = "lab", mixinStandardHelpOptions = true,
        description = {"Run the embedded lab without a window until Ctrl-C.",
                "The OTLP receiver and store, lab-backend (the observed task service), lab-web (its web front"
                        + " and tasks page) and the traffic generator; no Docker needed."})
final class LabCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataDirOption data;

    @Mixin
    ReceiverOptions receiverOptions;

    @Mixin
    ServicePortOptions ports;

    @Option(names = "--rps", paramLabel = "N", defaultValue = "5",
            description = "Traffic generator: requests per second (default: ${DEFAULT-VALUE}).")
    double requestsPerSecond;

    @Mixin
    TrafficShareOptions shares;

    @Option(names = "--no-traffic", description = "Start the lab without generated traffic.")
    boolean noTraffic;

    @Option(names = "--traffic-to", paramLabel = "web|backend", defaultValue = "web",
            converter = TrafficTargetConverter.class,
            description = "Send the traffic to lab-web as the page's users do (default), or straight to lab-backend.")
    TrafficTarget trafficTo;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        EmbeddedLabSettings settings;
        try {
            ReceiverSettings receiver = receiverOptions.toSettings();
            TrafficProfile traffic = new TrafficProfile(requestsPerSecond, shares.slowShare(), shares.errorShare(),
                    TrafficProfile.DEFAULT.slowDelay());
            settings = ports.applyTo(EmbeddedLabSettings.defaults(data.directories())
                    .withReceiver(receiver).withTraffic(traffic).withTrafficTarget(trafficTo));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        LabEngine lab;
        try {
            lab = LabEngines.open(LabMode.EMBEDDED, settings);
        } catch (TelemetryQueryException | java.io.UncheckedIOException e) {
            err.println(e.getMessage());
            return 1;
        }
        out.println("Starting the embedded lab...");
        out.flush();
        try {
            lab.start();
        } catch (LabStartException e) {
            lab.close();
            err.println(e.getMessage());
            e.details().forEach(line -> err.println("  | " + line));
            return 1;
        }
        LabPidFile pidFile = new LabPidFile(data.directories().dataDir());
        try {
            pidFile.writeThisProcess();
        } catch (java.io.IOException e) {
            err.println("(`lab-console stop` cannot find this lab: " + pidFile.file() + " cannot be written: " + e.getMessage() + ")");
        }
        for (PartStatus part : lab.status().parts()) {
            out.printf(Locale.ROOT, "%-16s %-8s %s%n", part.part(), part.state(), part.detail());
        }
        ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor();
        lab.traffic().ifPresent(traffic -> {
            if (!noTraffic) {
                traffic.start();
                out.printf(Locale.ROOT, "Traffic: %.1f requests/s, %.0f%% slow, %.0f%% failing%n",
                        requestsPerSecond, shares.slowPercent, shares.errorPercent);
                reporter.scheduleAtFixedRate(() -> report(out, traffic.counts()), 10, 10, TimeUnit.SECONDS);
            }
        });
        out.println();
        out.println("Look at it:  lab-console traces | lab-console logs --follow | lab-console sli"
                + (data.dataDir == null ? "" : "   (with --data-dir " + data.dataDir + ")"));
        lab.webUrl().ifPresent(web -> out.println("The tasks page: " + web + "/"));
        out.println("Press Ctrl-C or run `lab-console stop` to stop (the services flush their telemetry first).");
        out.flush();
        lab.addStatusListener(status -> status.parts().stream()
                .filter(part -> part.state() == dev.otellab.lab.PartState.FAILED)
                .forEach(part -> {
                    err.println(part.part() + " failed: " + part.detail());
                    err.flush();
                }));
        UntilStopped.await(() -> {
            reporter.shutdownNow();
            lab.close();
            pidFile.removeIfOurs();
        });
        return 0;
    }

    private static void report(PrintWriter out, TrafficCounts counts) {
        out.printf(Locale.ROOT, "traffic: %d sent, %d ok, %d 4xx, %d 5xx, %d failed%n",
                counts.sent(), counts.succeeded(), counts.clientErrors(), counts.serverErrors(), counts.failed());
        out.flush();
    }
}
