package dev.otellab.ui.lab;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Lab view's traffic controls, without a screen. */
class LabTrafficViewModelTest {
    @RegisterExtension
    final LabFixture lab = new LabFixture(new FakeLabEngine());
    private final FakeLabEngine engine = lab.engine;

    @Test
    void trafficSharesAreValidated() {
        LabViewModel model = lab.direct();
        model.lifecycle().start();

        model.traffic().slowPercentProperty().set(60);
        model.traffic().errorPercentProperty().set(50);

        assertThat(model.traffic().trafficProblemProperty().get()).contains("more than 100%");
        assertThat(model.traffic().canStartTrafficProperty().get()).isFalse();

        model.traffic().slowPercentProperty().set(10);
        model.traffic().requestsPerSecondProperty().set(0);
        assertThat(model.traffic().trafficProblemProperty().get()).contains("Requests per second");

        model.traffic().requestsPerSecondProperty().set(20);
        assertThat(model.traffic().trafficProblemProperty().get()).isEmpty();
        assertThat(model.traffic().profile().errorShare()).isEqualTo(0.5);
        assertThat(model.traffic().canStartTrafficProperty().get()).isTrue();
    }

    @Test
    void trafficStartsWithTheChosenProfileAndCountsAreRefreshed() {
        LabViewModel model = lab.direct();
        model.lifecycle().start();
        model.traffic().requestsPerSecondProperty().set(50);
        model.traffic().errorPercentProperty().set(30);

        model.traffic().startTraffic();

        assertThat(model.traffic().trafficRunningProperty().get()).isTrue();
        assertThat(engine.currentTraffic().isRunning()).isTrue();
        assertThat(engine.currentTraffic().profile().errorShare()).isEqualTo(0.3);
        assertThat(model.traffic().trafficTextProperty().get()).isEqualTo("Traffic: 50 req/s, 5% slow, 30% failing");
        // the fake's generator sends to a closed port: every request fails to connect
        await().atMost(Duration.ofSeconds(20)).until(() -> model.traffic().countsProperty().get().failed() > 0);

        model.traffic().errorPercentProperty().set(10);
        assertThat(engine.currentTraffic().profile().errorShare()).isEqualTo(0.1);

        model.traffic().stopTraffic();
        assertThat(model.traffic().trafficRunningProperty().get()).isFalse();
        assertThat(engine.currentTraffic().isRunning()).isFalse();
        assertThat(model.traffic().trafficTextProperty().get()).isEqualTo("Traffic: stopped");
    }

    @Test
    void trafficDrivenByAnExercisesScenarioShowsAsSuchAndAsStoppedAfterIt() {
        LabViewModel model = lab.direct();
        model.lifecycle().start();

        engine.currentTraffic().play(dev.otellab.lab.traffic.TrafficSchedule.steady(
                new dev.otellab.lab.traffic.TrafficProfile(1, 0, 0, Duration.ZERO), Duration.ofMinutes(5)));
        model.traffic().refreshCounts();
        assertThat(model.traffic().trafficRunningProperty().get()).isTrue();
        assertThat(model.traffic().trafficTextProperty().get()).isEqualTo("Traffic: an exercise's scenario");
        assertThat(model.traffic().canStopTrafficProperty().get()).isTrue();

        engine.currentTraffic().stop();
        model.traffic().refreshCounts();
        assertThat(model.traffic().trafficRunningProperty().get()).isFalse();
        assertThat(model.traffic().trafficTextProperty().get()).isEqualTo("Traffic: stopped");
    }
}
