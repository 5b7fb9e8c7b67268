package dev.otellab.telemetry.query;

/** A running live feed; closing it stops delivery. Closing twice is harmless. */
public interface Subscription extends AutoCloseable {
    @Override
    void close();
}
