package dev.otellab.telemetry.endpoints;

import java.net.URI;

/** The remote backends the console talks to (the LGTM stack, Zipkin, Jaeger), by the name users know them by. */
public enum Backend {
    TEMPO("Tempo", "--tempo"),
    LOKI("Loki", "--loki"),
    PROMETHEUS("Prometheus", "--prometheus"),
    GRAFANA("Grafana", "--grafana"),
    ZIPKIN("Zipkin", "--zipkin"),
    JAEGER("Jaeger", "--jaeger");

    private final String displayName;
    private final String option;

    Backend(String displayName, String option) {
        this.displayName = displayName;
        this.option = option;
    }

    /** Whether this backend is where traces come from (Tempo, Zipkin or Jaeger). */
    public boolean isTraceSource() {
        return this == TEMPO || this == ZIPKIN || this == JAEGER;
    }

    public String displayName() {
        return displayName;
    }

    /** The backend's base URL in {@code endpoints}, or null when none is set. */
    public URI urlIn(LgtmEndpoints endpoints) {
        return switch (this) {
            case TEMPO -> endpoints.tempo();
            case LOKI -> endpoints.loki();
            case PROMETHEUS -> endpoints.prometheus();
            case GRAFANA -> endpoints.grafana();
            case ZIPKIN -> endpoints.zipkin();
            case JAEGER -> endpoints.jaeger();
        };
    }

    /** The command-line option and setting that sets this backend's URL, for error messages. */
    public String option() {
        return option;
    }
}
