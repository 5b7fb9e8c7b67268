package dev.otellab.backend.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabConfigParserTest {

  private static LabConfig valid(ConfigResult result) {
    assertThat(result).isInstanceOf(ConfigResult.Valid.class);
    return ((ConfigResult.Valid) result).config();
  }

  private static String invalid(ConfigResult result) {
    assertThat(result).isInstanceOf(ConfigResult.Invalid.class);
    return ((ConfigResult.Invalid) result).message();
  }

  @Test
  void defaultsWithoutFlagsOrEnvironment() {
    LabConfig config = valid(new LabConfigParser(Map.of("XDG_DATA_HOME", "/xdg")).parse());

    assertThat(config.port()).isEqualTo(5000);
    assertThat(config.bindAddress()).isEqualTo("127.0.0.1");
    assertThat(config.databaseFile()).isEqualTo(Path.of("/xdg/otel-lab-console/lab-backend/tasks.db"));
  }

  @Test
  void defaultDatabaseFallsBackToLocalShareWhenXdgIsUnsetOrEmpty() {
    Path expected =
        Path.of(System.getProperty("user.home"), ".local/share/otel-lab-console/lab-backend/tasks.db");

    assertThat(valid(new LabConfigParser(Map.of()).parse()).databaseFile()).isEqualTo(expected);
    assertThat(valid(new LabConfigParser(Map.of("XDG_DATA_HOME", "")).parse()).databaseFile()).isEqualTo(expected);
  }

  @Test
  void environmentIsRead() {
    LabConfig config =
        valid(new LabConfigParser(Map.of("LAB_PORT", "0", "LAB_BIND", "0.0.0.0", "LAB_DB", "/data/tasks.db")).parse());

    assertThat(config).isEqualTo(new LabConfig("0.0.0.0", 0, Path.of("/data/tasks.db")));
  }

  @Test
  void flagsWinOverEnvironment() {
    LabConfig config =
        valid(
            new LabConfigParser(Map.of("LAB_PORT", "abc", "LAB_BIND", "0.0.0.0", "LAB_DB", "/env.db"))
                .parse("--port", "6000", "--bind", "::1", "--db=/flag.db"));

    assertThat(config).isEqualTo(new LabConfig("::1", 6000, Path.of("/flag.db")));
  }

  @Test
  void nonNumericPortFromEnvironmentIsAClearError() {
    assertThat(invalid(new LabConfigParser(Map.of("LAB_PORT", "abc")).parse()))
        .isEqualTo("LAB_PORT must be a whole number in 0..65535 (0 = any free port), was 'abc'");
  }

  @Test
  void outOfRangePortFlagIsAClearError() {
    assertThat(invalid(new LabConfigParser(Map.of()).parse("--port", "70000")))
        .isEqualTo("--port must be in 0..65535 (0 = any free port), was 70000");
    assertThat(invalid(new LabConfigParser(Map.of()).parse("--port", "-1")))
        .isEqualTo("--port must be in 0..65535 (0 = any free port), was -1");
  }

  @Test
  void badBindAddressAndEmptyDatabaseAreClearErrors() {
    assertThat(invalid(new LabConfigParser(Map.of("LAB_BIND", "not an address")).parse()))
        .startsWith("LAB_BIND must be a host name or an IP address");
    assertThat(invalid(new LabConfigParser(Map.of()).parse("--db", " "))).isEqualTo("--db must name a file, was empty");
  }

  @Test
  void unknownFlagsAndMissingValuesAreOneLineErrors() {
    String unknown = invalid(new LabConfigParser(Map.of()).parse("--prot", "1"));
    String missing = invalid(new LabConfigParser(Map.of()).parse("--port"));

    assertThat(unknown).contains("--prot").doesNotContain("\n");
    assertThat(missing).contains("--port").doesNotContain("\n");
    assertThat(ConfigResult.Invalid.EXIT_CODE).isEqualTo(2);
  }

  @Test
  void helpAndVersionAreInformation() {
    ConfigResult help = new LabConfigParser(Map.of()).parse("--help");
    ConfigResult version = new LabConfigParser(Map.of()).parse("--version");

    assertThat(help).isInstanceOf(ConfigResult.InfoRequested.class);
    assertThat(((ConfigResult.InfoRequested) help).text()).contains("--port").contains("LAB_DB");
    assertThat(((ConfigResult.InfoRequested) version).text()).startsWith("lab-backend ");
  }
}
