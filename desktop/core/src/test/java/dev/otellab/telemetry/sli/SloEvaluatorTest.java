package dev.otellab.telemetry.sli;

import dev.otellab.telemetry.model.SliPoint;
import dev.otellab.telemetry.model.SloHealth;
import dev.otellab.telemetry.model.SloStatus;
import dev.otellab.telemetry.model.SloTargets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SloEvaluatorTest {
    private static final SloTargets TARGETS = new SloTargets(0.99, 500);

    private static SloStatus judge(long requests, long errors, double p95) {
        double ratio = requests == 0 ? Double.NaN : (double) errors / requests;
        SliPoint total = new SliPoint(0, requests, errors, requests / 60.0, ratio, 1 - ratio, p95 / 2, p95, p95);
        return SloEvaluator.evaluate("tasks", "", total, TARGETS);
    }

    @Test
    void plentyOfBudgetAndFastIsGreen() {
        SloStatus status = judge(1000, 2, 100);

        assertThat(status.burnRate()).isCloseTo(0.2, within(1e-9));
        assertThat(status.errorBudgetRemaining()).isCloseTo(0.8, within(1e-9));
        assertThat(status.overall()).isEqualTo(SloHealth.GREEN);
    }

    @Test
    void meetingTheTargetWithLessThanAQuarterOfTheBudgetLeftIsAmber() {
        SloStatus status = judge(1000, 8, 100);

        assertThat(status.availabilityHealth()).isEqualTo(SloHealth.AMBER);
        assertThat(status.errorBudgetRemaining()).isCloseTo(0.2, within(1e-9));
    }

    @Test
    void latencyNearTheTargetIsAmberAndOverItIsRed() {
        assertThat(judge(1000, 0, 450).latencyHealth()).isEqualTo(SloHealth.AMBER);
        assertThat(judge(1000, 0, 501).latencyHealth()).isEqualTo(SloHealth.RED);
        assertThat(judge(1000, 0, 501).overall()).isEqualTo(SloHealth.RED);
    }

    @Test
    void missingTheAvailabilityTargetIsRed() {
        assertThat(judge(100, 2, 10).availabilityHealth()).isEqualTo(SloHealth.RED);
    }

    @Test
    void noRequestsIsNoData() {
        SloStatus status = judge(0, 0, Double.NaN);

        assertThat(status.overall()).isEqualTo(SloHealth.NO_DATA);
        assertThat(status.burnRate()).isNaN();
    }
}
