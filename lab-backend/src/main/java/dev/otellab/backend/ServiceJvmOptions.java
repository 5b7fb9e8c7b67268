package dev.otellab.backend;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The JVM options lab-backend and lab-web run with, kept in the jar ({@value #RESOURCE}) so that
 * the console that launches them and the benchmark that measures them read the same list.
 */
public final class ServiceJvmOptions {

  /** Where the list is inside lab-backend.jar; the console reads it from there too. */
  public static final String RESOURCE = "dev/otellab/backend/service-jvm-options.txt";

  private ServiceJvmOptions() {}

  /** The list as this class path holds it. */
  public static List<String> fromClassPath() {
    try (InputStream in = ServiceJvmOptions.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the class path");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Options separated by spaces or lines; a # starts a comment up to the end of its line. */
  static List<String> parse(String text) {
    String options = text.replaceAll("#[^\n]*", "").strip();
    return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
  }
}
