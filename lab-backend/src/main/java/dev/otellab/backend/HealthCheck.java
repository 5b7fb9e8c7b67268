package dev.otellab.backend;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A container healthcheck for images without a shell or wget:
 * {@code java -cp lab-backend.jar dev.otellab.backend.HealthCheck http://127.0.0.1:8000/health}
 * exits 0 when the URL answers 200 within 2 s, else 1 with the reason on stderr.
 */
public final class HealthCheck {

  private HealthCheck() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length != 1) {
      System.err.println("usage: HealthCheck URL");
      System.exit(2);
    }
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    try {
      HttpResponse<Void> response =
          client.send(
              HttpRequest.newBuilder(URI.create(args[0])).timeout(Duration.ofSeconds(2)).build(),
              HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() != 200) {
        System.err.println(args[0] + " answered " + response.statusCode());
        System.exit(1);
      }
    } catch (IOException | IllegalArgumentException e) {
      System.err.println(args[0] + " did not answer: " + e);
      System.exit(1);
    }
  }
}
