package dev.otellab.backend.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * The OTLP/HTTP endpoint of the benchmark: answers every export with 200, keeps nothing, and
 * counts the spans and log records it was sent, so a run shows whether the server exported every
 * item it made (a full batch-processor queue drops them silently).
 */
final class CountingOtlpSink implements AutoCloseable {

  private final HttpServer server;
  private final AtomicLong spans = new AtomicLong();
  private final AtomicLong logRecords = new AtomicLong();

  private CountingOtlpSink(HttpServer server) {
    this.server = server;
  }

  static CountingOtlpSink start() throws IOException {
    CountingOtlpSink sink = new CountingOtlpSink(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
    sink.server.createContext("/v1/traces", exchange -> sink.accept(exchange, sink.spans));
    sink.server.createContext("/v1/logs", exchange -> sink.accept(exchange, sink.logRecords));
    sink.server.createContext("/", exchange -> sink.accept(exchange, null));
    sink.server.start();
    return sink;
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  long spans() {
    return spans.get();
  }

  long logRecords() {
    return logRecords.get();
  }

  void reset() {
    spans.set(0);
    logRecords.set(0);
  }

  private void accept(HttpExchange exchange, AtomicLong counter) throws IOException {
    boolean gzip = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
    try (InputStream body = gzip ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
      byte[] bytes = body.readAllBytes();
      if (counter != null) {
        counter.addAndGet(OtlpItemCount.of(bytes));
      }
    }
    exchange.sendResponseHeaders(200, -1);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
