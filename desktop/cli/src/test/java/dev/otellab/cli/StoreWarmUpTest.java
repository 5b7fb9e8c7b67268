package dev.otellab.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The store is readied beside the argument parsing only for a query that will read it. */
class StoreWarmUpTest {

    @Test
    void aQueryOfTheEmbeddedStoreIsWarmedUp() {
        assertThat(StoreWarmUp.wanted("traces")).isTrue();
        assertThat(StoreWarmUp.wanted("trace", "0af7651916cd43dd8448eb211c80319c")).isTrue();
        assertThat(StoreWarmUp.wanted("logs", "--data-dir", "/tmp/x")).isTrue();
        assertThat(StoreWarmUp.wanted("sli", "--mode", "embedded")).isTrue();
        assertThat(StoreWarmUp.wanted("map", "--mode=Embedded")).isTrue();
    }

    @Test
    void helpOtherModesAndOtherCommandsAreNot() {
        assertThat(StoreWarmUp.wanted("traces", "--help")).isFalse();
        assertThat(StoreWarmUp.wanted("help", "logs")).isFalse();
        assertThat(StoreWarmUp.wanted("sli", "--mode", "docker")).isFalse();
        assertThat(StoreWarmUp.wanted("traces", "--mode=remote", "--tempo", "http://127.0.0.1:3200")).isFalse();
        assertThat(StoreWarmUp.wanted("receive")).isFalse();
        assertThat(StoreWarmUp.wanted("lab", "logs")).as("the command is the first argument that is not an option")
                .isFalse();
        assertThat(StoreWarmUp.wanted()).isFalse();
    }
}
