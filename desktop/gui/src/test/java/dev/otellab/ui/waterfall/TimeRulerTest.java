package dev.otellab.ui.waterfall;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How many labels the time axis shows for the width it has (no screen needed). */
class TimeRulerTest {
    @Test
    void aWideAxisShowsAllFiveLabels() {
        assertThat(TimeRuler.intervalsFitting(800, 50)).isEqualTo(4);
    }

    @Test
    void aNarrowerAxisShowsThreeThenTwoLabelsSoThatNoneTouch() {
        assertThat(TimeRuler.intervalsFitting(300, 50)).isEqualTo(2);
        assertThat(TimeRuler.intervalsFitting(120, 50)).isEqualTo(1);
    }
}
