package dev.otellab.telemetry.embedded.receiver;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the embedded OTLP receiver listens and how large a request may be. Port 0 asks for any
 * free port; {@link OtlpReceiver#endpoints()} then reports the ports actually bound.
 * {@code maxBodyBytes} limits an OTLP/HTTP body (before and after gunzip) and a gRPC message.
 */
public record ReceiverSettings(String bindAddress, int httpPort, int grpcPort, long maxBodyBytes) {
    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    public static final int DEFAULT_HTTP_PORT = 4318;
    public static final int DEFAULT_GRPC_PORT = 4317;
    public static final long DEFAULT_MAX_BODY_BYTES = 16L * 1024 * 1024;
    public static final ReceiverSettings DEFAULT = new ReceiverSettings(
            DEFAULT_BIND_ADDRESS, DEFAULT_HTTP_PORT, DEFAULT_GRPC_PORT, DEFAULT_MAX_BODY_BYTES);

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmg]i?b?|b)?");

    public ReceiverSettings {
        bindAddress = bindAddress == null || bindAddress.isBlank() ? DEFAULT_BIND_ADDRESS : bindAddress.trim();
        checkPort(httpPort, "OTLP/HTTP");
        checkPort(grpcPort, "OTLP/gRPC");
        if (maxBodyBytes < 1 || maxBodyBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "The maximum request size is between 1 byte and 2 GiB, got " + maxBodyBytes + " bytes");
        }
    }

    /** Same settings, both ports 0: any free ports (tests, several consoles side by side). */
    public static ReceiverSettings anyFreePorts() {
        return DEFAULT.withHttpPort(0).withGrpcPort(0);
    }

    public ReceiverSettings withBindAddress(String value) {
        return new ReceiverSettings(value, httpPort, grpcPort, maxBodyBytes);
    }

    public ReceiverSettings withHttpPort(int value) {
        return new ReceiverSettings(bindAddress, value, grpcPort, maxBodyBytes);
    }

    public ReceiverSettings withGrpcPort(int value) {
        return new ReceiverSettings(bindAddress, httpPort, value, maxBodyBytes);
    }

    public ReceiverSettings withMaxBodyBytes(long value) {
        return new ReceiverSettings(bindAddress, httpPort, grpcPort, value);
    }

    /**
     * Parses a size as users write it: {@code 16MiB}, {@code 16m}, {@code 512KiB}, {@code 1048576}.
     * K, M and G are binary (1024-based), as for the JVM's -Xmx.
     */
    public static long parseSize(String text) {
        String normalized = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Matcher matcher = SIZE.matcher(normalized);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(
                    "A size is a number of bytes with an optional unit (KiB, MiB, GiB), e.g. 16MiB; got '" + text + "'");
        }
        long number = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "b" : matcher.group(2);
        long factor = switch (unit.charAt(0)) {
            case 'k' -> 1024L;
            case 'm' -> 1024L * 1024;
            case 'g' -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        if (number > Long.MAX_VALUE / factor) {
            throw new IllegalArgumentException("The size '" + text + "' is too large");
        }
        return number * factor;
    }

    private static void checkPort(int port, String what) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(
                    "The " + what + " port is between 0 (any free port) and 65535, got " + port);
        }
    }
}
