package dev.otellab.lab.embedded;

import dev.otellab.config.DataDirectories;
import dev.otellab.lab.traffic.TrafficProfile;
import dev.otellab.telemetry.embedded.StoreSettings;
import dev.otellab.telemetry.embedded.receiver.ReceiverSettings;

import java.nio.file.Path;

/** Everything the embedded lab needs to know to start. */
public record EmbeddedLabSettings(
        DataDirectories directories,
        StoreSettings store,
        ReceiverSettings receiver,
        Path backendJar,
        int backendPort,
        TrafficProfile traffic) {

    public static EmbeddedLabSettings defaults(DataDirectories directories) {
        return new EmbeddedLabSettings(directories, StoreSettings.DEFAULT, ReceiverSettings.DEFAULT,
                BackendJarLocator.locate(), LabBackendSettings.DEFAULT_PORT, TrafficProfile.DEFAULT);
    }

    public EmbeddedLabSettings withReceiver(ReceiverSettings value) {
        return new EmbeddedLabSettings(directories, store, value, backendJar, backendPort, traffic);
    }

    public EmbeddedLabSettings withBackendPort(int value) {
        return new EmbeddedLabSettings(directories, store, receiver, backendJar, value, traffic);
    }

    public EmbeddedLabSettings withBackendJar(Path value) {
        return new EmbeddedLabSettings(directories, store, receiver, value, backendPort, traffic);
    }

    public EmbeddedLabSettings withTraffic(TrafficProfile value) {
        return new EmbeddedLabSettings(directories, store, receiver, backendJar, backendPort, value);
    }

    /** lab-backend's own SQLite file, kept apart from the telemetry store. */
    public Path backendDatabase() {
        return directories.dataDir().resolve("lab-backend").resolve("tasks.db");
    }
}
