package dev.otellab.presentation;

import dev.otellab.telemetry.model.SloHealth;
import dev.otellab.telemetry.model.SloTargets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SloTextTest {

    @Test
    void aLatencyTargetIsADurationAndABareNumberIsMilliseconds() {
        assertThat(SloText.parseLatencyMillis("500")).isEqualTo(500);
        assertThat(SloText.parseLatencyMillis("500ms")).isEqualTo(500);
        assertThat(SloText.parseLatencyMillis("0.5s")).isEqualTo(500);
        assertThat(SloText.parseLatencyMillis("750us")).isEqualTo(0.75);
        SloTargets targets = SloText.targets("99.9 %", "1.5s");
        assertThat(targets.availability()).isCloseTo(0.999, within(1e-12));
        assertThat(targets.p95LatencyMillis()).isEqualTo(1500);
    }

    @Test
    void badTargetsSayWhatToWrite() {
        assertThatThrownBy(() -> SloText.parseLatencyMillis("soon"))
                .hasMessage("The p95 latency target is a positive duration like 500ms or 0.5s"
                        + " (a bare number is milliseconds); 'soon' is not");
        assertThat(SloText.latencyProblem("0ms")).contains("positive");
        assertThat(SloText.latencyProblem("")).isEqualTo("The p95 latency target is empty");
        assertThat(SloText.availabilityProblem("100")).contains("above 0 and below 100");
        assertThat(SloText.availabilityProblem("ninety")).contains("is a number");
    }

    @Test
    void oneWordPerHealthAndTheNumbersOfBothFaces() {
        assertThat(SloHealth.values()).extracting(SloText::healthText).containsExactly("OK", "At risk", "Missed", "No data");
        assertThat(SloText.formatPercent(0.975)).isEqualTo("97.5 %");
        assertThat(SloText.formatPercent(0.9996)).isEqualTo("99.96 %");
        assertThat(SloText.formatMillis(12.34)).isEqualTo("12.3 ms");
        assertThat(SloText.formatMillis(1234.5)).isEqualTo("1235 ms");
        assertThat(SloText.formatBurnRate(Double.NaN)).isEqualTo("–");
        assertThat(SloText.formatRate(0.2)).isEqualTo("0.20/s");
    }
}
