package dev.otellab.ui.shell;

import dev.otellab.ui.common.TestExecutors;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StatusBarViewModelTest {
    private final TestExecutors.QueuedUi ui = new TestExecutors.QueuedUi();
    private final StatusBarViewModel model = new StatusBarViewModel(ui);

    @Test
    void updatesFromAnyThreadReachTheUiThreadOnly() {
        model.setLabMode(" Embedded lab ");
        model.setReceiverEndpoint("OTLP http://127.0.0.1:4318");
        model.setTrafficState("Traffic: 5 req/s");
        model.setDataLocation("Embedded store: /tmp/x");
        assertThat(model.labModeProperty().get()).as("not before the UI thread runs").isEmpty();

        ui.runAll();
        assertThat(model.labModeProperty().get()).isEqualTo("Embedded lab");
        assertThat(model.receiverEndpointProperty().get()).isEqualTo("OTLP http://127.0.0.1:4318");
        assertThat(model.trafficStateProperty().get()).isEqualTo("Traffic: 5 req/s");
        assertThat(model.dataLocationProperty().get()).isEqualTo("Embedded store: /tmp/x");
    }

    @Test
    void aPartsHealthIsReplacedInPlace() {
        model.reportPart(new PartHealth("receiver", PartHealth.State.STARTING, null));
        model.reportPart(new PartHealth("lab-backend", PartHealth.State.DOWN, "exit code 1"));
        model.reportPart(new PartHealth("receiver", PartHealth.State.UP, "port 4318"));
        ui.runAll();
        assertThat(model.parts()).containsExactly(
                new PartHealth("receiver", PartHealth.State.UP, "port 4318"),
                new PartHealth("lab-backend", PartHealth.State.DOWN, "exit code 1"));
        model.removePart("receiver");
        ui.runAll();
        assertThat(model.parts()).extracting(PartHealth::part).containsExactly("lab-backend");
    }
}
