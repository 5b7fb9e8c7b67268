package dev.otellab.telemetry.diff;

import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.SpanKind;
import dev.otellab.telemetry.model.StatusCode;
import dev.otellab.telemetry.model.Trace;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.otellab.telemetry.diff.CheckoutRequests.request;
import static dev.otellab.telemetry.embedded.TestTelemetry.span;
import static org.assertj.core.api.Assertions.assertThat;

/** Constructed changes between two traces of the same request, and what the diff says about them. */
class TraceDifferTest {
    private static final long MS = 1_000_000L;

    @Test
    void aTraceComparedWithItselfHasNoDifference() {
        Trace trace = request("a1", 50, 3, StatusCode.UNSET, "visa");
        TraceDiff diff = TraceDiffer.diff(trace, trace);
        assertThat(diff.isEmpty()).isTrue();
        assertThat(diff.spans()).hasSize(trace.spans().size()).allMatch(row -> row.presence() == Presence.BOTH);
        assertThat(diff.topContributors()).isEmpty();
        assertThat(diff.totalDelta()).isZero();
    }

    @Test
    void aSlowerSpanIsTheTopContributor() {
        TraceDiff diff = TraceDiffer.diff(request("a1", 50, 3, StatusCode.UNSET, "visa"),
                request("b1", 250, 3, StatusCode.UNSET, "visa"));
        assertThat(diff.totalDelta()).isEqualTo(200 * MS);
        SpanDiff charge = row(diff, "GET /checkout > charge card");
        assertThat(charge.durationDelta()).isEqualTo(200 * MS);
        assertThat(charge.selfDelta()).isEqualTo(200 * MS);
        assertThat(diff.topContributors()).first().extracting(SpanDiff::name).isEqualTo("charge card");
        assertThat(row(diff, "GET /checkout > load cart").hasDifference()).isFalse();
    }

    @Test
    void anAddedSpanAndRepeatedChildrenOfDifferentCounts() {
        TraceDiff diff = TraceDiffer.diff(request("a1", 50, 3, StatusCode.UNSET, "visa"),
                request("b1", 50, 5, StatusCode.UNSET, "visa"));
        List<SpanDiff> sql = diff.spans().stream().filter(row -> row.name().equals("SELECT items")).toList();
        assertThat(sql).extracting(SpanDiff::presence).containsExactly(Presence.BOTH, Presence.BOTH, Presence.BOTH,
                Presence.ONLY_B, Presence.ONLY_B);
        assertThat(sql).extracting(SpanDiff::path).containsExactly(
                "GET /checkout > load cart > SELECT items #1", "GET /checkout > load cart > SELECT items #2",
                "GET /checkout > load cart > SELECT items #3", "GET /checkout > load cart > SELECT items #4",
                "GET /checkout > load cart > SELECT items #5");
        assertThat(sql.subList(0, 3)).noneMatch(SpanDiff::hasDifference);
        assertThat(diff.count(Presence.ONLY_B)).isEqualTo(2);
        assertThat(diff.count(Presence.ONLY_A)).isZero();
        // The other way round, the two extra calls are only in A.
        assertThat(TraceDiffer.diff(request("b1", 50, 5, StatusCode.UNSET, "visa"),
                request("a1", 50, 3, StatusCode.UNSET, "visa")).count(Presence.ONLY_A)).isEqualTo(2);
    }

    @Test
    void aStatusChangeAndAnAttributeChange() {
        TraceDiff diff = TraceDiffer.diff(request("a1", 50, 3, StatusCode.UNSET, "visa"),
                request("b1", 50, 3, StatusCode.ERROR, "amex"));
        SpanDiff charge = row(diff, "GET /checkout > charge card");
        assertThat(charge.statusChanged()).isTrue();
        assertThat(charge.statusA()).isEqualTo(StatusCode.UNSET);
        assertThat(charge.statusB()).isEqualTo(StatusCode.ERROR);
        assertThat(charge.attributeChanges()).containsExactly(new AttributeChange("card.type", "visa", "amex"));
        assertThat(diff.statusChanges()).isEqualTo(1);
        assertThat(diff.isEmpty()).isFalse();
    }

    @Test
    void reorderedSiblingsStillAlign() {
        Trace a = request("a1", 50, 3, StatusCode.UNSET, "visa");
        // B charges the card first, then loads the cart: same spans, other order.
        List<Span> spans = new ArrayList<>();
        spans.add(span("b1", id(1), "", "checkout", "GET /checkout", SpanKind.SERVER, 0, 100, StatusCode.UNSET,
                Map.of("http.route", "/checkout")));
        spans.add(span("b1", id(3), id(1), "payments", "charge card", SpanKind.CLIENT, 0, 50, StatusCode.UNSET,
                Map.of("card.type", "visa")));
        spans.add(span("b1", id(2), id(1), "checkout", "load cart", SpanKind.INTERNAL, 60 * MS, 30, StatusCode.UNSET, Map.of()));
        for (int i = 0; i < 3; i++) {
            spans.add(span("b1", id(10 + i), id(2), "checkout", "SELECT items", SpanKind.CLIENT, (60 + i * 5L) * MS, 5,
                    StatusCode.UNSET, Map.of("db.system", "sqlite")));
        }
        TraceDiff diff = TraceDiffer.diff(a, new Trace("b1", spans));
        assertThat(diff.count(Presence.BOTH)).isEqualTo(a.spans().size());
        assertThat(diff.spans()).allMatch(row -> row.durationDelta() == 0);
        // Waterfall order of B: the root, then charge card, then load cart with its calls.
        assertThat(diff.spans()).extracting(SpanDiff::name).containsExactly("GET /checkout", "charge card", "load cart",
                "SELECT items", "SELECT items", "SELECT items");
    }

    @Test
    void aFasterTraceNamesTheSpansThatGotFaster() {
        TraceDiff diff = TraceDiffer.diff(request("a1", 250, 3, StatusCode.UNSET, "visa"),
                request("b1", 50, 3, StatusCode.UNSET, "visa"));
        assertThat(diff.totalDelta()).isEqualTo(-200 * MS);
        assertThat(diff.topContributors()).extracting(SpanDiff::name).containsExactly("charge card");
    }

    @Test
    void theTypicalTraceIsTheMedianOfTheOthers() {
        Trace slow = request("s1", 400, 3, StatusCode.UNSET, "visa");
        List<Trace> others = List.of(request("o1", 40, 3, StatusCode.UNSET, "visa"),
                request("o2", 50, 3, StatusCode.UNSET, "visa"), request("o3", 60, 5, StatusCode.UNSET, "visa"));
        TraceDiff diff = TypicalTrace.compare(slow, others);
        assertThat(diff.typicalOf()).isEqualTo(3);
        SpanDiff charge = row(diff, "GET /checkout > charge card");
        assertThat(charge.durationA()).isEqualTo(50 * MS);
        assertThat(charge.durationB()).isEqualTo(400 * MS);
        assertThat(diff.durationA()).isEqualTo(100 * MS);
        assertThat(diff.topContributors()).first().extracting(SpanDiff::name).isEqualTo("charge card");
        // Only one of three typical traces makes 5 SQL calls: those two are not part of the typical trace.
        assertThat(diff.count(Presence.ONLY_A)).isZero();
        TraceDiff fewer = TypicalTrace.compare(request("f1", 50, 1, StatusCode.UNSET, "visa"), others);
        assertThat(fewer.spans()).filteredOn(row -> row.presence() == Presence.ONLY_A)
                .extracting(SpanDiff::path).containsExactly("GET /checkout > load cart > SELECT items #2",
                        "GET /checkout > load cart > SELECT items #3");
    }

    private static SpanDiff row(TraceDiff diff, String path) {
        return diff.spans().stream().filter(row -> row.path().equals(path)).findFirst().orElseThrow(
                () -> new AssertionError("no row " + path + " in " + diff.spans().stream().map(SpanDiff::path).toList()));
    }

    private static String id(long n) {
        return String.format("%016x", n);
    }
}
