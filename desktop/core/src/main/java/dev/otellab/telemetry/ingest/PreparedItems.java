package dev.otellab.telemetry.ingest;

/**
 * Items an ingest turned into its own storage form while decoding a request (the embedded store
 * decodes OTLP/protobuf straight into its rows); only the ingest that prepared them accepts them.
 */
public interface PreparedItems {
    int size();
}
