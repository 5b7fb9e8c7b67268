package dev.otellab.backend.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Closed-loop load: each client owns one keep-alive HTTP/1.1 connection and sends its next request
 * as soon as the previous answer is read. A hand-written client over a plain socket, because on a
 * 2-core machine the load generator shares the CPUs with the server: java.net.http would spend a
 * large share of them on itself and measure the client, not lab-backend.
 */
final class LoadDriver {

  private final String host;
  private final int port;
  private final ProcessHandle server;

  /** {@code server} is the process under load; its CPU time is read around each measurement. */
  LoadDriver(String host, int port, ProcessHandle server) {
    this.host = host;
    this.port = port;
    this.server = server;
  }

  /** A request serialized once and sent many times. */
  record Request(byte[] bytes) {
    static Request get(String path) {
      return new Request(("GET " + path + " HTTP/1.1\r\nHost: bench\r\nUser-Agent: lab-bench\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
    }

    static Request post(String path, String json) {
      byte[] body = json.getBytes(StandardCharsets.UTF_8);
      byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: bench\r\nUser-Agent: lab-bench\r\n"
              + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII);
      byte[] bytes = Arrays.copyOf(head, head.length + body.length);
      System.arraycopy(body, 0, bytes, head.length, body.length);
      return new Request(bytes);
    }
  }

  void awaitHealthy(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try (Connection connection = new Connection(new Socket(host, port))) {
        if (connection.exchange(Request.get("/health")) == 200) {
          return;
        }
      } catch (IOException notYet) {
        // the child is still starting
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("lab-backend did not become healthy on port " + port);
  }

  void post(String path, String json) throws IOException {
    try (Connection connection = new Connection(new Socket(host, port))) {
      int status = connection.exchange(Request.post(path, json));
      if (status != 201) {
        throw new IllegalStateException("seeding failed with status " + status);
      }
    }
  }

  Result run(Request request, int clients, Duration warmup, Duration measured) throws InterruptedException {
    AtomicBoolean recording = new AtomicBoolean(false);
    AtomicBoolean running = new AtomicBoolean(true);
    List<Client> workers = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      Client client = new Client(request, recording, running);
      workers.add(client);
      client.start();
    }
    Thread.sleep(warmup.toMillis());
    recording.set(true);
    long start = System.nanoTime();
    Duration cpuBefore = serverCpu();
    Map<String, ThreadGroupCpu.ThreadCpu> threadsBefore = ThreadGroupCpu.of(server.pid());
    Thread.sleep(measured.toMillis());
    Duration cpuUsed = serverCpu().minus(cpuBefore);
    Map<String, Long> cpuByGroupNanos = ThreadGroupCpu.between(threadsBefore, ThreadGroupCpu.of(server.pid()));
    recording.set(false);
    double seconds = (System.nanoTime() - start) / 1e9;
    running.set(false);
    for (Client client : workers) {
      client.join();
    }
    LatencyRecorder all = new LatencyRecorder();
    long errors = 0;
    long answered = 0;
    for (Client client : workers) {
      all.addAll(client.latencies);
      errors += client.errors;
      answered += client.answered;
    }
    double cpuMicrosPerRequest = all.count() == 0 ? Double.NaN : cpuUsed.toNanos() / 1e3 / all.count();
    Map<String, Double> cpuByGroup = new LinkedHashMap<>();
    cpuByGroupNanos.forEach((group, nanos) -> cpuByGroup.put(group, nanos / 1e3 / all.count()));
    return new Result(
        all.count(), errors, seconds, all.percentileMillis(50), all.percentileMillis(99), cpuMicrosPerRequest,
        cpuByGroup, answered);
  }

  private Duration serverCpu() {
    return server.info().totalCpuDuration().orElseThrow(() -> new IllegalStateException("no CPU time for " + server));
  }

  private final class Client extends Thread {
    private final Request request;
    private final AtomicBoolean recording;
    private final AtomicBoolean running;
    private final LatencyRecorder latencies = new LatencyRecorder();
    private long errors;
    private long answered;

    Client(Request request, AtomicBoolean recording, AtomicBoolean running) {
      super("bench-client");
      this.request = request;
      this.recording = recording;
      this.running = running;
    }

    @Override
    public void run() {
      try (Connection connection = new Connection(new Socket(host, port))) {
        while (running.get()) {
          long begin = System.nanoTime();
          int status = connection.exchange(request);
          long nanos = System.nanoTime() - begin;
          answered++;
          if (recording.get()) {
            if (status >= 400) {
              errors++;
            }
            latencies.add(nanos);
          }
        }
      } catch (IOException e) {
        throw new IllegalStateException("connection failed: " + e, e);
      }
    }
  }

  /** One keep-alive connection; reads responses framed by Content-Length. */
  private static final class Connection implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final byte[] skip = new byte[16 * 1024];

    Connection(Socket socket) throws IOException {
      this.socket = socket;
      socket.setTcpNoDelay(true);
      this.out = socket.getOutputStream();
      this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    }

    int exchange(Request request) throws IOException {
      out.write(request.bytes());
      out.flush();
      String statusLine = readLine();
      int status = Integer.parseInt(statusLine.substring(9, 12));
      long contentLength = -1;
      for (String header = readLine(); !header.isEmpty(); header = readLine()) {
        int colon = header.indexOf(':');
        String name = header.substring(0, colon).trim();
        if (name.equalsIgnoreCase("Content-Length")) {
          contentLength = Long.parseLong(header.substring(colon + 1).trim());
        } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
          throw new IOException("chunked responses are not supported by this driver");
        }
      }
      if (contentLength < 0 && status != 204) {
        throw new IOException("response without Content-Length: " + statusLine);
      }
      long remaining = Math.max(contentLength, 0);
      while (remaining > 0) {
        int read = in.read(skip, 0, (int) Math.min(skip.length, remaining));
        if (read < 0) {
          throw new IOException("connection closed mid-body");
        }
        remaining -= read;
      }
      return status;
    }

    private String readLine() throws IOException {
      StringBuilder line = new StringBuilder(64);
      for (int c = in.read(); c != '\n'; c = in.read()) {
        if (c < 0) {
          throw new IOException("connection closed");
        }
        if (c != '\r') {
          line.append((char) c);
        }
      }
      return line.toString();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
