package dev.otellab.ui.bench;

import dev.otellab.telemetry.model.LogRecord;
import dev.otellab.telemetry.model.Resource;
import dev.otellab.telemetry.model.Severity;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.Trace;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.ui.InMemoryTelemetry;
import dev.otellab.ui.SampleTelemetry;
import dev.otellab.ui.common.UiExecutors;
import dev.otellab.ui.logs.LogViewModel;
import dev.otellab.ui.logs.LogsView;
import dev.otellab.ui.shell.Navigator;
import dev.otellab.ui.shell.Theme;
import dev.otellab.ui.waterfall.WaterfallView;
import dev.otellab.ui.waterfall.WaterfallViewModel;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * Not a test: measures (1) opening a 10,000-span trace — building the trace tree, the view
 * model's rows, and the first layout and render of the waterfall — and (2) a live tail of
 * 5,000 log records per second for 10 seconds, as the FX thread's frame intervals. Runs on
 * Monocle headless when there is no DISPLAY, else in a real window (Xvfb). Prints Markdown.
 * The command is in docs/benchmarks.md.
 */
public final class WaterfallBenchmark {
    private static final int SPANS = 10_000;
    private static final int RUNS = 5;
    private static final int RECORDS_PER_SECOND = 5_000;
    private static final int TAIL_SECONDS = 10;
    private static final int BATCHES_PER_SECOND = 100;
    private static final int IDLE_SECONDS = 3;

    private WaterfallBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        boolean headless = System.getenv("DISPLAY") == null || System.getenv("DISPLAY").isBlank();
        if (headless) {
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("headless.geometry", "1600x1000-32");
        }
        System.setProperty("prism.order", "sw");
        dev.otellab.ui.ConsoleApplication.configureRendering(); // as the real window does
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        Platform.setImplicitExit(false);

        StringBuilder report = new StringBuilder();
        report.append("Machine: ").append(machine()).append('\n');
        report.append("Load average at start (1/5/15 min, other builds share the machine): ").append(loadAverage()).append('\n');
        report.append("Display: ").append(headless ? "Monocle headless, software rendering" : "X display " + System.getenv("DISPLAY") + ", software rendering (prism.order=sw)")
                .append(", prism.disableRegionCaching=").append(System.getProperty("prism.disableRegionCaching")).append("\n\n");
        openBigTrace(report);
        tailStress(report);
        System.out.println();
        System.out.println(report);
        Platform.exit();
    }

    private static void openBigTrace(StringBuilder report) throws Exception {
        UiExecutors executors = new UiExecutors(Runnable::run, Runnable::run, null, java.time.Clock.systemUTC());
        WaterfallViewModel model = new WaterfallViewModel(new InMemoryTelemetry(), executors, Navigator.NONE);
        Stage stage = onFx(() -> {
            Stage window = new Stage();
            Scene scene = new Scene(new WaterfallView(model, () -> { }, message -> { }), 1500, 940);
            scene.getStylesheets().setAll(Theme.LIGHT.stylesheets());
            window.setScene(scene);
            window.show();
            return window;
        });
        long[] build = new long[RUNS + 3];
        long[] show = new long[RUNS + 3];
        long[] render = new long[RUNS + 3];
        for (int run = 0; run < RUNS + 3; run++) { // the first three warm the JIT up
            String traceId = String.format("%032x", 0xabcL + run);
            List<Span> spans = SampleTelemetry.bigTrace(traceId, SPANS, 1_000_000_000L);
            long[] phases = onFx(() -> {
                long t0 = System.nanoTime();
                Trace trace = new Trace(traceId, spans);
                long t1 = System.nanoTime();
                model.show(trace);
                long t2 = System.nanoTime();
                Scene scene = stage.getScene();
                scene.getRoot().applyCss();
                scene.getRoot().layout();
                scene.snapshot(null); // renders the scene graph, as the next pulse would
                long t3 = System.nanoTime();
                return new long[] {t1 - t0, t2 - t1, t3 - t2};
            });
            build[run] = phases[0];
            show[run] = phases[1];
            render[run] = phases[2];
        }
        int rows = onFx(() -> model.rows().size());
        onFx(() -> {
            stage.close();
            return null;
        });
        report.append("### Open a ").append(String.format("%,d", SPANS)).append("-span trace (").append(RUNS)
                .append(" runs after 3 warm-up runs, ms: median / max)\n\n");
        report.append("| phase | median | max |\n|---|---|---|\n");
        row(report, "build the trace tree (domain `Trace`)", build);
        row(report, "view model: rows, self times, bars, critical path", show);
        row(report, "first CSS + layout + render of the waterfall", render);
        long[] total = new long[build.length];
        for (int i = 0; i < total.length; i++) {
            total[i] = build[i] + show[i] + render[i];
        }
        row(report, "**total: click to first frame**", total);
        report.append("\nRows in the list: ").append(String.format("%,d", rows)).append("\n\n");
    }

    private static void tailStress(StringBuilder report) throws Exception {
        InMemoryTelemetry telemetry = new InMemoryTelemetry();
        UiExecutors executors = UiExecutors.forWindow();
        LogViewModel model = new LogViewModel(telemetry, executors, Navigator.NONE);
        Stage stage = onFx(() -> {
            Stage window = new Stage();
            Scene scene = new Scene((javafx.scene.Parent) new LogsView(model, java.time.ZoneId.systemDefault()).node(), 1500, 940);
            scene.getStylesheets().setAll(Theme.LIGHT.stylesheets());
            window.setScene(scene);
            window.show();
            model.start();
            return window;
        });
        long[] intervals = new long[(TAIL_SECONDS + IDLE_SECONDS) * 200];
        int[] count = {0};
        long[] last = {0};
        AnimationTimer frames = new AnimationTimer() {
            @Override
            public void handle(long now) {
                long wall = System.nanoTime();
                if (last[0] != 0 && count[0] < intervals.length) {
                    intervals[count[0]++] = wall - last[0];
                }
                last[0] = wall;
            }
        };
        onFx(() -> {
            frames.start();
            return null;
        });
        // Baseline: the same window with nothing arriving, to tell rendering cost from tail cost.
        TimeUnit.SECONDS.sleep(IDLE_SECONDS);
        long[] idle = Arrays.copyOf(intervals, count[0]);
        onFx(() -> {
            count[0] = 0;
            last[0] = 0;
            return null;
        });
        int perBatch = RECORDS_PER_SECOND / BATCHES_PER_SECOND;
        long fxThread = onFx(() -> Thread.currentThread().getId());
        long rendererThread = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("QuantumRenderer")).mapToLong(Thread::getId).findFirst().orElse(-1);
        java.lang.management.ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long fxCpuBefore = cpu.getThreadCpuTime(fxThread);
        long rendererCpuBefore = rendererThread < 0 ? 0 : cpu.getThreadCpuTime(rendererThread);
        long start = System.nanoTime();
        long sent = 0;
        Resource resource = new Resource(Map.of("service.name", "lab-backend"));
        for (int batch = 0; batch < TAIL_SECONDS * BATCHES_PER_SECOND; batch++) {
            long due = start + batch * 1_000_000_000L / BATCHES_PER_SECOND;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            List<LogRecord> records = new ArrayList<>(perBatch);
            long now = TimeRange.toNanos(java.time.Instant.now());
            for (int i = 0; i < perBatch; i++) {
                long n = sent++;
                records.add(new LogRecord(now + i, now + i, n % 50 == 0 ? Severity.ERROR.lowestNumber() : Severity.INFO.lowestNumber(),
                        "", "GET /api/tasks served request " + n, "lab-backend", String.format("%032x", n + 1), String.format("%016x", n + 1),
                        Map.of("http.route", "/api/tasks"), resource, null));
            }
            telemetry.publish(records);
        }
        long produced = System.nanoTime() - start;
        double fxBusy = (cpu.getThreadCpuTime(fxThread) - fxCpuBefore) / (double) produced;
        double rendererBusy = rendererThread < 0 ? Double.NaN : (cpu.getThreadCpuTime(rendererThread) - rendererCpuBefore) / (double) produced;
        long lastSent = sent - 1;
        long caughtUp = System.nanoTime();
        while (!onFx(() -> !model.records().isEmpty() && model.records().get(model.records().size() - 1).body().endsWith(" " + lastSent))) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
        long lag = System.nanoTime() - caughtUp;
        int shown = onFx(() -> {
            frames.stop();
            model.close();
            stage.close();
            return model.records().size();
        });
        executors.shutdown();
        long[] measured = Arrays.copyOf(intervals, count[0]);
        Arrays.sort(measured);
        Arrays.sort(idle);
        report.append("### Live tail: ").append(String.format("%,d", RECORDS_PER_SECOND)).append(" records/s for ")
                .append(TAIL_SECONDS).append(" s (").append(BATCHES_PER_SECOND).append(" batches/s), following, table on screen\n\n");
        report.append("| measure | idle window (" + IDLE_SECONDS + " s) | during the tail |\n|---|---|---|\n");
        report.append(String.format(Locale.ROOT, "| records sent | 0 | %,d in %.1f s |%n", sent, produced / 1e9));
        report.append(String.format(Locale.ROOT, "| frames observed (AnimationTimer) | %,d | %,d |%n", idle.length, measured.length));
        report.append(String.format(Locale.ROOT, "| frame interval median | %.1f ms | %.1f ms |%n", percentile(idle, 0.50) / 1e6, percentile(measured, 0.50) / 1e6));
        report.append(String.format(Locale.ROOT, "| frame interval p99 | %.1f ms | %.1f ms |%n", percentile(idle, 0.99) / 1e6, percentile(measured, 0.99) / 1e6));
        report.append(String.format(Locale.ROOT, "| frame interval max | %.1f ms | %.1f ms |%n", max(idle) / 1e6, max(measured) / 1e6));
        report.append(String.format(Locale.ROOT, "| FX thread CPU time / wall time | | %.0f %% |%n", fxBusy * 100));
        report.append(String.format(Locale.ROOT, "| renderer thread CPU time / wall time | | %.0f %% |%n", rendererBusy * 100));
        report.append(String.format(Locale.ROOT, "| last record shown after the producer stopped | | %.0f ms |%n", lag / 1e6));
        report.append(String.format(Locale.ROOT, "| records in the table at the end (bound) | | %,d |%n", shown));
    }

    private static void row(StringBuilder report, String phase, long[] nanos) {
        long[] measured = Arrays.copyOfRange(nanos, 3, nanos.length);
        Arrays.sort(measured);
        report.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f |%n", phase,
                measured[measured.length / 2] / 1e6, measured[measured.length - 1] / 1e6));
    }

    private static long max(long[] sorted) {
        return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " / " + parts[1] + " / " + parts[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name")).findFirst()
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse(cpu);
        } catch (java.io.IOException ignored) {
            // not Linux: leave it unknown
        }
        long ram = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        return String.format(Locale.ROOT, "%d cores (%s), %.0f GiB RAM, JDK %s (%s), max heap %.1f GiB",
                Runtime.getRuntime().availableProcessors(), cpu, ram / 1024.0 / 1024 / 1024,
                System.getProperty("java.runtime.version"), System.getProperty("java.vm.name"),
                Runtime.getRuntime().maxMemory() / 1024.0 / 1024 / 1024);
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        FutureTask<T> task = new FutureTask<>(work);
        Platform.runLater(task);
        return task.get(60, TimeUnit.SECONDS);
    }
}
