package dev.otellab.telemetry.embedded.receiver;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReceiverSettingsTest {

    @Test
    void defaultsAreTheOtlpPortsOnLoopbackWith16MiB() {
        assertThat(ReceiverSettings.DEFAULT.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(ReceiverSettings.DEFAULT.httpPort()).isEqualTo(4318);
        assertThat(ReceiverSettings.DEFAULT.grpcPort()).isEqualTo(4317);
        assertThat(ReceiverSettings.DEFAULT.maxBodyBytes()).isEqualTo(16 * 1024 * 1024);
    }

    @Test
    void parsesSizesAsUsersWriteThem() {
        assertThat(ReceiverSettings.parseSize("16MiB")).isEqualTo(16L << 20);
        assertThat(ReceiverSettings.parseSize("16m")).isEqualTo(16L << 20);
        assertThat(ReceiverSettings.parseSize("512 KiB")).isEqualTo(512L << 10);
        assertThat(ReceiverSettings.parseSize("1g")).isEqualTo(1L << 30);
        assertThat(ReceiverSettings.parseSize("1048576")).isEqualTo(1L << 20);
        assertThatThrownBy(() -> ReceiverSettings.parseSize("big")).hasMessageContaining("16MiB");
    }

    @Test
    void refusesImpossibleValues() {
        assertThatThrownBy(() -> ReceiverSettings.DEFAULT.withHttpPort(70_000)).hasMessageContaining("OTLP/HTTP port");
        assertThatThrownBy(() -> ReceiverSettings.DEFAULT.withGrpcPort(-1)).hasMessageContaining("OTLP/gRPC port");
        assertThatThrownBy(() -> ReceiverSettings.DEFAULT.withMaxBodyBytes(0)).hasMessageContaining("maximum request size");
        assertThatThrownBy(() -> ReceiverSettings.DEFAULT.withMaxBodyBytes(3L << 30)).hasMessageContaining("2 GiB");
    }
}
