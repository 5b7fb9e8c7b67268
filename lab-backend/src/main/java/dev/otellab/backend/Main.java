package dev.otellab.backend;

import dev.otellab.backend.config.ConfigResult;
import dev.otellab.backend.config.LabConfigParser;
import dev.otellab.backend.telemetry.LabTelemetry;
import dev.otellab.backend.telemetry.StableDatabaseConventions;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Entry point: {@code java -jar lab-backend.jar [--port N] [--bind ADDR] [--db FILE]}.
 *
 * <p>Exit codes: 0 after --help/--version, 2 for invalid settings, 1 when start-up fails (port in
 * use, database unusable). On SIGTERM the shutdown hook drains HTTP requests, then flushes and
 * stops the OpenTelemetry SDK; the JVM then exits with 143 (128 + SIGTERM), as Java does. Started
 * by the console (OTEL_LAB_PARENT_PID set), it stops the same way when the console is gone, exit code 3.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    StableDatabaseConventions.optInUnlessChosen();
    Map<String, String> environment = System.getenv();
    ConfigResult result = new LabConfigParser(environment).parse(args);
    if (result instanceof ConfigResult.Invalid invalid) {
      System.err.println("lab-backend: " + invalid.message());
      System.exit(ConfigResult.Invalid.EXIT_CODE);
    } else if (result instanceof ConfigResult.InfoRequested info) {
      System.out.println(info.text());
    } else if (result instanceof ConfigResult.Valid valid) {
      run(valid, environment);
    }
  }

  private static void run(ConfigResult.Valid valid, Map<String, String> environment) {
    ParentWatch.startOrExit(environment, "lab-backend");
    OpenTelemetrySdk sdk = LabTelemetry.autoconfigure(environment);
    LabBackend backend =
        ServiceRuntime.startOrExit(
            "lab-backend", sdk, () -> LabBackend.start(valid.config(), sdk), LabBackend::close);
    LoggerFactory.getLogger(Main.class)
        .atInfo()
        .setMessage("lab-backend listening on " + backend.baseUrl())
        .addKeyValue("port", backend.port())
        .addKeyValue("db", backend.database().file().toString())
        .log();
  }
}
