package dev.otellab.telemetry.embedded.bench;

import dev.otellab.cli.LabConsole;
import dev.otellab.telemetry.embedded.receiver.bench.ReceiverBenchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The receiver + store under hostile load, as a user runs it: `lab-console receive` in its own
 * JVM (default JVM options, as the lab-console script starts it), its resident memory sampled
 * from /proc. Three phases, each on a fresh receiver and store:
 * <ol>
 *   <li>{@code polite}: N senders that wait Retry-After when refused (the SDKs' behaviour);</li>
 *   <li>{@code flood}: M senders that resend at once, ignoring Retry-After;</li>
 *   <li>{@code held}: H connections holding partial bodies, then the polite senders, plus a probe
 *       that times single valid requests while the connections are held.</li>
 * </ol>
 * Requests are the end-to-end benchmark's 512-span template with new trace ids each time.
 *
 * <p>Run from desktop/cli/ (after {@code ./mvnw -q -o -DskipTests install} at the root):
 * {@code ../../mvnw -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp
 * -Dmdep.includeScope=test && java -cp "target/test-classes:target/classes:$(cat target/bench.cp)"
 * dev.otellab.telemetry.embedded.bench.OverloadBenchmark 30 8 200 500}
 * (seconds per phase, polite senders, flood senders, held connections; then optionally the phases to run,
 * e.g. {@code polite,flood}, and the warm-up seconds of each fresh receiver, default 10). System
 * properties: {@code bench.receiverHeap} (-Xmx of the receiver, default 512m, the store's budget),
 * {@code bench.receiverJvmOptions} (more options for it, e.g. a flight recording); or
 * {@code bench.launcher}, the path of the lab-console script, to run the receiver as shipped.
 */
public final class OverloadBenchmark {
    private static final int SPANS_PER_REQUEST = 512;
    private static final int WARM_UP_SENDERS = 4;
    private static int warmUpSeconds;

    private OverloadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int polite = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int flood = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int held = args.length > 3 ? Integer.parseInt(args[3]) : 500;
        List<String> phases = List.of((args.length > 4 ? args[4] : "polite,flood,held").split(","));
        warmUpSeconds = args.length > 5 ? Integer.parseInt(args[5]) : 10;
        System.out.println(ReceiverBenchmark.machineFacts());
        System.out.println("load average at start: " + Files.readString(Path.of("/proc/loadavg")).trim());
        IngestEndToEndBenchmark.Template template = IngestEndToEndBenchmark.Template.build();
        System.out.println("| phase | senders | accepted spans/s | 200 / 429 / other answers | connection errors | max RSS of the receiver MiB | probe p50 / max ms |");
        System.out.println("|---|---|---:|---|---:|---:|---|");
        if (phases.contains("polite")) {
            phase("polite", polite, true, 0, seconds, template);
        }
        if (phases.contains("flood")) {
            phase("flood (ignores Retry-After)", flood, false, 0, seconds, template);
        }
        if (phases.contains("held")) {
            phase("polite + " + held + " held partial bodies", polite, true, held, seconds, template);
        }
        System.out.println("load average at end: " + Files.readString(Path.of("/proc/loadavg")).trim());
    }

    private static void phase(String name, int senders, boolean honourRetryAfter, int heldConnections, int seconds,
                              IngestEndToEndBenchmark.Template template) throws Exception {
        Path dir = Files.createTempDirectory("overload-bench");
        int httpPort = freePort();
        Process receiver = startReceiver(dir, httpPort);
        try {
            warmUp(httpPort, template);
            List<Socket> sockets = new ArrayList<>();
            for (int i = 0; i < heldConnections; i++) {
                sockets.add(partialBody(httpPort));
            }
            Counts counts = new Counts();
            AtomicLong sequence = new AtomicLong();
            AtomicLong maxRss = new AtomicLong();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < senders; i++) {
                threads.add(new Thread(() -> send(httpPort, template, sequence, counts, deadline,
                        honourRetryAfter)));
            }
            List<Long> probes = new ArrayList<>();
            threads.add(new Thread(() -> probe(httpPort, template, sequence, deadline, probes)));
            Thread sampler = new Thread(() -> sampleRss(receiver.pid(), deadline, maxRss));
            threads.add(sampler);
            long started = System.nanoTime();
            threads.forEach(Thread::start);
            sampler.join();
            java.util.Map<String, Long> heldOutcome = outcomes(sockets);
            String cpu = ThreadCpuOf.describe(receiver.pid());
            for (Thread thread : threads) {
                thread.join();
            }
            double elapsed = (System.nanoTime() - started) / 1e9;
            for (Socket socket : sockets) {
                socket.close();
            }
            long[] sorted = probes.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "| %s | %d | %,.0f | %,d / %,d / %,d | %,d | %d | %s |%n",
                    name, senders, counts.acceptedSpans.get() / elapsed, counts.ok.get(), counts.throttled.get(),
                    counts.other.get(), counts.connectionErrors.get(), maxRss.get() >> 10,
                    sorted.length == 0 ? "-" : String.format(Locale.ROOT, "%.1f / %.1f (%d probes)",
                            sorted[sorted.length / 2] / 1e6, sorted[sorted.length - 1] / 1e6, sorted.length));
            System.out.println("  receiver CPU seconds by thread group: " + cpu);
            if (heldConnections > 0) {
                System.out.printf(Locale.ROOT, "  held connections at the end of the phase (body deadline 20 s): %s%n",
                        heldOutcome);
            }
        } finally {
            receiver.destroy();
            receiver.waitFor(30, TimeUnit.SECONDS);
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** Polite load on the fresh receiver first, so the phase measures compiled code, not the JIT. */
    private static void warmUp(int port, IngestEndToEndBenchmark.Template template) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmUpSeconds);
        List<Thread> threads = new ArrayList<>();
        AtomicLong sequence = new AtomicLong(1L << 40); // ids apart from the measured ones
        for (int i = 0; i < WARM_UP_SENDERS; i++) {
            threads.add(new Thread(() -> send(port, template, sequence, new Counts(), deadline, true)));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private static final class Counts {
        final AtomicLong ok = new AtomicLong();
        final AtomicLong throttled = new AtomicLong();
        final AtomicLong other = new AtomicLong();
        final AtomicLong connectionErrors = new AtomicLong();
        final AtomicLong acceptedSpans = new AtomicLong();
    }

    private static void send(int port, IngestEndToEndBenchmark.Template template,
                             AtomicLong sequence, Counts counts, long deadline, boolean honourRetryAfter) {
        try (RawOtlpClient client = new RawOtlpClient(port)) {
            byte[] body = null;
            while (System.nanoTime() < deadline) {
                // a refused request is sent again as it was (nothing of it was stored), as an exporter
                // retries; new ids only after a success, which also keeps the driver's own garbage low
                if (body == null) {
                    body = template.withSequence(sequence.getAndIncrement());
                }
                try {
                    RawOtlpClient.Answer answer = client.post(body);
                    if (answer.status() == 200) {
                        body = null;
                        counts.ok.incrementAndGet();
                        counts.acceptedSpans.addAndGet(SPANS_PER_REQUEST);
                    } else if (answer.status() == 429) {
                        counts.throttled.incrementAndGet();
                        if (honourRetryAfter) {
                            long wait = Math.max(1, answer.retryAfterSeconds());
                            Thread.sleep(Math.min(TimeUnit.SECONDS.toMillis(wait),
                                    Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))));
                        }
                    } else {
                        counts.other.incrementAndGet();
                    }
                } catch (IOException e) {
                    counts.connectionErrors.incrementAndGet();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One valid request at a time on its own connection, timed from send to answer, every 200 ms. */
    private static void probe(int port, IngestEndToEndBenchmark.Template template,
                              AtomicLong sequence, long deadline, List<Long> latencies) {
        try (RawOtlpClient client = new RawOtlpClient(port)) {
            while (System.nanoTime() < deadline) {
                byte[] body = template.withSequence(sequence.getAndIncrement());
                long sent = System.nanoTime();
                try {
                    if (client.post(body).status() == 200) {
                        synchronized (latencies) {
                            latencies.add(System.nanoTime() - sent);
                        }
                    }
                } catch (IOException e) {
                    // counted by its absence from the probes
                }
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sampleRss(long pid, long deadline, AtomicLong maxRssKib) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        while (System.nanoTime() < deadline) {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmRSS:")) {
                        long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                        maxRssKib.accumulateAndGet(kib, Math::max);
                    }
                }
                Thread.sleep(100);
            } catch (IOException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Process startReceiver(Path dir, int httpPort) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        String launcher = System.getProperty("bench.launcher", "").trim();
        if (!launcher.isEmpty()) {
            command.add(launcher); // the lab-console script: the receiver with the JVM options it ships with
        } else {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            command.addAll(List.of(java, "-Xmx" + System.getProperty("bench.receiverHeap", "512m")));
            String extra = System.getProperty("bench.receiverJvmOptions", "").trim();
            if (!extra.isEmpty()) {
                command.addAll(List.of(extra.split("\\s+")));
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), LabConsole.class.getName()));
        }
        command.addAll(List.of("receive", "--data-dir", dir.toString(), "--http-port", Integer.toString(httpPort),
                "--grpc-port", Integer.toString(freePort())));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.startsWith("OTLP/HTTP")) {
                Thread drain = new Thread(() -> lines.lines().forEach(ignored -> { }));
                drain.setDaemon(true);
                drain.start();
                return process;
            }
        }
        throw new IllegalStateException("the receiver did not start (exit " + process.waitFor() + ")");
    }

    /** A connection with complete headers that sent 10 bytes of a declared 100,000-byte body. */
    private static Socket partialBody(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.getOutputStream().write(("POST /v1/traces HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/x-protobuf\r\nContent-Length: 100000\r\n\r\n0123456789")
                .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    /** The outcomes of all held connections, looked at in parallel (each look waits 50 ms on an open one). */
    private static java.util.Map<String, Long> outcomes(List<Socket> sockets) throws InterruptedException {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(100);
        try {
            java.util.Map<String, Long> counts = new java.util.concurrent.ConcurrentSkipListMap<>();
            List<java.util.concurrent.Callable<Void>> looks = new ArrayList<>();
            for (Socket socket : sockets) {
                looks.add(() -> {
                    counts.merge(outcome(socket), 1L, Long::sum);
                    return null;
                });
            }
            pool.invokeAll(looks);
            return counts;
        } finally {
            pool.shutdownNow();
        }
    }

    /** "open" while the server waits for the rest of the body, else its answer's status line or "closed". */
    private static String outcome(Socket socket) {
        try {
            socket.setSoTimeout(50);
            byte[] head = new byte[Integer.getInteger("bench.answerBytes", 12)];
            int read = socket.getInputStream().readNBytes(head, 0, head.length);
            return read <= 0 ? "closed" : new String(head, 0, read, StandardCharsets.US_ASCII).trim();
        } catch (java.net.SocketTimeoutException e) {
            return "open";
        } catch (IOException e) {
            return "closed (" + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
