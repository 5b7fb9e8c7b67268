package dev.otellab.backend;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The project version, written into a resource by the build (works from the jar and the IDE alike). */
public final class BuildInfo {

  private static final String VERSION = loadVersion();

  private BuildInfo() {}

  public static String version() {
    return VERSION;
  }

  private static String loadVersion() {
    try (InputStream in = BuildInfo.class.getResourceAsStream("build-info.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
