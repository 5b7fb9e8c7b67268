package dev.otellab.backend.bench;

import dev.otellab.backend.ServiceJvmOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Measures what the instrumentation costs: lab-backend runs twice as a child process, once with
 * traces and logs exported by OTLP to a local sink that counts and drops them (and reports any the
 * server lost), once with OTEL_SDK_DISABLED=true, and the same load is driven at both. Not a test: timings are reported,
 * never asserted.
 *
 * <pre>
 * ./mvnw -q -pl lab-backend -am package -DskipTests
 * java -cp lab-backend/target/lab-backend.jar dev.otellab.backend.bench.LoadBenchmark
 * </pre>
 *
 * Settings (system properties): bench.clients (8), bench.warmupSeconds (20, per path; then 5 s
 * steps on each path until the JIT threads use under 2 % of the server's CPU, up to
 * bench.maxWarmupSeconds, 120, in all), bench.seconds (15),
 * bench.rounds (1; rounds alternate which setup runs first), bench.instrumentedEnv (K=V,K=V added
 * to the instrumented run, e.g. a sampler), bench.childJvmOptions (JVM options for lab-backend
 * after the ones the console launches it with, {@link ServiceJvmOptions}; e.g. a flight recording
 * or a GC log).
 */
public final class LoadBenchmark {

  private static final int SEEDED_TASKS = 20;
  private static final Duration SETTLE_STEP = Duration.ofSeconds(5);
  private static final double SETTLED_JIT_SHARE = 0.02;
  private static final Duration MAX_WARMUP =
      Duration.ofSeconds(Integer.getInteger("bench.maxWarmupSeconds", 120));

  private LoadBenchmark() {}

  public static void main(String[] args) throws Exception {
    int clients = Integer.getInteger("bench.clients", 8);
    // 20 s, not 5: with 5 s the instrumented server was still compiling the SDK's and the
    // exporter's code in the measured window (+186 µs of CPU per GET against +50 µs warm).
    Duration warmup = Duration.ofSeconds(Integer.getInteger("bench.warmupSeconds", 20));
    Duration measured = Duration.ofSeconds(Integer.getInteger("bench.seconds", 15));
    System.out.printf(
        Locale.ROOT,
        "lab-backend load benchmark: %d clients, %ds warm-up, %ds measured per scenario, %d CPUs, %s%n",
        clients, warmup.toSeconds(), measured.toSeconds(), Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    System.out.println("machine: " + machineFacts());
    System.out.println("lab-backend's JVM options (as the console launches it, then bench.childJvmOptions): "
        + String.join(" ", ServiceJvmOptions.fromClassPath()) + " " + System.getProperty("bench.childJvmOptions", ""));

    int rounds = Integer.getInteger("bench.rounds", 1);
    try (CountingOtlpSink sink = CountingOtlpSink.start()) {
      // Exported as the lab runs it (console, compose, k8s): every 200 ms, so no span is dropped
      // from a full queue (with the SDK's 5 s default thousands were, and never exported).
      Map<String, String> instrumentedEnvironment = new java.util.HashMap<>(Map.of(
          "OTEL_BSP_SCHEDULE_DELAY", "200", "OTEL_BLRP_SCHEDULE_DELAY", "200"));
      instrumentedEnvironment.putAll(extraEnvironment());
      instrumentedEnvironment.put("OTEL_EXPORTER_OTLP_ENDPOINT", sink.url());
      String instrumentedLabel = "instrumented" + (extraEnvironment().isEmpty() ? "" : " " + extraEnvironment());
      List<Map<String, Result>> baseline = new ArrayList<>();
      List<Map<String, Result>> instrumented = new ArrayList<>();
      for (int round = 0; round < rounds; round++) {
        // Alternate the order so slow drift in background load does not favour one setup.
        boolean baselineFirst = round % 2 == 0;
        if (baselineFirst) {
          baseline.add(runAgainst("SDK disabled", Map.of("OTEL_SDK_DISABLED", "true"), clients, warmup, measured, null));
        }
        instrumented.add(runAgainst(instrumentedLabel, instrumentedEnvironment, clients, warmup, measured, sink));
        if (!baselineFirst) {
          baseline.add(runAgainst("SDK disabled", Map.of("OTEL_SDK_DISABLED", "true"), clients, warmup, measured, null));
        }
      }
      System.out.println();
      System.out.println("Mean of " + rounds + " round(s):");
      System.out.println("| scenario | setup | req/s | p50 ms | p99 ms | server CPU µs/req | errors |");
      System.out.println("|---|---|---:|---:|---:|---:|---:|");
      for (String scenario : baseline.get(0).keySet()) {
        Result base = Result.mean(baseline.stream().map(r -> r.get(scenario)).toList());
        Result inst = Result.mean(instrumented.stream().map(r -> r.get(scenario)).toList());
        System.out.println(base.row(scenario, "SDK disabled"));
        System.out.println(inst.row(scenario, instrumentedLabel));
        System.out.printf(
            Locale.ROOT,
            "| %s | overhead | %.1f%% | %+.1f%% | %+.1f%% | %+.1f%% | |%n",
            scenario,
            100.0 * (base.throughput() - inst.throughput()) / base.throughput(),
            100.0 * (inst.p50Millis() - base.p50Millis()) / base.p50Millis(),
            100.0 * (inst.p99Millis() - base.p99Millis()) / base.p99Millis(),
            100.0 * (inst.cpuMicrosPerRequest() - base.cpuMicrosPerRequest()) / base.cpuMicrosPerRequest());
      }
      System.out.println();
      System.out.println("Server CPU µs per request by thread group (Linux /proc; 10 ms ticks):");
      System.out.println("| scenario | setup | " + String.join(" | ", ThreadGroupCpu.GROUPS) + " |");
      System.out.println("|---|---|" + "---:|".repeat(ThreadGroupCpu.GROUPS.size()));
      for (String scenario : baseline.get(0).keySet()) {
        System.out.println(Result.mean(baseline.stream().map(r -> r.get(scenario)).toList()).cpuByGroupRow(scenario, "SDK disabled"));
        System.out.println(Result.mean(instrumented.stream().map(r -> r.get(scenario)).toList()).cpuByGroupRow(scenario, instrumentedLabel));
      }
    }
  }

  /** bench.instrumentedEnv=K=V,K=V adds variables to the instrumented run, e.g. a sampler. */
  private static Map<String, String> extraEnvironment() {
    Map<String, String> extra = new java.util.TreeMap<>();
    for (String pair : System.getProperty("bench.instrumentedEnv", "").split(",")) {
      int equals = pair.indexOf('=');
      if (equals > 0) {
        extra.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
      }
    }
    return extra;
  }

  /** One setup under load; with a sink, then checks that every span and log record made reached it. */
  private static Map<String, Result> runAgainst(
      String label, Map<String, String> environment, int clients, Duration warmup, Duration measured,
      CountingOtlpSink sink)
      throws Exception {
    Path dataDir = Files.createTempDirectory("lab-backend-bench");
    int port = freePort();
    if (sink != null) {
      sink.reset();
    }
    Process child = launch(port, dataDir.resolve("tasks.db"), environment);
    Map<String, Result> results = new java.util.LinkedHashMap<>();
    long gets = 0;
    long posts = SEEDED_TASKS;
    try {
      LoadDriver driver = new LoadDriver("127.0.0.1", port, child.toHandle());
      driver.awaitHealthy(Duration.ofSeconds(60));
      for (int i = 0; i < SEEDED_TASKS; i++) {
        driver.post("/api/tasks", "{\"title\":\"seed " + i + "\"}");
      }
      LoadDriver.Request list = LoadDriver.Request.get("/api/tasks?limit=" + SEEDED_TASKS);
      LoadDriver.Request create =
          LoadDriver.Request.post("/api/tasks", "{\"title\":\"bench\",\"description\":\"load\"}");
      System.out.println("-- " + label + " (load average before: " + loadAverage() + ")");
      WarmUp warmedUp = warmUp(driver, list, create, clients, warmup);
      gets += warmedUp.gets();
      posts += warmedUp.posts();
      System.out.printf(
          Locale.ROOT, "   warmed up %ds (JIT %.1f %% of the server's CPU in the last step)%n",
          warmedUp.took().toSeconds(), 100 * warmedUp.jitShare());
      results.put("GET /api/tasks", driver.run(list, clients, Duration.ZERO, measured));
      results.put("POST /api/tasks", driver.run(create, clients, Duration.ZERO, measured));
      gets += results.get("GET /api/tasks").answered();
      posts += results.get("POST /api/tasks").answered();
      results.forEach((scenario, result) -> System.out.println(result.row(scenario, label)));
      System.out.println("   server's peak resident memory: " + peakResidentMemory(child.pid()));
    } finally {
      // SIGTERM: the server drains, then flushes its telemetry before it exits.
      child.destroy();
      if (!child.waitFor(30, TimeUnit.SECONDS)) {
        child.destroyForcibly();
      }
      deleteRecursively(dataDir);
    }
    if (sink != null) {
      reportExported(sink, gets, posts);
    }
    return results;
  }

  /** How long the warm-up took, the requests it sent on each path, and the JIT's share at its end. */
  private record WarmUp(Duration took, long gets, long posts, double jitShare) {}

  /**
   * Both paths are warmed up before either is measured, so the JIT has seen both. Under other
   * builds' load C2 was still compiling the hot paths after 2 x 20 s (the instrumented server has
   * more code to compile: 96 against 11 µs of JIT CPU per GET in the window), so the warm-up goes
   * on in steps until the JIT threads settle: a one-time cost is not read as overhead. The same
   * rule for both setups; the JIT column shows what is left.
   */
  private static WarmUp warmUp(
      LoadDriver driver, LoadDriver.Request list, LoadDriver.Request create, int clients, Duration warmup)
      throws InterruptedException {
    long gets = driver.run(list, clients, Duration.ZERO, warmup).answered();
    long posts = driver.run(create, clients, Duration.ZERO, warmup).answered();
    Duration took = warmup.multipliedBy(2);
    double jitShare = Double.NaN;
    while (took.compareTo(MAX_WARMUP) < 0) {
      Result listing = driver.run(list, clients, Duration.ZERO, SETTLE_STEP);
      Result creating = driver.run(create, clients, Duration.ZERO, SETTLE_STEP);
      gets += listing.answered();
      posts += creating.answered();
      took = took.plus(SETTLE_STEP.multipliedBy(2));
      jitShare = Math.max(listing.jitShare(), creating.jitShare());
      if (jitShare < SETTLED_JIT_SHARE) {
        break;
      }
    }
    return new WarmUp(took, gets, posts, jitShare);
  }

  /**
   * Each GET /api/tasks makes 3 spans (SERVER, list_tasks, the SELECT) and 2 log records, each POST
   * 3 spans (SERVER, create_task, the INSERT) and 3 log records; the service adds its own start and
   * stop lines.
   */
  private static void reportExported(CountingOtlpSink sink, long gets, long posts) {
    long spansMade = 3 * (gets + posts);
    long requestLogsMade = 2 * gets + 3 * posts;
    System.out.printf(
        Locale.ROOT,
        "   exported to the sink: %,d of %,d spans (%,d lost); %,d log records for %,d made by requests (+ start/stop lines)%n",
        sink.spans(), spansMade, Math.max(0, spansMade - sink.spans()), sink.logRecords(), requestLogsMade);
  }

  private static Process launch(int port, Path databaseFile, Map<String, String> environment)
      throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java));
    // As the console runs the service: the options are part of what is measured (heap, collector, JIT).
    command.addAll(ServiceJvmOptions.fromClassPath());
    String childOptions = System.getProperty("bench.childJvmOptions", "").trim();
    if (!childOptions.isEmpty()) {
      command.addAll(List.of(childOptions.split("\\s+")));
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.otellab.backend.Main"));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().keySet().removeIf(key -> key.startsWith("OTEL_") || key.startsWith("LAB_"));
    builder.environment().put("LAB_PORT", Integer.toString(port));
    builder.environment().put("LAB_DB", databaseFile.toString());
    builder.environment().putAll(environment);
    return builder.start();
  }

  /** CPU model and memory as Linux reports them, for the write-up. */
  private static String machineFacts() {
    String cpu = firstLineStartingWith(Path.of("/proc/cpuinfo"), "model name").replaceFirst(".*:\\s*", "");
    String memory = firstLineStartingWith(Path.of("/proc/meminfo"), "MemTotal").replaceFirst("MemTotal:\\s*", "");
    return "CPU " + cpu + ", memory " + memory + ", " + System.getProperty("os.name") + " " + System.getProperty("os.version");
  }

  private static String firstLineStartingWith(Path file, String prefix) {
    try (var lines = Files.lines(file)) {
      return lines.filter(line -> line.startsWith(prefix)).findFirst().orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** VmHWM from /proc: the most the process has had resident so far. */
  private static String peakResidentMemory(long pid) {
    String line = firstLineStartingWith(Path.of("/proc/" + pid + "/status"), "VmHWM:");
    return line.startsWith("VmHWM:") ? line.replaceFirst("VmHWM:\\s*", "") : "unknown";
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
