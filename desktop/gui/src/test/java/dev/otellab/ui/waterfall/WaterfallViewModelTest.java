package dev.otellab.ui.waterfall;

import dev.otellab.telemetry.model.SpanId;
import dev.otellab.telemetry.model.TraceId;
import dev.otellab.telemetry.model.SpanEvent;
import dev.otellab.telemetry.model.StatusCode;
import dev.otellab.telemetry.model.Trace;
import dev.otellab.telemetry.query.LogFilter;
import dev.otellab.ui.InMemoryTelemetry;
import dev.otellab.ui.SampleTelemetry;
import dev.otellab.ui.common.TestExecutors;
import dev.otellab.ui.shell.Navigator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

import static dev.otellab.ui.waterfall.Spans.id;
import static dev.otellab.ui.waterfall.Spans.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WaterfallViewModelTest {
    private final ScheduledExecutorService timer = TestExecutors.timer();
    private final List<LogFilter> logNavigations = new ArrayList<>();
    private final List<String> traceNavigations = new ArrayList<>();
    private final Navigator navigator = new Navigator() {
        @Override
        public void showTrace(String traceId) {
            traceNavigations.add(traceId);
        }

        @Override
        public void showLogs(LogFilter filter) {
            logNavigations.add(filter);
        }

        @Override
        public void showLab() {
        }
    };
    private final InMemoryTelemetry telemetry = new InMemoryTelemetry();
    private final WaterfallViewModel model = new WaterfallViewModel(telemetry, TestExecutors.direct(timer), navigator);

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    /** root 0-100 [a 10-40 [a1 15-30], b 50-90 (error, with an exception event)] */
    private Trace smallTrace() {
        SpanEvent exception = new SpanEvent(80_000_000, SpanEvent.EXCEPTION, Map.of(
                "exception.type", "java.sql.SQLException", "exception.message", "database is locked",
                "exception.stacktrace", "java.sql.SQLException: database is locked\n\tat org.sqlite.core.DB.newSQLException(DB.java:1179)",
                "exception.escaped", true));
        return new Trace(Spans.TRACE, List.of(
                span("1", "", "POST /api/tasks", 0, 100, StatusCode.UNSET, Map.of("http.route", "/api/tasks"), List.of()),
                span("2", "1", "validate task", 10, 40),
                span("3", "2", "SELECT tasks", 15, 30, StatusCode.UNSET, Map.of("db.system.name", "sqlite"), List.of()),
                span("4", "1", "INSERT tasks", 50, 90, StatusCode.ERROR, Map.of("db.system.name", "sqlite"), List.of(exception))));
    }

    private List<String> visibleNames() {
        return model.rows().stream().map(row -> row.span().name()).toList();
    }

    @Test
    void rowsFollowTheTreeWithBarsSelfTimesAndTheCriticalPath() {
        model.show(smallTrace());

        assertThat(visibleNames()).containsExactly("POST /api/tasks", "validate task", "SELECT tasks", "INSERT tasks");
        WaterfallRow root = model.rows().get(0);
        assertThat(root.hasChildren()).isTrue();
        assertThat(root.expanded()).isTrue();
        assertThat(root.selfTimeNanos()).isEqualTo(30_000_000L); // 100 - 30 (a) - 40 (b)
        WaterfallRow insert = model.rows().get(3);
        assertThat(insert.bar().offset()).isCloseTo(0.5, within(1e-9));
        assertThat(insert.bar().width()).isCloseTo(0.4, within(1e-9));
        assertThat(insert.span().isError()).isTrue();
        assertThat(model.rows()).filteredOn(WaterfallRow::onCriticalPath).extracting(row -> row.span().name())
                .containsExactly("POST /api/tasks", "validate task", "SELECT tasks", "INSERT tasks");
        assertThat(model.selectedProperty().get()).as("the root is selected first").isEqualTo(root);
    }

    @Test
    void collapsingHidesTheSubtreeAndExpandingShowsItAgain() {
        model.show(smallTrace());
        WaterfallRow validate = model.rows().get(1);

        model.toggle(validate);
        assertThat(visibleNames()).containsExactly("POST /api/tasks", "validate task", "INSERT tasks");
        assertThat(model.rows().get(1).expanded()).isFalse();

        model.toggle(model.rows().get(1));
        assertThat(visibleNames()).hasSize(4);

        model.collapseAll();
        assertThat(visibleNames()).containsExactly("POST /api/tasks");
        model.expandAll();
        assertThat(visibleNames()).hasSize(4);

        model.toggle(model.rows().get(2)); // a leaf: nothing to collapse
        assertThat(visibleNames()).hasSize(4);
    }

    @Test
    void searchHighlightsMatchesAndOnlyMatchingKeepsTheirAncestors() {
        model.show(smallTrace());
        model.searchProperty().set("SQLITE");

        assertThat(model.matchCountProperty().get()).isEqualTo(2);
        assertThat(model.rows()).filteredOn(WaterfallRow::match).extracting(row -> row.span().name())
                .containsExactly("SELECT tasks", "INSERT tasks");
        assertThat(model.rows()).hasSize(4);

        model.onlyMatchingProperty().set(true);
        model.searchProperty().set("select");
        assertThat(visibleNames()).containsExactly("POST /api/tasks", "validate task", "SELECT tasks");
        assertThat(model.rows()).filteredOn(WaterfallRow::match).hasSize(1);

        model.collapseAll();
        assertThat(visibleNames()).as("only-matching shows matches even inside collapsed spans").hasSize(3);

        model.searchProperty().set(id(4));
        assertThat(visibleNames()).containsExactly("POST /api/tasks", "INSERT tasks");
        model.searchProperty().set("");
        assertThat(visibleNames()).as("no search: collapsing applies again").containsExactly("POST /api/tasks");
    }

    @Test
    void detailsShowTheSelectedSpanWithItsException() {
        model.show(smallTrace());
        model.selectedProperty().set(model.rows().get(3));

        SpanDetails details = model.detailsProperty().get();
        assertThat(details.span().name()).isEqualTo("INSERT tasks");
        assertThat(details.startOffsetNanos()).isEqualTo(50_000_000L);
        assertThat(details.selfTimeNanos()).isEqualTo(40_000_000L);
        assertThat(details.attributes()).containsExactly(new SpanDetails.Field("db.system.name", "sqlite"));
        assertThat(details.resource()).containsExactly(new SpanDetails.Field("service.name", "lab-backend"));
        SpanDetails.Event event = details.events().get(0);
        assertThat(event.isException()).isTrue();
        assertThat(event.exceptionType()).isEqualTo("java.sql.SQLException");
        assertThat(event.exceptionMessage()).isEqualTo("database is locked");
        assertThat(event.stackTrace()).contains("at org.sqlite.core.DB.newSQLException");
        assertThat(event.attributes()).containsExactly(new SpanDetails.Field("exception.escaped", "true"));
        assertThat(event.offsetNanos()).isEqualTo(80_000_000L);
    }

    @Test
    void selectionSurvivesCollapsingElsewhere() {
        model.show(smallTrace());
        model.selectedProperty().set(model.rows().get(3));
        model.toggle(model.rows().get(1));
        assertThat(model.selectedProperty().get().span().name()).isEqualTo("INSERT tasks");
        model.collapseAll();
        assertThat(model.selectedProperty().get()).as("a hidden span is no longer selected").isNull();
        assertThat(model.detailsProperty().get()).isNull();
    }

    @Test
    void logButtonsNavigateWithTheRightFilter() {
        model.show(smallTrace());
        model.selectedProperty().set(model.rows().get(2));
        model.showLogsForSpan();
        model.showLogsForTrace();

        assertThat(logNavigations).containsExactly(LogFilter.forSpan(TraceId.parse(Spans.TRACE), SpanId.parse(id(3))), LogFilter.forTrace(TraceId.parse(Spans.TRACE)));
    }

    @Test
    void withoutLogsInThisModeTraceToLogsDoesNothing() {
        model.show(smallTrace());
        model.selectedProperty().set(model.rows().get(2));
        model.logsAvailableProperty().set(false);

        model.showLogsForSpan();
        model.showLogsForTrace();
        model.showLogsForTraceId(TraceId.parse(Spans.TRACE));

        assertThat(logNavigations).isEmpty();
    }

    @Test
    void opensATraceFromTheSourceOrSaysWhyNot() {
        SampleTelemetry sample = SampleTelemetry.generate(TestExecutors.CLOCK, 5);
        telemetry.addSpans(sample.spans());

        model.open(sample.errorTraceId().toUpperCase(java.util.Locale.ROOT));
        assertThat(model.traceProperty().get().traceId()).isEqualTo(sample.errorTraceId());
        assertThat(model.rows()).extracting(row -> row.span().name()).containsExactly("POST /api/reports/overdue", "simulate failure");
        assertThat(model.rows()).filteredOn(row -> row.span().isError()).hasSize(2);

        model.open("0123456789abcdef0123456789abcdef");
        assertThat(model.errorMessageProperty().get()).startsWith("Trace 0123456789abcdef0123456789abcdef was not found");

        model.open("not-a-trace");
        assertThat(model.errorMessageProperty().get()).startsWith("A trace id is 32 hexadecimal characters");
        assertThat(traceNavigations).isEmpty();
    }

    @Test
    void aTenThousandSpanTraceGivesOneRowPerSpan() {
        Trace big = new Trace("1234567890abcdef1234567890abcdef",
                SampleTelemetry.bigTrace("1234567890abcdef1234567890abcdef", 10_000, 1_000_000_000L));
        model.show(big);
        assertThat(model.rows()).hasSize(10_000);
        model.collapseAll();
        assertThat(model.rows()).hasSize(1);
        model.expandAll();
        model.searchProperty().set("part 9998");
        model.onlyMatchingProperty().set(true);
        assertThat(model.rows()).last().satisfies(row -> assertThat(row.span().name()).isEqualTo("compute part 9998"));
        assertThat(model.rows()).hasSizeLessThan(10);
    }
}
