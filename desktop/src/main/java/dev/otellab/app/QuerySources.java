package dev.otellab.app;

import dev.otellab.telemetry.query.LogSource;
import dev.otellab.telemetry.query.ServiceMapSource;
import dev.otellab.telemetry.query.SliSource;
import dev.otellab.telemetry.query.TraceSource;

/** The query ports a command reads, from the embedded store or an LGTM stack; closing releases them. */
public record QuerySources(TraceSource traces, LogSource logs, SliSource slis, ServiceMapSource serviceMap,
                    AutoCloseable resources)
        implements AutoCloseable {

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
