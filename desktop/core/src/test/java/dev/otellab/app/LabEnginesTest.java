package dev.otellab.app;

import dev.otellab.telemetry.model.TraceId;
import dev.otellab.config.DataDirectories;
import dev.otellab.lab.LabEngine;
import dev.otellab.lab.LabMode;
import dev.otellab.lab.ModeSwitch;
import dev.otellab.lab.RemoteSettings;
import dev.otellab.lab.embedded.EmbeddedLabSettings;
import dev.otellab.telemetry.embedded.receiver.ReceiverSettings;
import dev.otellab.telemetry.endpoints.LgtmEndpoints;
import dev.otellab.telemetry.query.TimeRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The window's lab as the root wires it: modes and remote settings through ports, no cast needed. */
class LabEnginesTest {
    @TempDir
    Path dir;

    private EmbeddedLabSettings settings() {
        return EmbeddedLabSettings.defaults(new DataDirectories(dir.resolve("data"), dir.resolve("config")))
                .withReceiver(ReceiverSettings.anyFreePorts()).withBackendPort(0);
    }

    @Test
    void theWindowsLabOffersEveryModeAndTheRemoteSettingsTheRemoteModeReads() throws Exception {
        LgtmEndpoints team = LgtmEndpoints.none().withTempo(URI.create("http://127.0.0.1:19531"))
                .withLoki(URI.create("http://127.0.0.1:19532")).withPrometheus(URI.create("http://127.0.0.1:19533"))
                .withGrafana(URI.create("http://127.0.0.1:19534"));
        try (LabEngine lab = LabEngines.switchable(settings())) {
            ModeSwitch modes = lab.modeSwitch().orElseThrow();
            RemoteSettings remote = lab.remoteSettings().orElseThrow();
            assertThat(modes.modes()).containsExactly(LabMode.EMBEDDED, LabMode.DOCKER, LabMode.REMOTE);
            assertThat(remote.current()).isEqualTo(LgtmEndpoints.none());
            assertThat(lab.grafanaLinks()).as("the embedded lab has no Grafana").isEmpty();

            remote.save(team);
            modes.select(LabMode.REMOTE);

            assertThat(lab.mode()).isEqualTo(LabMode.REMOTE);
            assertThat(lab.grafanaLinks()).get().extracting(links -> links.trace(TraceId.parse("5b8efff798038103d269b633813fc60c"),
                    new TimeRange(0, 1)).toString()).asString()
                    .startsWith("http://127.0.0.1:19534/explore");
        }
        try (LabEngine again = LabEngines.switchable(settings())) {
            assertThat(again.remoteSettings().orElseThrow().current()).as("saved in the config folder").isEqualTo(team);
        }
    }

    @Test
    void aSingleModesEngineHasNoModeSwitch() {
        try (LabEngine lab = LabEngines.open(LabMode.EMBEDDED, settings())) {
            assertThat(lab.modeSwitch()).isEmpty();
            assertThat(lab.remoteSettings()).isEmpty();
        }
    }
}
