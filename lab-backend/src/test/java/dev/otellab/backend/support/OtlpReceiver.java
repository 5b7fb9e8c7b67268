package dev.otellab.backend.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/** A minimal OTLP/HTTP (protobuf) receiver on a free loopback port that keeps what it is sent. */
public final class OtlpReceiver implements AutoCloseable {

  private final HttpServer server;
  private final List<ResourceSpans> resourceSpans = new CopyOnWriteArrayList<>();
  private final List<ResourceLogs> resourceLogs = new CopyOnWriteArrayList<>();
  private volatile CountDownLatch answersHeld = new CountDownLatch(0);

  private OtlpReceiver(HttpServer server) {
    this.server = server;
  }

  public static OtlpReceiver start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    OtlpReceiver receiver = new OtlpReceiver(server);
    server.createContext("/v1/traces", receiver::traces);
    server.createContext("/v1/logs", receiver::logs);
    server.createContext("/", exchange -> reply(exchange, 404, new byte[0]));
    server.start();
    return receiver;
  }

  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public List<ResourceSpans> resourceSpans() {
    return List.copyOf(resourceSpans);
  }

  public List<Span> spans() {
    return resourceSpans.stream()
        .flatMap(r -> r.getScopeSpansList().stream())
        .flatMap(s -> s.getSpansList().stream())
        .toList();
  }

  /** Exports get no answer until {@link #answer()}: the sender's batch stays in flight meanwhile. */
  public void holdAnswers() {
    answersHeld = new CountDownLatch(1);
  }

  public void answer() {
    answersHeld.countDown();
  }

  public List<ResourceLogs> resourceLogs() {
    return List.copyOf(resourceLogs);
  }

  public List<LogRecord> logRecords() {
    return resourceLogs.stream()
        .flatMap(r -> r.getScopeLogsList().stream())
        .flatMap(s -> s.getLogRecordsList().stream())
        .toList();
  }

  public static Optional<String> attribute(Resource resource, String key) {
    return stringValue(resource.getAttributesList(), key);
  }

  public static Optional<String> stringValue(List<KeyValue> attributes, String key) {
    return attributes.stream()
        .filter(kv -> kv.getKey().equals(key))
        .map(KeyValue::getValue)
        .map(OtlpReceiver::asString)
        .findFirst();
  }

  private static String asString(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case INT_VALUE -> Long.toString(value.getIntValue());
      case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
      case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
      default -> value.toString();
    };
  }

  private void traces(HttpExchange exchange) throws IOException {
    awaitAnswer();
    resourceSpans.addAll(ExportTraceServiceRequest.parseFrom(body(exchange)).getResourceSpansList());
    reply(exchange, 200, ExportTraceServiceResponse.getDefaultInstance().toByteArray());
  }

  private void logs(HttpExchange exchange) throws IOException {
    awaitAnswer();
    resourceLogs.addAll(ExportLogsServiceRequest.parseFrom(body(exchange)).getResourceLogsList());
    reply(exchange, 200, ExportLogsServiceResponse.getDefaultInstance().toByteArray());
  }

  private void awaitAnswer() throws IOException {
    try {
      if (!answersHeld.await(30, TimeUnit.SECONDS)) {
        throw new IOException("answers held for 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static byte[] body(HttpExchange exchange) throws IOException {
    InputStream in = exchange.getRequestBody();
    if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
      in = new GZIPInputStream(in);
    }
    try (InputStream body = in) {
      return body.readAllBytes();
    }
  }

  private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
