package dev.otellab.lab;

/**
 * Where Docker mode reads traces: the stack's Tempo (default), or the Jaeger or Zipkin of the
 * stack's jaeger-zipkin Compose profile, which the lab then turns on at Start (decision 0036).
 */
public enum TraceSourceChoice {
    TEMPO("Tempo"),
    JAEGER("Jaeger"),
    ZIPKIN("Zipkin");

    /** The Compose profile that runs Jaeger and Zipkin next to Tempo (stack/compose.yaml). */
    public static final String JAEGER_ZIPKIN_PROFILE = "jaeger-zipkin";

    private final String displayName;

    TraceSourceChoice(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /** Whether reading traces here needs the jaeger-zipkin profile's services running. */
    public boolean needsJaegerZipkinProfile() {
        return this != TEMPO;
    }
}
