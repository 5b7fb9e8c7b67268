package dev.otellab.web;

import dev.otellab.backend.config.ConfigResult;
import dev.otellab.backend.telemetry.LabTelemetry;
import dev.otellab.backend.ParentWatch;
import dev.otellab.backend.ServiceRuntime;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Entry point of lab-web, the lab's web front, shipped in lab-backend's jar:
 * {@code java -cp lab-backend.jar dev.otellab.web.LabWeb [--port N] [--backend-url URL]}.
 * Exit codes and shutdown as lab-backend's Main: 0 after --help/--version, 2 for invalid
 * settings, 1 when start-up fails, 3 when the console that started it is gone; SIGTERM drains
 * requests, then flushes the SDK.
 */
public final class LabWeb {

  public static final String SERVICE_NAME = "lab-web";
  /** service.name of the spans the page makes in the browser. */
  public static final String BROWSER_SERVICE_NAME = "lab-browser";

  private LabWeb() {}

  public static void main(String[] args) {
    Map<String, String> environment = System.getenv();
    LabWebConfigParser.Result result = new LabWebConfigParser(environment).parse(args);
    if (result instanceof LabWebConfigParser.Result.Exit exit) {
      if (exit.reason() instanceof ConfigResult.Invalid invalid) {
        System.err.println(SERVICE_NAME + ": " + invalid.message());
        System.exit(ConfigResult.Invalid.EXIT_CODE);
      } else if (exit.reason() instanceof ConfigResult.InfoRequested info) {
        System.out.println(info.text());
      }
    } else if (result instanceof LabWebConfigParser.Result.Valid valid) {
      run(valid.config(), environment);
    }
  }

  private static void run(LabWebConfig config, Map<String, String> environment) {
    ParentWatch.startOrExit(environment, SERVICE_NAME);
    OpenTelemetrySdk sdk = LabTelemetry.autoconfigure(environment, SERVICE_NAME);
    LabWebApp web = ServiceRuntime.startOrExit(SERVICE_NAME, sdk, () -> LabWebApp.start(config, sdk), LabWebApp::close);
    LoggerFactory.getLogger(LabWeb.class)
        .atInfo()
        .setMessage("lab-web listening on " + web.baseUrl())
        .addKeyValue("port", web.port())
        .addKeyValue("backend", config.backendUrl().toString())
        .log();
  }
}
