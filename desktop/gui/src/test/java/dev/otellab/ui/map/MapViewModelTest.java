package dev.otellab.ui.map;

import dev.otellab.telemetry.model.MapEdge;
import dev.otellab.telemetry.model.MapNode;
import dev.otellab.telemetry.model.NodeKind;
import dev.otellab.telemetry.model.Resource;
import dev.otellab.telemetry.model.ServiceMap;
import dev.otellab.telemetry.model.SliReport;
import dev.otellab.telemetry.model.SloHealth;
import dev.otellab.telemetry.model.SloStatus;
import dev.otellab.telemetry.model.SloTargets;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.SpanKind;
import dev.otellab.telemetry.model.StatusCode;
import dev.otellab.telemetry.model.TraceSummary;
import dev.otellab.telemetry.query.ServiceMapSource;
import dev.otellab.telemetry.query.SliSource;
import dev.otellab.telemetry.query.TelemetryQueryException;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.ui.InMemoryTelemetry;
import dev.otellab.ui.common.TestExecutors;
import dev.otellab.ui.common.TimeRangeChoice;
import dev.otellab.ui.shell.RecordingNavigator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;

/** The Map view model without a screen, over fakes of the map, SLI and trace ports. */
class MapViewModelTest {
    private static final long NOW = TimeRange.toNanos(TestExecutors.CLOCK.instant());
    private static final long MS = 1_000_000L;

    private final ScheduledExecutorService timer = TestExecutors.timer();
    private final RecordingNavigator navigator = new RecordingNavigator();
    private final InMemoryTelemetry traces = new InMemoryTelemetry();
    private final List<TimeRange> asked = new ArrayList<>();
    private ServiceMap served = labMap();
    private final ServiceMapSource maps = range -> {
        asked.add(range);
        return served;
    };
    private final HealthBySlis slis = new HealthBySlis(Map.of("lab-web", SloHealth.GREEN, "lab-backend", SloHealth.RED));
    private final MapViewModel model = new MapViewModel(maps, slis, traces, TestExecutors.direct(timer), navigator);

    @AfterEach
    void stop() {
        model.close();
        timer.shutdownNow();
    }

    private static ServiceMap labMap() {
        List<MapEdge> edges = List.of(
                new MapEdge("user", "lab-web", 6, 2, 100, 0.01),
                new MapEdge("lab-browser", "lab-web", 4, 1, 120, 0.004),
                new MapEdge("lab-web", "lab-backend", 10, 3, 90, 0.011),
                new MapEdge("lab-backend", "tasks", 10, 0, 10, 0.011));
        List<MapNode> nodes = List.of(new MapNode("user", NodeKind.USER, 6, 2),
                new MapNode("lab-browser", NodeKind.BROWSER, 4, 1), new MapNode("lab-web", NodeKind.SERVICE, 10, 3),
                new MapNode("lab-backend", NodeKind.SERVICE, 10, 3), new MapNode("tasks", NodeKind.DATABASE, 10, 0));
        return new ServiceMap(NOW - 900_000 * MS, NOW, nodes, edges);
    }

    @Test
    void aRefreshShowsTheMapByCallDepthWithEachServicesSloHealth() {
        model.timeRangeForm().choiceProperty().set(TimeRangeChoice.LAST_5_MINUTES);

        assertThat(asked).last().isEqualTo(TimeRangeChoice.LAST_5_MINUTES.resolve(TestExecutors.CLOCK, "", ""));
        assertThat(model.mapProperty().get()).isEqualTo(served);
        MapLayout layout = model.layoutProperty().get();
        assertThat(layout.columns()).isEqualTo(4);
        assertThat(layout.cells()).containsEntry("user", new MapLayout.Cell(0, 0))
                .containsEntry("lab-browser", new MapLayout.Cell(0, 1))
                .containsEntry("lab-web", new MapLayout.Cell(1, 0))
                .containsEntry("lab-backend", new MapLayout.Cell(2, 0))
                .containsEntry("tasks", new MapLayout.Cell(3, 0));
        assertThat(model.healthProperty().get()).containsOnly(Map.entry("lab-web", SloHealth.GREEN),
                Map.entry("lab-backend", SloHealth.RED));
        assertThat(slis.judged).containsExactlyInAnyOrder("lab-web", "lab-backend");
        assertThat(model.summaryProperty().get()).isEqualTo("5 nodes, 4 calls");
        assertThat(model.errorMessageProperty().get()).isEmpty();
    }

    @Test
    void anEmptyMapSaysToStartTheLab() {
        served = ServiceMap.empty(NOW - 1, NOW);

        model.refresh();

        assertThat(model.errorMessageProperty().get()).contains("start the lab");
        assertThat(model.layoutProperty().get()).isEqualTo(MapLayout.EMPTY);
    }

    @Test
    void aFailingQueryIsShownInWords() {
        ServiceMapSource broken = range -> {
            throw new TelemetryQueryException("Prometheus did not answer at http://127.0.0.1:9090");
        };
        MapViewModel failing = new MapViewModel(broken, slis, traces, TestExecutors.direct(timer), navigator);

        failing.refresh();

        assertThat(failing.errorMessageProperty().get()).contains("Prometheus did not answer");
        failing.close();
    }

    @Test
    void aCustomRangeNeedsAStart() {
        model.timeRangeForm().choiceProperty().set(TimeRangeChoice.CUSTOM);
        model.refresh();

        assertThat(model.errorMessageProperty().get()).contains("start of the custom range");
    }

    @Test
    void aServiceClickSearchesItsTracesAndADatabaseClickDoesNothing() {
        model.refresh();
        model.openNode(served.node("lab-backend").orElseThrow());
        model.openNode(served.node("tasks").orElseThrow());
        model.openNode(served.node("user").orElseThrow());
        model.openNode(served.node("lab-browser").orElseThrow());

        assertThat(navigator.serviceSearches).containsExactly("lab-backend LAST_15_MINUTES", "lab-browser LAST_15_MINUTES");
    }

    @Test
    void anEdgeClickListsOnlyTheTracesThatMakeThatCall() {
        traces.addSpans(webToBackend("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1", NOW - 60_000 * MS));
        traces.addSpans(webOnly("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa2", NOW - 50_000 * MS));
        traces.addSpans(webToBackend("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa3", NOW - 40_000 * MS));
        model.refresh();

        model.selectEdge(served.edge("lab-web", "lab-backend").orElseThrow());

        assertThat(model.edgeTraces()).extracting(TraceSummary::traceId)
                .containsExactly("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa3", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1");
        assertThat(model.edgeTextProperty().get())
                .isEqualTo("2 traces with a call lab-web → lab-backend among the 3 newest of lab-web in the range:");
        model.openTrace(model.edgeTraces().get(0));
        assertThat(navigator.traces).containsExactly("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa3");

        model.selectEdge(served.edge("user", "lab-web").orElseThrow());
        assertThat(model.edgeTraces()).hasSize(3); // every trace here starts at lab-web's root SERVER span

        model.clearEdge();
        assertThat(model.selectedEdgeProperty().get()).isNull();
        assertThat(model.edgeTraces()).isEmpty();
    }

    @Test
    void anEdgeGoneFromTheNextMapIsNoLongerSelected() {
        model.refresh();
        model.selectEdge(served.edge("lab-web", "lab-backend").orElseThrow());
        served = ServiceMap.empty(NOW - 1, NOW);

        model.refresh();

        assertThat(model.selectedEdgeProperty().get()).isNull();
    }

    @Test
    void edgeLabelsSayRateErrorsAndP95() {
        assertThat(MapViewModel.edgeLabel(new MapEdge("a", "b", 40, 3, 90.4, 2.5))).isEqualTo("2.50 req/s · 7.5% err · p95 90 ms");
        assertThat(MapViewModel.edgeLabel(new MapEdge("a", "b", 4000, 0, 1520, 13.3))).isEqualTo("13 req/s · 0.0% err · p95 1.52 s");
        assertThat(MapViewModel.edgeLabel(new MapEdge("a", "b", 1, 0, Double.NaN, 0.01))).isEqualTo("0.01 req/s · 0.0% err · p95 -");
    }

    @Test
    void theRangeIsRemembered() {
        model.timeRangeForm().choiceProperty().set(TimeRangeChoice.LAST_HOUR);
        model.autoRefreshProperty().set(false);
        Map<String, String> saved = model.saveState();
        MapViewModel again = new MapViewModel(maps, slis, traces, TestExecutors.direct(timer), navigator);

        again.restoreState(saved);

        assertThat(again.timeRangeForm().choiceProperty().get()).isEqualTo(TimeRangeChoice.LAST_HOUR);
        assertThat(again.autoRefreshProperty().get()).isFalse();
        again.restoreState(Map.of("range", "ANY_TIME"));
        assertThat(again.timeRangeForm().choiceProperty().get()).isEqualTo(TimeRangeChoice.LAST_15_MINUTES);
        again.close();
    }

    @Test
    void aCycleOfCallsStillGetsALayout() {
        List<MapEdge> edges = List.of(new MapEdge("a", "b", 1, 0, 1, 1), new MapEdge("b", "a", 1, 0, 1, 1),
                new MapEdge("b", "db", 1, 0, 1, 1));
        ServiceMap cyclic = new ServiceMap(0, 1, List.of(new MapNode("a", NodeKind.SERVICE, 1, 0),
                new MapNode("b", NodeKind.SERVICE, 1, 0), new MapNode("db", NodeKind.DATABASE, 1, 0)), edges);

        MapLayout layout = MapLayout.of(cyclic);

        assertThat(layout.cells()).hasSize(3);
        assertThat(layout.cells().get("db").column()).isEqualTo(layout.columns() - 1);
    }

    private static List<Span> webToBackend(String traceId, long start) {
        String server = traceId.substring(16, 31) + "1";
        String client = traceId.substring(16, 31) + "2";
        return List.of(span(traceId, server, "", "lab-web", SpanKind.SERVER, start, 100),
                span(traceId, client, server, "lab-web", SpanKind.CLIENT, start + MS, 90),
                span(traceId, traceId.substring(16, 31) + "3", client, "lab-backend", SpanKind.SERVER, start + 2 * MS, 80));
    }

    private static List<Span> webOnly(String traceId, long start) {
        return List.of(span(traceId, traceId.substring(16, 31) + "1", "", "lab-web", SpanKind.SERVER, start, 5));
    }

    private static Span span(String traceId, String spanId, String parent, String service, SpanKind kind, long start,
                             long millis) {
        return new Span(traceId, spanId, parent, kind + " span", kind, service, start, start + millis * MS,
                StatusCode.UNSET, "", Map.of(), List.of(), List.of(), new Resource(Map.of("service.name", service)), null);
    }

    /** SLO status of a fixed health per service; remembers which services were judged. */
    private static final class HealthBySlis implements SliSource {
        private final Map<String, SloHealth> health;
        private final List<String> judged = new ArrayList<>();

        HealthBySlis(Map<String, SloHealth> health) {
            this.health = health;
        }

        @Override
        public SliReport sli(String service, TimeRange range, Duration step) {
            throw new UnsupportedOperationException("the map asks for SLO status only");
        }

        @Override
        public List<SloStatus> sloStatus(String service, TimeRange range, SloTargets targets) {
            judged.add(service);
            SloHealth shown = health.getOrDefault(service, SloHealth.NO_DATA);
            return List.of(new SloStatus(service, "", targets, 10, 0.9, 90, 0.5, 1, shown, shown));
        }

        @Override
        public List<String> services(TimeRange range) {
            return List.copyOf(health.keySet());
        }
    }
}
