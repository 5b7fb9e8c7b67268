package dev.otellab.telemetry.embedded.receiver;

/** The addresses a started receiver listens on, with the ports actually bound. */
public record ReceiverEndpoints(String bindAddress, int httpPort, int grpcPort) {

    /** The base URL for OTEL_EXPORTER_OTLP_ENDPOINT with protocol http/protobuf, e.g. http://127.0.0.1:4318. */
    public String httpUrl() {
        return "http://" + host() + ":" + httpPort;
    }

    /** The URL for an OTLP/gRPC exporter, e.g. http://127.0.0.1:4317. */
    public String grpcUrl() {
        return "http://" + host() + ":" + grpcPort;
    }

    private String host() {
        String host = bindAddress.equals("0.0.0.0") ? "127.0.0.1" : bindAddress.equals("::") ? "::1" : bindAddress;
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
