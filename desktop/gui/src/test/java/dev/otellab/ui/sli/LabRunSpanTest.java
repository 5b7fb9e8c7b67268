package dev.otellab.ui.sli;

import dev.otellab.ui.lab.FakeLabEngine;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The lab run's span follows a (fake) lab engine: it starts with the lab, ends at its stop, and a new start begins a new run. */
class LabRunSpanTest {
    private static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        Instant now = T0;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aRunStartsWithTheLabAndEndsAtItsStop() throws Exception {
        MovingClock clock = new MovingClock();
        try (FakeLabEngine engine = new FakeLabEngine()) {
            LabRunSpan span = LabRunSpan.following(engine, clock);
            assertThat(span.get()).as("before any run").isEmpty();

            clock.now = T0.plusSeconds(5);
            engine.start();
            clock.now = T0.plusSeconds(50);
            assertThat(span.get()).contains(new LabRunSpan.Run(T0.plusSeconds(5), Optional.empty()));

            clock.now = T0.plusSeconds(65);
            engine.stop();
            assertThat(span.get()).as("the last run is kept after its stop")
                    .contains(new LabRunSpan.Run(T0.plusSeconds(5), Optional.of(T0.plusSeconds(65))));

            clock.now = T0.plus(Duration.ofMinutes(10));
            engine.start();
            assertThat(span.get()).contains(new LabRunSpan.Run(T0.plus(Duration.ofMinutes(10)), Optional.empty()));
        }
    }

    @Test
    void aLabFoundRunningStartsTheRunThen() throws Exception {
        MovingClock clock = new MovingClock();
        try (FakeLabEngine engine = new FakeLabEngine()) {
            engine.start();
            clock.now = T0.plusSeconds(30);
            LabRunSpan span = LabRunSpan.following(engine, clock);
            assertThat(span.get()).contains(new LabRunSpan.Run(T0.plusSeconds(30), Optional.empty()));
        }
    }
}
