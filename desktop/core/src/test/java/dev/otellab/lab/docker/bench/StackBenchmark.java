package dev.otellab.lab.docker.bench;

import dev.otellab.lab.docker.engine.DockerEngine;
import dev.otellab.lab.docker.engine.DockerEngineLocator;
import dev.otellab.lab.docker.DockerLab;
import dev.otellab.lab.docker.DockerLabSettings;
import dev.otellab.lab.docker.stack.StackListener;
import dev.otellab.telemetry.embedded.TelemetryStore;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Docker mode's Start and Stop on the real engine with every image present: the lab stack's six
 * services (bench-stack.yaml: real Prometheus, real lab-backend image, busybox stand-ins for the
 * rest). Per round: Start from nothing (network, volumes, containers created), Stop, Start again
 * (stopped containers reused), Stop, then Reset. Rerun: see docs/benchmarks.md.
 */
public final class StackBenchmark {
    private StackBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path jar = Path.of(System.getProperty("lab.backend.jar", "../../lab-backend/target/lab-backend.jar")).toAbsolutePath().normalize();
        printMachine();
        Map<String, List<Double>> seconds = new HashMap<>();
        Path storeDir = Files.createTempDirectory("stack-bench-store");
        String image = "otel-lab-bench/lab-backend:" + UUID.randomUUID().toString().substring(0, 8);
        try (TelemetryStore store = TelemetryStore.open(storeDir);
             DockerLab lab = new DockerLab(settings(jar, image), store.traces(), store.logs(), store.slis(), store.serviceMap())) {
            lab.addProgressListener(STEPS);
            // first Start builds lab-backend's image: not measured, the images must be present
            long build = System.nanoTime();
            lab.start();
            System.out.printf(Locale.ROOT, "warm-up Start (builds the lab-backend image): %.2f s%n", (System.nanoTime() - build) / 1e9);
            lab.reset();
            for (int round = 1; round <= rounds; round++) {
                record(seconds, "Start, nothing there yet", lab::start);
                record(seconds, "Stop", lab::stop);
                record(seconds, "Start, stopped containers there", lab::start);
                record(seconds, "Stop again", lab::stop);
                record(seconds, "Reset (remove containers, network, volumes)", lab::reset);
                System.out.printf(Locale.ROOT, "round %d done, load average %s%n", round, loadAverage());
            }
        } finally {
            try (DockerEngine engine = DockerEngineLocator.forThisProcess().locate()) {
                engine.client().removeImageCmd(image).withForce(true).exec();
            }
        }
        System.out.println();
        System.out.println("| step | rounds | median s | min s | max s |");
        System.out.println("|---|---|---|---|---|");
        for (String step : List.of("Start, nothing there yet", "Stop", "Start, stopped containers there", "Stop again",
                "Reset (remove containers, network, volumes)")) {
            List<Double> values = new ArrayList<>(seconds.get(step));
            Collections.sort(values);
            System.out.printf(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f |%n", step, values.size(),
                    values.get(values.size() / 2), values.get(0), values.get(values.size() - 1));
        }
    }

    private static DockerLabSettings settings(Path jar, String image) throws IOException, URISyntaxException {
        Map<String, String> environment = new HashMap<>();
        for (String port : List.of("COLLECTOR_PORT", "TEMPO_PORT", "LOKI_PORT", "PROMETHEUS_PORT", "GRAFANA_PORT", "BACKEND_PORT")) {
            environment.put(port, String.valueOf(freePort()));
        }
        environment.put("LAB_BACKEND_IMAGE", image);
        environment.put("LAB_BACKEND_DIR", jar.getParent().getParent().toString());
        environment.put("JRE_BASE", "jre-base:17");
        Path file = Path.of(StackBenchmark.class.getResource("/dev/otellab/lab/docker/stacks/bench-stack.yaml").toURI());
        return DockerLabSettings.of(file, jar, "bench-password")
                .withEnvironment(environment)
                .withProjectName("otellabbench-" + UUID.randomUUID().toString().substring(0, 8))
                .withReadyTimeout(Duration.ofMinutes(2));
    }

    /** The lab's steps with the time each was reported, to show where a Stop spends its time. */
    private static final TimedSteps STEPS = new TimedSteps();

    private static void record(Map<String, List<Double>> seconds, String step, Step action) throws Exception {
        STEPS.clear();
        long start = System.nanoTime();
        action.run();
        long end = System.nanoTime();
        double elapsed = (end - start) / 1e9;
        seconds.computeIfAbsent(step, key -> new ArrayList<>()).add(elapsed);
        System.out.printf(Locale.ROOT, "  %-45s %6.2f s%s%n", step, elapsed, STEPS.stopDurations(end));
    }

    private static final class TimedSteps implements StackListener {
        private final List<String> names = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final List<Long> times = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void step(String message) {
            times.add(System.nanoTime());
            names.add(message);
        }

        void clear() {
            names.clear();
            times.clear();
        }

        /** "  (lab-backend 10.2 s, grafana 0.3 s, ...)" for the "Stopping X" steps. */
        String stopDurations(long end) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                if (names.get(i).startsWith("Stopping ")) {
                    long next = i + 1 < times.size() ? times.get(i + 1) : end;
                    parts.add(String.format(Locale.ROOT, "%s %.1f s", names.get(i).substring(9), (next - times.get(i)) / 1e9));
                }
            }
            return parts.isEmpty() ? "" : "  (" + String.join(", ", parts) + ")";
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0];
    }

    private static void printMachine() throws Exception {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(line -> line.startsWith("model name")).findFirst().map(line -> line.split(":", 2)[1].trim())
                .orElse("unknown");
        String memory = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " ");
        System.out.printf(Locale.ROOT, "machine: %d cpus, %s, %s, JDK %s, load average %s%n",
                Runtime.getRuntime().availableProcessors(), cpu, memory, Runtime.version(), loadAverage());
        try (DockerEngine engine = DockerEngineLocator.forThisProcess().locate()) {
            var version = engine.client().versionCmd().exec();
            System.out.printf(Locale.ROOT, "engine %s (API %s) at %s%n", version.getVersion(), version.getApiVersion(), engine.host());
        }
    }
}
