package dev.otellab.app;

import dev.otellab.lab.LabMode;
import dev.otellab.telemetry.embedded.TelemetryStore;
import dev.otellab.telemetry.endpoints.LgtmEndpoints;
import dev.otellab.telemetry.lgtm.LgtmSources;
import dev.otellab.telemetry.query.LogSource;
import dev.otellab.telemetry.query.ServiceMapSource;
import dev.otellab.telemetry.query.SliSource;
import dev.otellab.telemetry.query.TraceSource;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The query ports a command reads, from the embedded store or an LGTM stack; closing releases them.
 * The CLI opens them only here, so that it reads what the window's lab engines read.
 */
public record QuerySources(TraceSource traces, LogSource logs, SliSource slis, ServiceMapSource serviceMap,
                    AutoCloseable resources)
        implements AutoCloseable {

    /**
     * The store in {@code storeDir}, read-only (the console may be writing it), or empty when
     * nothing is stored there yet. May throw what opening the store throws (TelemetryQueryException).
     */
    public static Optional<QuerySources> openStore(Path storeDir) {
        return storeExists(storeDir) ? Optional.of(of(TelemetryStore.openReadOnly(storeDir))) : Optional.empty();
    }

    /**
     * Readies, without a store, what {@link #openStore} needs once per process (SQLite and the
     * logging it asks for), e.g. on another thread while a command reads its arguments.
     */
    public static void prepareStore() {
        TelemetryStore.prepareReading();
    }

    /** Whether anything was stored in {@code storeDir} yet. */
    public static boolean storeExists(Path storeDir) {
        return TelemetryStore.exists(storeDir);
    }

    /** The ports over an LGTM stack as {@code mode} (Docker or Remote) reads it, as the window's engines do. */
    public static QuerySources lgtm(LabMode mode, LgtmEndpoints endpoints) {
        LgtmSources lgtm = LabEngines.lgtmSources(mode, endpoints);
        return new QuerySources(lgtm.traces(), lgtm.logs(), lgtm.slis(), lgtm.serviceMap(), () -> { });
    }

    private static QuerySources of(TelemetryStore telemetry) {
        return new QuerySources(telemetry.traces(), telemetry.logs(), telemetry.slis(), telemetry.serviceMap(),
                telemetry);
    }

    @Override
    public void close() {
        try {
            resources.close();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
