package dev.otellab.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ServiceJvmOptionsTest {

  private static final long MIB = 1024L * 1024;
  private static final Pattern FLAG =
      Pattern.compile("^\\s*\\S+\\s+(\\w+)\\s+=\\s+(\\d+)\\s", Pattern.MULTILINE);

  @Test
  void optionsAreSplitOnSpacesAndLinesAndCommentsAreLeftOut() {
    assertThat(ServiceJvmOptions.parse("# why\n-Xms8m  -Xmx64m\n\n  -XX:+UseSerialGC  \n"))
        .containsExactly("-Xms8m", "-Xmx64m", "-XX:+UseSerialGC");
  }

  @Test
  void aJvmStartsWithTheListAsTheConsoleLaunchesTheService() throws Exception {
    versionOfAJvmStartedWithTheList();

    assertThat(ServiceJvmOptions.fromClassPath()).contains("-XX:+UseSerialGC");
  }

  @Test
  void theCapsKeepTheServiceFarBelowTheConsolesPerProcessBudget() throws Exception {
    Map<String, Long> flags = finalFlags();
    long capped = flags.get("MaxHeapSize") + flags.get("MaxMetaspaceSize")
        + flags.get("ReservedCodeCacheSize") + flags.get("MaxDirectMemorySize");

    // 512 MB per process (decision 0039), less room for thread stacks, GC tables and SQLite's caches.
    assertThat(capped).isLessThanOrEqualTo(384 * MIB);
  }

  @Test
  void theYoungGenerationLeavesTheOldOneRoomForTheServicesLongLivedObjects() throws Exception {
    Map<String, Long> flags = finalFlags();

    // The old generation holds 14-18 MB under load (decision 0061); less than twice that brings
    // back the full collections of decision 0055.
    assertThat(flags.get("MaxHeapSize") - flags.get("MaxNewSize")).isGreaterThanOrEqualTo(32 * MIB);
    assertThat(flags.get("NewSize")).isEqualTo(flags.get("MaxNewSize"));
  }

  /** The sizes a JVM started with the list settles on, as -XX:+PrintFlagsFinal prints them. */
  private static Map<String, Long> finalFlags() throws Exception {
    Map<String, Long> flags = new HashMap<>();
    Matcher matcher = FLAG.matcher(versionOfAJvmStartedWithTheList("-XX:+PrintFlagsFinal"));
    while (matcher.find()) {
      flags.put(matcher.group(1), Long.parseUnsignedLong(matcher.group(2)));
    }
    return flags;
  }

  /** Runs {@code java <the list> <extra> -version} and returns what it printed; it must exit 0. */
  private static String versionOfAJvmStartedWithTheList(String... extra) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(ServiceJvmOptions.fromClassPath());
    command.addAll(List.of(extra));
    command.add("-version");
    Process jvm = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(jvm.getInputStream().readAllBytes());
    assertThat(jvm.waitFor()).as(output).isZero();
    return output;
  }
}
