package dev.otellab.ui.lab;

import dev.otellab.lab.LabEngine;
import dev.otellab.lab.LabMode;
import dev.otellab.lab.PartState;
import dev.otellab.lab.PartStatus;
import dev.otellab.lab.SwitchableLab;
import dev.otellab.ui.shell.PartHealth;
import dev.otellab.ui.shell.StatusBarViewModel;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

class LabStatusBarFeedTest {

    @Test
    void followsTheEnginesPartsModeAndEndpoint() throws Exception {
        StatusBarViewModel statusBar = new StatusBarViewModel(Runnable::run);
        try (FakeLabEngine engine = new FakeLabEngine()) {
            new LabStatusBarFeed(statusBar, () -> "OTLP http://127.0.0.1:4318").follow(engine);

            assertThat(statusBar.labModeProperty().get()).isEqualTo("Embedded lab");
            assertThat(statusBar.parts()).extracting(PartHealth::state).containsOnly(PartHealth.State.STOPPED);
            assertThat(statusBar.receiverEndpointProperty().get()).isEmpty();

            engine.start();

            assertThat(statusBar.parts()).extracting(PartHealth::part).containsExactly("OTLP receiver", "lab-backend");
            assertThat(statusBar.parts()).extracting(PartHealth::state).containsOnly(PartHealth.State.UP);
            assertThat(statusBar.receiverEndpointProperty().get()).isEqualTo("OTLP http://127.0.0.1:4318");

            engine.backendDies("exited unexpectedly with code 1");
            assertThat(statusBar.parts().get(1).state()).isEqualTo(PartHealth.State.DOWN);
            assertThat(statusBar.parts().get(1).detail()).contains("code 1");

            engine.stop();
            assertThat(statusBar.receiverEndpointProperty().get()).isEmpty();
        }
    }

    @Test
    void aModeSwitchShowsTheNewModesPartsAndWhereItsDataIs() {
        StatusBarViewModel statusBar = new StatusBarViewModel(Runnable::run);
        FakeLabEngine embedded = new FakeLabEngine(LabMode.EMBEDDED);
        FakeLabEngine docker = new FakeLabEngine(LabMode.DOCKER);
        Map<LabMode, Supplier<? extends LabEngine>> factories = new LinkedHashMap<>();
        factories.put(LabMode.EMBEDDED, () -> embedded);
        factories.put(LabMode.DOCKER, () -> docker);
        try (SwitchableLab lab = new SwitchableLab(LabMode.EMBEDDED, factories)) {
            new LabStatusBarFeed(statusBar, () -> "", mode -> mode + " data").follow(lab);
            assertThat(statusBar.dataLocationProperty().get()).isEqualTo("EMBEDDED data");

            lab.select(LabMode.DOCKER);
            docker.publishParts(List.of(PartStatus.stopped("tempo"), PartStatus.stopped("loki")));

            assertThat(statusBar.labModeProperty().get()).isEqualTo("Docker lab");
            assertThat(statusBar.dataLocationProperty().get()).isEqualTo("DOCKER data");
            assertThat(statusBar.parts()).extracting(PartHealth::part).containsExactly("tempo", "loki");
        }
    }

    @Test
    void mapsEveryPartState() {
        assertThat(LabStatusBarFeed.health(new PartStatus("x", PartState.STARTING, "")).state()).isEqualTo(PartHealth.State.STARTING);
        assertThat(LabStatusBarFeed.health(PartStatus.stopped("x")).state()).isEqualTo(PartHealth.State.STOPPED);
    }
}
