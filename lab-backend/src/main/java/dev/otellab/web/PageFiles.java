package dev.otellab.web;

import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The tasks page's files, read once from the jar and served from memory. Not Javalin's static
 * file handler: that needs the jdk.zipfs module to look into the jar, which a jlink'd JRE (the
 * lab's local image base) may leave out.
 */
final class PageFiles {

  private static final String FOLDER = "/dev/otellab/web/static/";
  private static final Map<String, String> FILES =
      Map.of(
          "index.html", "text/html; charset=utf-8",
          "app.js", "text/javascript; charset=utf-8",
          "lab-otel.js", "text/javascript; charset=utf-8",
          "style.css", "text/css; charset=utf-8");

  private PageFiles() {}

  static void register(RoutesConfig routes) {
    FILES.forEach(
        (name, contentType) -> {
          byte[] content = read(name);
          routes.get("/" + name, ctx -> ctx.contentType(contentType).result(content));
          if (name.equals("index.html")) {
            routes.get("/", ctx -> ctx.contentType(contentType).result(content));
          }
        });
  }

  private static byte[] read(String name) {
    try (InputStream in = PageFiles.class.getResourceAsStream(FOLDER + name)) {
      if (in == null) {
        throw new IllegalStateException("the page file " + FOLDER + name + " is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
