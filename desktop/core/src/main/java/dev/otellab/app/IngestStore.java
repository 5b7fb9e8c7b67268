package dev.otellab.app;

import dev.otellab.telemetry.embedded.TelemetryStore;
import dev.otellab.telemetry.embedded.receiver.OtlpReceiver;
import dev.otellab.telemetry.embedded.receiver.ReceiverSettings;
import dev.otellab.telemetry.ingest.TelemetryIngest;
import dev.otellab.telemetry.query.TraceSource;

import java.nio.file.Path;

/**
 * The embedded store opened for writing, as {@code receive} and {@code import} feed it; closing
 * commits what is queued and releases the file. The CLI opens it only here, as it opens its query
 * sources in {@link QuerySources}.
 */
public final class IngestStore implements AutoCloseable {
    private final TelemetryStore store;

    private IngestStore(TelemetryStore store) {
        this.store = store;
    }

    /**
     * The store in {@code storeDir}, made when missing. May throw what opening the store throws
     * (TelemetryQueryException, UncheckedIOException).
     */
    public static IngestStore open(Path storeDir) {
        return new IngestStore(TelemetryStore.open(storeDir));
    }

    /** Where received or imported telemetry goes. */
    public TelemetryIngest ingest() {
        return store;
    }

    /**
     * An OTLP receiver that feeds this store, decoding OTLP/protobuf bodies straight into its rows
     * (decision 0044); the caller starts and stops it.
     */
    public OtlpReceiver receiver(ReceiverSettings settings) {
        return new OtlpReceiver(settings, store);
    }

    /** The traces already stored (an import skips the spans it finds there). */
    public TraceSource traces() {
        return store.traces();
    }

    /** The store's file, to show the user. */
    public Path file() {
        return store.file();
    }

    @Override
    public void close() {
        store.close();
    }
}
