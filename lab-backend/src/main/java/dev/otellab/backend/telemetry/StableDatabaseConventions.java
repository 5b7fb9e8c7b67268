package dev.otellab.backend.telemetry;

/**
 * Opts the JDBC instrumentation into the stable database semantic conventions
 * (db.system.name, db.query.text, db.collection.name...) unless the user chose otherwise with
 * OTEL_SEMCONV_STABILITY_OPT_IN. The instrumentation reads this once, when its first class
 * loads, so this runs before any JDBC instrumentation is created.
 */
public final class StableDatabaseConventions {
  static final String PROPERTY = "otel.semconv-stability.opt-in";
  static final String VARIABLE = "OTEL_SEMCONV_STABILITY_OPT_IN";

  private StableDatabaseConventions() {}

  public static void optInUnlessChosen() {
    if (System.getProperty(PROPERTY) == null && System.getenv(VARIABLE) == null) {
      System.setProperty(PROPERTY, "database");
    }
  }
}
