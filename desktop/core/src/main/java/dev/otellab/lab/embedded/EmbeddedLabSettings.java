package dev.otellab.lab.embedded;

import dev.otellab.config.DataDirectories;
import dev.otellab.lab.traffic.TrafficProfile;
import dev.otellab.lab.traffic.TrafficTarget;
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
        int webPort,
        TrafficProfile traffic,
        TrafficTarget trafficTarget) {

    /** lab-web on its default port (any free port when lab-backend's is 0), traffic through lab-web. */
    public EmbeddedLabSettings(DataDirectories directories, StoreSettings store, ReceiverSettings receiver,
                               Path backendJar, int backendPort, TrafficProfile traffic) {
        this(directories, store, receiver, backendJar, backendPort, backendPort == 0 ? 0 : LabWebSettings.DEFAULT_PORT,
                traffic, TrafficTarget.WEB);
    }

    public static EmbeddedLabSettings defaults(DataDirectories directories) {
        return new EmbeddedLabSettings(directories, StoreSettings.DEFAULT, ReceiverSettings.DEFAULT,
                BackendJarLocator.locate(), LabBackendSettings.DEFAULT_PORT, LabWebSettings.DEFAULT_PORT,
                TrafficProfile.DEFAULT, TrafficTarget.WEB);
    }

    public EmbeddedLabSettings withReceiver(ReceiverSettings value) {
        return new EmbeddedLabSettings(directories, store, value, backendJar, backendPort, webPort, traffic, trafficTarget);
    }

    /** lab-backend's port; 0 (any free port) also lets lab-web take any free port. */
    public EmbeddedLabSettings withBackendPort(int value) {
        return new EmbeddedLabSettings(directories, store, receiver, backendJar, value, value == 0 ? 0 : webPort,
                traffic, trafficTarget);
    }

    public EmbeddedLabSettings withWebPort(int value) {
        return new EmbeddedLabSettings(directories, store, receiver, backendJar, backendPort, value, traffic, trafficTarget);
    }

    public EmbeddedLabSettings withBackendJar(Path value) {
        return new EmbeddedLabSettings(directories, store, receiver, value, backendPort, webPort, traffic, trafficTarget);
    }

    public EmbeddedLabSettings withTraffic(TrafficProfile value) {
        return new EmbeddedLabSettings(directories, store, receiver, backendJar, backendPort, webPort, value, trafficTarget);
    }

    public EmbeddedLabSettings withTrafficTarget(TrafficTarget value) {
        return new EmbeddedLabSettings(directories, store, receiver, backendJar, backendPort, webPort, traffic, value);
    }

    /** lab-backend's own SQLite file, kept apart from the telemetry store. */
    public Path backendDatabase() {
        return directories.dataDir().resolve("lab-backend").resolve("tasks.db");
    }
}
