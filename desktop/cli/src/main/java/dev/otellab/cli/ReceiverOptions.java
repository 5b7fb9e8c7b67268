package dev.otellab.cli;

import dev.otellab.telemetry.embedded.receiver.ReceiverSettings;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * The embedded OTLP receiver's command-line options, for any command that runs it
 * (use with {@code @Mixin ReceiverOptions receiver;}). Unset options keep
 * {@link ReceiverSettings#DEFAULT}'s values.
 */
public final class ReceiverOptions {

    @Option(names = "--bind", paramLabel = "ADDRESS",
            description = "Address the OTLP receiver listens on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).",
            defaultValue = ReceiverSettings.DEFAULT_BIND_ADDRESS)
    String bindAddress;

    @Option(names = "--http-port", paramLabel = "PORT",
            description = "OTLP/HTTP port (default: ${DEFAULT-VALUE}; 0 = any free port).",
            defaultValue = "" + ReceiverSettings.DEFAULT_HTTP_PORT)
    int httpPort;

    @Option(names = "--grpc-port", paramLabel = "PORT",
            description = "OTLP/gRPC port (default: ${DEFAULT-VALUE}; 0 = any free port).",
            defaultValue = "" + ReceiverSettings.DEFAULT_GRPC_PORT)
    int grpcPort;

    @Option(names = "--max-body", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "Largest OTLP request accepted, before and after gunzip, e.g. 16MiB, 512KiB (default: ${DEFAULT-VALUE}).",
            defaultValue = "16MiB")
    long maxBodyBytes;

    /** The settings these options describe; throws IllegalArgumentException with a readable message. */
    public ReceiverSettings toSettings() {
        return new ReceiverSettings(bindAddress, httpPort, grpcPort, maxBodyBytes);
    }

    /** Reads sizes such as 16MiB for picocli, with the same rules as {@link ReceiverSettings#parseSize}. */
    static final class SizeConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return ReceiverSettings.parseSize(value);
        }
    }
}
