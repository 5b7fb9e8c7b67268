package dev.otellab.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otellab.backend.config.ConfigResult;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** lab-web's settings: defaults, flags over variables, and one clear line for each bad value. */
class LabWebConfigParserTest {

  private static LabWebConfig valid(LabWebConfigParser.Result result) {
    assertThat(result).isInstanceOf(LabWebConfigParser.Result.Valid.class);
    return ((LabWebConfigParser.Result.Valid) result).config();
  }

  private static String invalid(LabWebConfigParser.Result result) {
    assertThat(result).isInstanceOf(LabWebConfigParser.Result.Exit.class);
    ConfigResult reason = ((LabWebConfigParser.Result.Exit) result).reason();
    assertThat(reason).isInstanceOf(ConfigResult.Invalid.class);
    return ((ConfigResult.Invalid) reason).message();
  }

  @Test
  void defaultsPointAtALocalLabBackend() {
    LabWebConfig config = valid(new LabWebConfigParser(Map.of()).parse());

    assertThat(config.port()).isEqualTo(8000);
    assertThat(config.bindAddress()).isEqualTo("127.0.0.1");
    assertThat(config.backendUrl()).isEqualTo(URI.create("http://127.0.0.1:5000"));
    assertThat(config.backendTimeout()).isEqualTo(Duration.ofSeconds(12));
    assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.browserOtlpUrl()).isEmpty();
  }

  @Test
  void readsTheVariablesAndFlagsWin() {
    Map<String, String> environment = Map.of(
        "LAB_PORT", "9001",
        "LAB_BACKEND_URL", "http://lab-backend:5000",
        "LAB_BACKEND_TIMEOUT", "0.5",
        "LAB_BROWSER_OTLP_URL", "http://127.0.0.1:4318/");

    LabWebConfig config = valid(new LabWebConfigParser(environment).parse("--port", "9002"));

    assertThat(config.port()).isEqualTo(9002);
    assertThat(config.backendUrl()).isEqualTo(URI.create("http://lab-backend:5000"));
    assertThat(config.backendTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.connectTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.browserOtlpUrl()).contains("http://127.0.0.1:4318");
  }

  @Test
  void badValuesAreOneLineNamingTheSetting() {
    assertThat(invalid(new LabWebConfigParser(Map.of("LAB_BACKEND_URL", "lab-backend:5000")).parse()))
        .isEqualTo("LAB_BACKEND_URL must be an http(s) URL such as http://127.0.0.1:5000, was 'lab-backend:5000'");
    assertThat(invalid(new LabWebConfigParser(Map.of()).parse("--backend-timeout", "soon")))
        .isEqualTo("--backend-timeout must be a number of seconds in 0.05..300, was 'soon'");
    assertThat(invalid(new LabWebConfigParser(Map.of("LAB_PORT", "70000")).parse()))
        .isEqualTo("LAB_PORT must be in 0..65535 (0 = any free port), was 70000");
    assertThat(invalid(new LabWebConfigParser(Map.of()).parse("--nope")))
        .contains("--nope").endsWith("(see --help)");
  }
}
