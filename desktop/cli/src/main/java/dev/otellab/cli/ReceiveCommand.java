package dev.otellab.cli;

import dev.otellab.app.IngestStore;
import dev.otellab.config.DataDirectories;
import dev.otellab.telemetry.embedded.receiver.OtlpReceiver;
import dev.otellab.telemetry.embedded.receiver.ReceiverEndpoints;
import dev.otellab.telemetry.embedded.receiver.ReceiverSettings;
import dev.otellab.telemetry.embedded.receiver.ReceiverStartException;
import dev.otellab.telemetry.query.TelemetryQueryException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code lab-console receive}: the OTLP receiver and the store, headless, until Ctrl-C. */
@Command(name = "receive", mixinStandardHelpOptions = true,
        description = {"Run the console's OTLP receiver and telemetry store without a window, until Ctrl-C.",
                "Point any OpenTelemetry SDK at the printed endpoint; query with traces, trace, logs and sli."})
final class ReceiveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataDirOption data;

    @Mixin
    ReceiverOptions receiverOptions;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ReceiverSettings settings;
        try {
            settings = receiverOptions.toSettings();
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        DataDirectories directories = data.directories();
        IngestStore store;
        try {
            store = IngestStore.open(directories.telemetryStoreDir());
        } catch (TelemetryQueryException | java.io.UncheckedIOException e) {
            err.println(e.getMessage());
            return 1;
        }
        OtlpReceiver receiver = store.receiver(settings);
        ReceiverEndpoints endpoints;
        try {
            endpoints = receiver.start();
        } catch (ReceiverStartException e) {
            store.close();
            err.println(e.getMessage());
            return 1;
        }
        out.println("OTLP/HTTP  " + endpoints.httpUrl() + "   (/v1/traces, /v1/logs, /v1/metrics; protobuf or JSON)");
        out.println("OTLP/gRPC  " + endpoints.grpcUrl());
        out.println("Store      " + store.file());
        out.println();
        out.println("Point a service at it:  OTEL_EXPORTER_OTLP_ENDPOINT=" + endpoints.httpUrl()
                + " OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf");
        out.println("Then look:              lab-console traces | lab-console logs --follow | lab-console sli"
                + (data.dataDir == null ? "" : "   (with --data-dir " + data.dataDir + ")"));
        out.println("Press Ctrl-C to stop.");
        out.flush();
        UntilStopped.await(() -> {
            receiver.stop();
            store.close();
        });
        return 0;
    }
}
