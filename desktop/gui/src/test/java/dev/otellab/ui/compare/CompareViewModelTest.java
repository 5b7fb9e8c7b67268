package dev.otellab.ui.compare;

import dev.otellab.telemetry.diff.CheckoutRequests;
import dev.otellab.telemetry.diff.SpanDiff;
import dev.otellab.telemetry.model.StatusCode;
import dev.otellab.telemetry.model.Trace;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.ui.InMemoryTelemetry;
import dev.otellab.ui.common.UiExecutors;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Compare pane's state without a screen: over in-memory traces, work run at once. */
class CompareViewModelTest {
    private static final String A = "000000000000000000000000000000a1";
    private static final String B = "000000000000000000000000000000b1";

    private final InMemoryTelemetry telemetry = new InMemoryTelemetry();
    private final CompareViewModel model = new CompareViewModel(telemetry,
            new UiExecutors(Runnable::run, Runnable::run, null, Clock.systemUTC()));

    @Test
    void comparesTwoTracesByIdAndFiltersToTheDifferences() {
        telemetry.addSpans(CheckoutRequests.request(A, 50, 3, StatusCode.UNSET, "visa").spans());
        telemetry.addSpans(CheckoutRequests.request(B, 250, 5, StatusCode.UNSET, "visa").spans());
        model.compareIds(A, B);
        assertThat(model.errorMessageProperty().get()).isEmpty();
        assertThat(model.headlineProperty().get()).isEqualTo(
                "B is 200 ms slower than A (+200 %) · 6 spans aligned, 0 only in A, 2 only in B, 0 status changes");
        assertThat(model.topContributors()).first().extracting(SpanDiff::name).isEqualTo("charge card");
        assertThat(model.rows()).hasSize(8);
        model.onlyDifferencesProperty().set(true);
        assertThat(model.rows()).extracting(SpanDiff::name)
                .containsExactly("GET /checkout", "load cart", "SELECT items", "SELECT items", "charge card");
    }

    @Test
    void aMissingTraceOrABadIdIsAMessage() {
        model.compareIds(A, "not-an-id");
        assertThat(model.errorMessageProperty().get()).contains("32 hexadecimal characters");
        model.compareIds(A, B);
        assertThat(model.errorMessageProperty().get()).isEqualTo("Trace " + A + " was not found.");
        assertThat(model.diffProperty().get()).isNull();
    }

    @Test
    void comparesWithTheTypicalTraceOfTheRange() {
        List<Trace> others = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Trace other = CheckoutRequests.request(String.format("%032x", 0x100 + i), 40 + i * 5L, 3, StatusCode.UNSET, "visa");
            telemetry.addSpans(other.spans());
            others.add(other);
        }
        Trace slow = CheckoutRequests.request(B, 400, 3, StatusCode.UNSET, "visa");
        telemetry.addSpans(slow.spans());
        model.compareWithTypical(slow, TimeRange.all());
        assertThat(model.errorMessageProperty().get()).isEmpty();
        assertThat(model.diffProperty().get().typicalOf()).isEqualTo(others.size());
        assertThat(model.topContributors()).first().extracting(SpanDiff::name).isEqualTo("charge card");

        model.compareWithTypical(CheckoutRequests.request("00000000000000000000000000000999", 50, 3,
                StatusCode.UNSET, "visa"), new TimeRange(5, 6));
        assertThat(model.errorMessageProperty().get()).startsWith("No other trace of checkout GET /checkout");
    }
}
