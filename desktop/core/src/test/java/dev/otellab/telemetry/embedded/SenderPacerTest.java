package dev.otellab.telemetry.embedded;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class SenderPacerTest {
    private final SenderPacer pacer = new SenderPacer(1_000);

    @Test
    void sendersGoAtOnceWhileTheUnwrittenItemsStayWithinTheLimit() {
        assertThat(pacer.admit(600)).isCompleted();
        assertThat(pacer.admit(400)).isCompleted();
        assertThat(pacer.admit(500)).isCompleted(); // 1,000 unwritten before it: the limit
        assertThat(pacer.admit(1)).isNotCompleted(); // 1,500
    }

    @Test
    void aSenderBeyondTheLimitGoesOnceTheWriterHasCaughtUpWithTheItemsBeforeIt() {
        pacer.admit(800);
        pacer.admit(800);
        CompletableFuture<Void> third = pacer.admit(800); // 1,600 unwritten before it: 600 over the limit

        assertThat(pacer.written(500)).isEmpty();
        assertThat(third).isNotCompleted();
        List<CompletableFuture<Void>> go = pacer.written(300);
        assertThat(go).containsExactly(third);
    }

    @Test
    void waitingSendersGoInTheirOrder() {
        pacer.admit(1_500);
        CompletableFuture<Void> second = pacer.admit(500); // 500 over the limit
        CompletableFuture<Void> third = pacer.admit(500); // 1,000 over

        assertThat(pacer.written(600)).containsExactly(second);
        assertThat(pacer.written(400)).containsExactly(third);
        assertThat(pacer.admit(100)).isNotCompleted(); // 1,500 unwritten of 2,500
        assertThat(pacer.written(499)).isEmpty();
    }

    @Test
    void closingLetsEveryWaitingSenderGo() {
        pacer.admit(2_000);
        CompletableFuture<Void> waiting = pacer.admit(10);

        assertThat(pacer.releaseAll()).containsExactly(waiting);
        assertThat(pacer.releaseAll()).isEmpty();
    }
}
