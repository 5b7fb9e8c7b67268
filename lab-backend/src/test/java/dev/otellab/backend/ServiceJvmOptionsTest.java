package dev.otellab.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceJvmOptionsTest {

  @Test
  void optionsAreSplitOnSpacesAndLinesAndCommentsAreLeftOut() {
    assertThat(ServiceJvmOptions.parse("# why\n-Xms8m  -Xmx64m\n\n  -XX:+UseSerialGC  \n"))
        .containsExactly("-Xms8m", "-Xmx64m", "-XX:+UseSerialGC");
  }

  @Test
  void aJvmStartsWithTheListAsTheConsoleLaunchesTheService() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(ServiceJvmOptions.fromClassPath());
    command.add("-version");
    Process jvm = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(jvm.getInputStream().readAllBytes());

    assertThat(jvm.waitFor()).as(output).isZero();
    assertThat(ServiceJvmOptions.fromClassPath()).contains("-XX:+UseSerialGC");
  }
}
