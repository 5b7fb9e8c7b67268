package dev.otellab.backend.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * lab-backend's Main in a separate JVM on the test class path, as a user would run it. Its output
 * goes to files (read whenever asked), so nothing written just before exit can be lost.
 */
public final class ChildBackend implements AutoCloseable {

  private static final Pattern LISTENING = Pattern.compile("lab-backend listening on http://[^:]+:(\\d+)");

  private final Process process;
  private final Path stdoutFile;
  private final Path stderrFile;

  private ChildBackend(Process process, Path stdoutFile, Path stderrFile) {
    this.process = process;
    this.stdoutFile = stdoutFile;
    this.stderrFile = stderrFile;
  }

  public static ChildBackend launch(Path outputDir, Map<String, String> environment, String... args)
      throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command =
        new ArrayList<>(
            List.of(java, "-cp", System.getProperty("java.class.path"), "dev.otellab.backend.Main"));
    command.addAll(List.of(args));
    Path stdout = outputDir.resolve("child-stdout.log");
    Path stderr = outputDir.resolve("child-stderr.log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    builder.environment().keySet().removeIf(key -> key.startsWith("OTEL_") || key.startsWith("LAB_"));
    builder.environment().putAll(environment);
    return new ChildBackend(builder.start(), stdout, stderr);
  }

  /** Waits for the start-up line and returns the port it names. */
  public int awaitListeningPort() {
    String line =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> stdout().stream().filter(l -> LISTENING.matcher(l).find()).findFirst(), Optional::isPresent)
            .orElseThrow();
    Matcher matcher = LISTENING.matcher(line);
    matcher.find();
    return Integer.parseInt(matcher.group(1));
  }

  public void awaitStdoutContaining(String text) {
    await().atMost(Duration.ofSeconds(30)).until(() -> stdout().stream().anyMatch(l -> l.contains(text)));
  }

  /** SIGTERM on Linux. */
  public void terminate() {
    process.destroy();
  }

  public int awaitExit() throws InterruptedException {
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      throw new AssertionError("child did not exit; stderr: " + stderr());
    }
    return process.exitValue();
  }

  public List<String> stdout() {
    return lines(stdoutFile);
  }

  public List<String> stderr() {
    return lines(stderrFile);
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }

  private static List<String> lines(Path file) {
    try {
      return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
