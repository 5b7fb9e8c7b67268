package dev.otellab.telemetry.lgtm;

import java.net.URI;

/** The LGTM backends the console talks to, by the name users know them by. */
public enum Backend {
    TEMPO("Tempo", "--tempo"),
    LOKI("Loki", "--loki"),
    PROMETHEUS("Prometheus", "--prometheus"),
    GRAFANA("Grafana", "--grafana");

    private final String displayName;
    private final String option;

    Backend(String displayName, String option) {
        this.displayName = displayName;
        this.option = option;
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
        };
    }

    /** The command-line option and setting that sets this backend's URL, for error messages. */
    String option() {
        return option;
    }
}
