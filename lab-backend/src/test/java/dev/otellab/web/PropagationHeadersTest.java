package dev.otellab.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What lab-web sends upstream, seen by a real HTTP server standing where lab-backend would:
 * traceparent naming lab-web's CLIENT span, tracestate and baggage carried on from the caller,
 * with the SDK's W3C trace-context and baggage propagators (autoconfigure's defaults).
 */
class PropagationHeadersTest {

  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final Map<String, String> received = new ConcurrentHashMap<>();
  private OpenTelemetrySdk sdk;
  private HttpServer upstream;
  private LabWebApp web;

  @BeforeEach
  void start() throws Exception {
    sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .setPropagators(
                ContextPropagators.create(
                    TextMapPropagator.composite(
                        W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance())))
            .build();
    upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    upstream.createContext(
        "/",
        exchange -> {
          for (String name : new String[] {"traceparent", "tracestate", "baggage"}) {
            Optional.ofNullable(exchange.getRequestHeaders().getFirst(name)).ifPresent(value -> received.put(name, value));
          }
          byte[] body = "{\"total\":0,\"completed\":0,\"open\":0}".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    upstream.start();
    web =
        LabWebApp.start(
            new LabWebConfig(
                "127.0.0.1",
                0,
                URI.create("http://127.0.0.1:" + upstream.getAddress().getPort()),
                Duration.ofSeconds(2),
                Optional.empty()),
            sdk);
  }

  @AfterEach
  void stop() {
    web.close();
    upstream.stop(0);
    sdk.close();
  }

  @Test
  void theCallUpstreamCarriesItsClientSpanAndTheCallersStateAndBaggage() throws Exception {
    String trace = "0af7651916cd43dd8448eb211c80319c";
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(web.baseUrl() + "/api/stats"))
                    .header("traceparent", "00-" + trace + "-b7ad6b7169203331-01")
                    .header("tracestate", "lab=browser")
                    .header("baggage", "lab.user=alice")
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(200);
    SpanData client =
        spans.getFinishedSpanItems().stream().filter(span -> span.getKind() == SpanKind.CLIENT).findFirst().orElseThrow();
    assertThat(received.get("traceparent")).isEqualTo("00-" + trace + "-" + client.getSpanId() + "-01");
    assertThat(received.get("tracestate")).isEqualTo("lab=browser");
    assertThat(received.get("baggage")).isEqualTo("lab.user=alice");
  }
}
