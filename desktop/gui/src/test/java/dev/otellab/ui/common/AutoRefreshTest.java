package dev.otellab.ui.common;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The auto-refresh switch and timer every refreshing view model shares, without a screen. */
class AutoRefreshTest {
    private final ScheduledExecutorService timer = TestExecutors.timer();
    private final AtomicInteger ticks = new AtomicInteger();
    private final AutoRefresh refresh = new AutoRefresh(TestExecutors.direct(timer), Duration.ofMillis(10),
            ticks::incrementAndGet);

    @AfterEach
    void stopTimer() {
        refresh.close();
        timer.shutdownNow();
    }

    @Test
    void isOnByDefaultAndWantedOnlyWhileTheViewShows() {
        assertThat(refresh.onProperty().get()).isTrue();
        assertThat(refresh.wanted()).isFalse();

        refresh.visibleProperty().set(true);
        assertThat(refresh.wanted()).isTrue();

        refresh.onProperty().set(false);
        assertThat(refresh.wanted()).isFalse();
    }

    @Test
    void ticksWhileWantedFromTheStart() {
        refresh.visibleProperty().set(true);

        await().atMost(Duration.ofSeconds(10)).until(() -> ticks.get() >= 2);
    }

    @Test
    void theSwitchIsSavedAndPutBack() {
        refresh.onProperty().set(false);
        Map<String, String> state = new HashMap<>();
        refresh.save(state);

        AutoRefresh again = new AutoRefresh(TestExecutors.direct(timer), Duration.ofSeconds(5), () -> { });
        again.restore(state);
        assertThat(again.onProperty().get()).isFalse();
        again.restore(Map.of());
        assertThat(again.onProperty().get()).isFalse();

        refresh.close();
        assertThat(refresh.visibleProperty().get()).isFalse();
    }
}
