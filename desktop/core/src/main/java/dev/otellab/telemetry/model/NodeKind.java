package dev.otellab.telemetry.model;

import java.util.Locale;

/** What a node of the service map stands for. */
public enum NodeKind {
    /** Whoever sent a request whose first span is a SERVER span (Tempo's "user" virtual node). */
    USER,
    /** The web page's own telemetry (service lab-browser, or an SDK of language webjs). */
    BROWSER,
    /** An instrumented service. */
    SERVICE,
    /** A database called by a service, named by its db.* attributes. */
    DATABASE,
    /** A called peer that sends no telemetry of its own (named by peer.service or server.address). */
    PEER;

    /** The lowercase name used in JSON and the CLI. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
