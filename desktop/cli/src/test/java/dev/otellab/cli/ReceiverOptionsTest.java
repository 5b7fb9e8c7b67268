package dev.otellab.cli;

import dev.otellab.telemetry.embedded.receiver.ReceiverSettings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReceiverOptionsTest {

    @Command(name = "probe")
    static final class Probe {
        @Mixin
        ReceiverOptions receiver;
    }

    private static ReceiverSettings parse(String... args) {
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs(args);
        return probe.receiver.toSettings();
    }

    @Test
    void defaultsToTheReceiverDefaults() {
        assertThat(parse()).isEqualTo(ReceiverSettings.DEFAULT);
    }

    @Test
    void readsEveryOption() {
        assertThat(parse("--bind", "0.0.0.0", "--http-port", "14318", "--grpc-port", "0", "--max-body", "4MiB"))
                .isEqualTo(new ReceiverSettings("0.0.0.0", 14318, 0, 4L << 20));
    }

    @Test
    void explainsABadSize() {
        assertThatThrownBy(() -> parse("--max-body", "lots"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--max-body")
                .hasMessageContaining("16MiB");
    }
}
