package dev.otellab.lab;

import dev.otellab.telemetry.model.LogRecord;
import dev.otellab.telemetry.query.LogFilter;
import dev.otellab.telemetry.query.Subscription;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.telemetry.query.TraceSearchCriteria;
import dev.otellab.ui.SampleTelemetry;
import dev.otellab.ui.lab.FakeLabEngine;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SwitchableLabTest {
    private final FakeLabEngine embedded = new FakeLabEngine(LabMode.EMBEDDED);
    private final FakeLabEngine docker = new FakeLabEngine(LabMode.DOCKER);
    private final AtomicInteger dockerEnginesMade = new AtomicInteger();

    private SwitchableLab lab() {
        Map<LabMode, Supplier<? extends LabEngine>> factories = new LinkedHashMap<>();
        factories.put(LabMode.EMBEDDED, () -> embedded);
        factories.put(LabMode.DOCKER, () -> {
            dockerEnginesMade.incrementAndGet();
            return docker;
        });
        factories.put(LabMode.REMOTE, () -> {
            throw new IllegalStateException("Set the Tempo, Loki and Prometheus URLs first");
        });
        return new SwitchableLab(LabMode.EMBEDDED, factories);
    }

    @Test
    void offersTheModesInOrderAndMakesAnEngineOnlyWhenItsModeIsChosen() {
        SwitchableLab lab = lab();

        assertThat(lab.modes()).containsExactly(LabMode.EMBEDDED, LabMode.DOCKER, LabMode.REMOTE);
        assertThat(lab.mode()).isEqualTo(LabMode.EMBEDDED);
        assertThat(dockerEnginesMade).hasValue(0);

        lab.select(LabMode.DOCKER);
        lab.select(LabMode.EMBEDDED);
        lab.select(LabMode.DOCKER);

        assertThat(lab.mode()).isEqualTo(LabMode.DOCKER);
        assertThat(dockerEnginesMade).hasValue(1);
    }

    @Test
    void startAndStatusGoToTheCurrentModeAndASwitchStopsThePreviousLab() throws Exception {
        SwitchableLab lab = lab();
        lab.start();
        assertThat(embedded.starts()).isEqualTo(1);

        lab.select(LabMode.DOCKER);
        assertThat(embedded.stops()).isEqualTo(1);
        lab.start();

        assertThat(docker.starts()).isEqualTo(1);
        assertThat(lab.status().mode()).isEqualTo(LabMode.DOCKER);
        assertThat(lab.backendUrl()).isEqualTo(docker.backendUrl());
    }

    @Test
    void listenersHearOnlyTheCurrentEngine() throws Exception {
        SwitchableLab lab = lab();
        List<LabMode> statusModes = new CopyOnWriteArrayList<>();
        List<String> output = new CopyOnWriteArrayList<>();
        lab.addStatusListener(status -> statusModes.add(status.mode()));
        lab.addBackendOutputListener(output::add);

        lab.select(LabMode.DOCKER);
        statusModes.clear();
        embedded.print("from the embedded lab");
        docker.print("from the docker lab");
        embedded.start();

        assertThat(output).containsExactly("from the docker lab");
        assertThat(statusModes).isEmpty();
    }

    @Test
    void queriesReadTheCurrentModesTelemetryOnceItsLabIsStarted() throws Exception {
        SwitchableLab lab = lab();
        SampleTelemetry sample = SampleTelemetry.generate(Clock.systemUTC(), 5);
        docker.telemetry().addSpans(sample.spans());

        assertThat(lab.traces().search(TraceSearchCriteria.ANY, TimeRange.all(), 10)).isEmpty();
        lab.select(LabMode.DOCKER);
        assertThatThrownBy(() -> lab.traces().search(TraceSearchCriteria.ANY, TimeRange.all(), 10))
                .isInstanceOf(dev.otellab.telemetry.query.TelemetryQueryException.class)
                .hasMessageContaining("press Start");
        lab.start();
        assertThat(lab.traces().search(TraceSearchCriteria.ANY, TimeRange.all(), 10)).hasSize(5);
        lab.stop();
        assertThatThrownBy(() -> lab.slis().services(TimeRange.all())).hasMessageContaining("not started");
        assertThatThrownBy(() -> lab.serviceMap().map(TimeRange.all())).as("the Map view waits for Start too")
                .hasMessageContaining("not started");
    }

    @Test
    void attributeNamesFollowTheModeAndWaitForAStartLikeTheOtherQueries() throws Exception {
        SwitchableLab lab = lab();
        docker.useTraceTags(new dev.otellab.telemetry.query.TraceTags() {
            @Override
            public List<String> tagNames(TimeRange range) {
                return List.of("service.name");
            }

            @Override
            public List<String> tagValues(String name, TimeRange range) {
                return List.of("lab-backend");
            }
        });
        dev.otellab.telemetry.query.TraceTags tags = lab.traceTags().orElseThrow();

        assertThat(tags.tagNames(TimeRange.all())).as("the embedded fake lists none").isEmpty();
        lab.select(LabMode.DOCKER);
        assertThatThrownBy(() -> tags.tagNames(TimeRange.all())).hasMessageContaining("press Start");
        lab.start();
        assertThat(tags.tagNames(TimeRange.all())).containsExactly("service.name");
        assertThat(tags.tagValues("service.name", TimeRange.all())).containsExactly("lab-backend");
    }

    @Test
    void choosingAModeOpensNoTailOnItsBackendsUntilItsLabStarts() throws Exception {
        SwitchableLab lab = lab();
        Subscription tail = lab.logs().tail(LogFilter.ALL, records -> { });

        lab.select(LabMode.DOCKER);
        assertThat(embedded.telemetry().openTails()).isZero();
        assertThat(docker.telemetry().openTails()).as("no tail on a stack that is not running").isZero();

        lab.start();
        assertThat(docker.telemetry().openTails()).isEqualTo(1);
        lab.stop();
        assertThat(docker.telemetry().openTails()).isZero();
        tail.close();
    }

    @Test
    void aLiveTailMovesToTheNewModeOnASwitchAndStopsWhenClosed() throws Exception {
        SwitchableLab lab = lab();
        SampleTelemetry sample = SampleTelemetry.generate(Clock.systemUTC(), 10);
        List<LogRecord> received = new ArrayList<>();
        Subscription tail = lab.logs().tail(LogFilter.ALL, received::addAll);
        assertThat(embedded.telemetry().openTails()).isEqualTo(1);

        lab.select(LabMode.DOCKER);
        lab.start();
        assertThat(embedded.telemetry().openTails()).isZero();
        assertThat(docker.telemetry().openTails()).isEqualTo(1);
        docker.telemetry().publish(sample.logs());
        assertThat(received).isNotEmpty();

        tail.close();
        assertThat(docker.telemetry().openTails()).isZero();
    }

    @Test
    void aModeWhoseEngineCannotBeMadeSaysWhyAndTheCurrentModeStays() {
        SwitchableLab lab = lab();

        assertThatThrownBy(() -> lab.select(LabMode.REMOTE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Tempo, Loki and Prometheus URLs");
        assertThat(lab.mode()).isEqualTo(LabMode.EMBEDDED);
    }

    @Test
    void closeClosesEveryEngineMade() {
        SwitchableLab lab = lab();
        lab.select(LabMode.DOCKER);

        lab.close();

        assertThat(embedded.closes()).isEqualTo(1);
        assertThat(docker.closes()).isEqualTo(1);
    }
}
