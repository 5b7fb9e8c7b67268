package dev.otellab.telemetry.files;

/** The kinds of trace file the console reads, named as a user knows them. */
public enum TraceFileFormat {
    OTLP_JSON_LINES("OTLP JSON lines"),
    OTLP_JSON("OTLP JSON document"),
    OTLP_PROTOBUF("OTLP protobuf"),
    TEMPO_TRACE_BY_ID("Tempo trace by id (/api/traces, \"batches\")"),
    TEMPO_TRACE_BY_ID_V2("Tempo trace by id (/api/v2/traces, \"trace\")");

    private final String label;

    TraceFileFormat(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
