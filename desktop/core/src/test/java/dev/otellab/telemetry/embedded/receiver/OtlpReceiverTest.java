package dev.otellab.telemetry.embedded.receiver;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OtlpReceiverTest {
    private final RecordingIngest ingest = new RecordingIngest();

    private static ServerSocket occupy() throws IOException {
        return new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void reportsTheActualPortsWhenAnyFreePortIsAsked() {
        try (OtlpReceiver receiver = new OtlpReceiver(ReceiverSettings.anyFreePorts(), ingest)) {
            ReceiverEndpoints endpoints = receiver.start();

            assertThat(endpoints.httpPort()).isPositive().isNotEqualTo(endpoints.grpcPort());
            assertThat(endpoints.grpcPort()).isPositive();
            assertThat(endpoints.httpUrl()).isEqualTo("http://127.0.0.1:" + endpoints.httpPort());
            assertThat(receiver.endpoints()).isEqualTo(endpoints);
            assertThat(listening(endpoints.httpPort())).isTrue();
            assertThat(listening(endpoints.grpcPort())).isTrue();

            receiver.stop();

            assertThat(receiver.isRunning()).isFalse();
            assertThat(listening(endpoints.httpPort())).isFalse();
            assertThat(listening(endpoints.grpcPort())).isFalse();
        }
    }

    @Test
    void namesTheHttpPortWhenItIsTaken() throws IOException {
        try (ServerSocket taken = occupy()) {
            int port = taken.getLocalPort();
            OtlpReceiver receiver = new OtlpReceiver(ReceiverSettings.anyFreePorts().withHttpPort(port), ingest);

            assertThatThrownBy(receiver::start)
                    .isInstanceOf(ReceiverStartException.class)
                    .hasMessage("Port " + port + " (OTLP/HTTP) on 127.0.0.1 is already in use. Stop the other OTLP "
                            + "receiver (a Collector?) or choose another port with --http-port.");
            assertThat(receiver.isRunning()).isFalse();
        }
    }

    @Test
    void stopsTheHttpServerWhenTheGrpcPortIsTaken() throws IOException {
        int httpPort;
        try (ServerSocket probe = occupy()) {
            httpPort = probe.getLocalPort();
        }
        try (ServerSocket taken = occupy()) {
            int port = taken.getLocalPort();
            OtlpReceiver receiver = new OtlpReceiver(
                    ReceiverSettings.DEFAULT.withHttpPort(httpPort).withGrpcPort(port), ingest);

            assertThatThrownBy(receiver::start)
                    .isInstanceOf(ReceiverStartException.class)
                    .hasMessageContaining("Port " + port + " (OTLP/gRPC) on 127.0.0.1 is already in use")
                    .hasMessageContaining("--grpc-port");
            assertThat(listening(httpPort)).as("no half-started receiver").isFalse();
            assertThat(receiver.isRunning()).isFalse();
        }
    }

    @Test
    void endpointsOfAStoppedReceiverAreAnError() {
        OtlpReceiver receiver = new OtlpReceiver(ReceiverSettings.anyFreePorts(), ingest);

        assertThatThrownBy(receiver::endpoints).isInstanceOf(IllegalStateException.class).hasMessageContaining("not running");
    }
}
