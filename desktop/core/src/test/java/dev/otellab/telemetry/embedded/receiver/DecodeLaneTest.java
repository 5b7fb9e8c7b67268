package dev.otellab.telemetry.embedded.receiver;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DecodeLaneTest {
    private final DecodeLane lane = new DecodeLane(1, 1);

    @AfterEach
    void close() {
        lane.close();
    }

    @Test
    void hasAPlaceForEachThreadAndEachQueuedRequest() {
        Optional<DecodeLane.Place> first = lane.tryReserve();
        Optional<DecodeLane.Place> second = lane.tryReserve();

        assertThat(first).isPresent();
        assertThat(second).isPresent();
        assertThat(lane.tryReserve()).isEmpty();
        first.get().release();
        assertThat(lane.tryReserve()).isPresent();
    }

    @Test
    void releasingTwiceFreesThePlaceOnce() {
        DecodeLane.Place place = lane.tryReserve().orElseThrow();

        place.release();
        place.release();

        assertThat(lane.freePlaces()).isEqualTo(2);
    }

    @Test
    void aSlowBodyLendsItsPlaceAndTakesOneAgainWhenOneIsFree() {
        DecodeLane.Place slow = lane.tryReserve().orElseThrow();

        slow.lendWhileWaiting();

        assertThat(lane.freePlaces()).isEqualTo(2);
        DecodeLane.Place fast = lane.tryReserve().orElseThrow();
        DecodeLane.Place other = lane.tryReserve().orElseThrow();
        assertThat(slow.claim()).as("no place free when the slow body arrives").isFalse();
        fast.release();
        assertThat(slow.claim()).isTrue();
        assertThat(lane.freePlaces()).isZero();
        slow.release();
        other.release();
        assertThat(lane.freePlaces()).isEqualTo(2);
    }

    @Test
    void aLentPlaceIsNotFreedAgainWhenTheRequestEnds() {
        DecodeLane.Place slow = lane.tryReserve().orElseThrow();

        slow.lendWhileWaiting();
        slow.release();

        assertThat(lane.freePlaces()).isEqualTo(2);
    }

    @Test
    void aBodyThatArrivedInTimeKeepsItsPlace() {
        DecodeLane.Place place = lane.tryReserve().orElseThrow();

        assertThat(place.claim()).isTrue();
        place.lendWhileWaiting(); // the timer firing late does not take a claimed place away

        assertThat(lane.freePlaces()).isEqualTo(1);
    }
}
