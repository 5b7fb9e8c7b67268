package dev.otellab.ui.bench;

import dev.otellab.telemetry.diff.TraceDiff;
import dev.otellab.telemetry.diff.TraceDiffer;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.Trace;
import dev.otellab.ui.InMemoryTelemetry;
import dev.otellab.ui.SampleTelemetry;
import dev.otellab.ui.common.UiExecutors;
import dev.otellab.ui.compare.CompareView;
import dev.otellab.ui.compare.CompareViewModel;
import dev.otellab.ui.shell.Theme;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;

/**
 * Not a test: compares two 10,000-span traces (the same shape, B with every 50th span 3 ms
 * longer and one subtree of 40 extra spans) — aligning them, the Compare view model, and the
 * first CSS, layout and render of the Compare view — 5 runs after 3 warm-up runs, new trace
 * ids each run. Monocle headless without DISPLAY, else a real window. The command is in
 * docs/benchmarks.md.
 */
public final class CompareBenchmark {
    private static final int SPANS = 10_000;
    private static final int RUNS = 5;
    private static final int WARM_UP = 3;

    private CompareBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        boolean headless = System.getenv("DISPLAY") == null || System.getenv("DISPLAY").isBlank();
        if (headless) {
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("headless.geometry", "1600x1000-32");
        }
        System.setProperty("prism.order", "sw");
        dev.otellab.ui.ConsoleApplication.configureRendering();
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        Platform.setImplicitExit(false);

        UiExecutors executors = new UiExecutors(Runnable::run, Runnable::run, null, java.time.Clock.systemUTC());
        CompareViewModel model = new CompareViewModel(new InMemoryTelemetry(), executors);
        Stage stage = onFx(() -> {
            Stage window = new Stage();
            Scene scene = new Scene(new CompareView(model, () -> { }), 1440, 900);
            scene.getStylesheets().setAll(Theme.LIGHT.stylesheets());
            window.setScene(scene);
            window.show();
            return window;
        });
        long[] align = new long[RUNS + WARM_UP];
        long[] show = new long[RUNS + WARM_UP];
        long[] render = new long[RUNS + WARM_UP];
        int rows = 0;
        for (int run = 0; run < RUNS + WARM_UP; run++) {
            Trace a = new Trace(id(2 * run), SampleTelemetry.bigTrace(id(2 * run), SPANS, 1_000_000_000L));
            Trace b = new Trace(id(2 * run + 1), slower(SampleTelemetry.bigTrace(id(2 * run + 1), SPANS + 40, 1_000_000_000L)));
            long t0 = System.nanoTime();
            TraceDiff diff = TraceDiffer.diff(a, b);
            long t1 = System.nanoTime();
            long[] phases = onFx(() -> {
                long s0 = System.nanoTime();
                model.show(diff);
                long s1 = System.nanoTime();
                Scene scene = stage.getScene();
                scene.getRoot().applyCss();
                scene.getRoot().layout();
                scene.snapshot(null); // renders the scene graph, as the next pulse would
                long s2 = System.nanoTime();
                return new long[] {s1 - s0, s2 - s1};
            });
            align[run] = t1 - t0;
            show[run] = phases[0];
            render[run] = phases[1];
            rows = diff.spans().size();
        }
        onFx(() -> {
            stage.close();
            return null;
        });
        StringBuilder report = new StringBuilder();
        report.append("Load average at start: ").append(loadAverage()).append('\n');
        report.append("Display: ").append(headless ? "Monocle headless" : "X display " + System.getenv("DISPLAY"))
                .append(", software rendering\n\n");
        report.append("| phase (ms, ").append(RUNS).append(" runs after ").append(WARM_UP)
                .append(" warm-up runs) | median | max |\n|---|---|---|\n");
        row(report, "align the two traces (`TraceDiffer`)", align);
        row(report, "view model: rows, headline, top five", show);
        row(report, "first CSS + layout + render of the Compare view", render);
        long[] total = new long[align.length];
        for (int i = 0; i < total.length; i++) {
            total[i] = align[i] + show[i] + render[i];
        }
        row(report, "**total: Compare to first frame**", total);
        report.append("\nAligned rows: ").append(String.format("%,d", rows)).append('\n');
        System.out.println(report);
        Platform.exit();
    }

    /** B: every 50th span 3 ms longer (its parent too, so the tree stays nested). */
    private static List<Span> slower(List<Span> spans) {
        List<Span> result = new ArrayList<>(spans.size());
        for (int i = 0; i < spans.size(); i++) {
            Span span = spans.get(i);
            long extra = i % 50 == 0 ? 3_000_000L : 0;
            result.add(new Span(span.traceId(), span.spanId(), span.parentSpanId(), span.name(), span.kind(),
                    span.serviceName(), span.startUnixNano(), span.endUnixNano() + extra, span.status(),
                    span.statusMessage(), span.attributes(), span.events(), span.links(), span.resource(), span.scope()));
        }
        return result;
    }

    private static String id(int n) {
        return String.format("%032x", 0xc0ffeeL * 1000 + n + System.nanoTime() % 1000 * 100_000);
    }

    private static void row(StringBuilder report, String phase, long[] nanos) {
        long[] measured = Arrays.copyOfRange(nanos, WARM_UP, nanos.length);
        Arrays.sort(measured);
        report.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f |%n", phase, measured[measured.length / 2] / 1e6,
                measured[measured.length - 1] / 1e6));
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        FutureTask<T> task = new FutureTask<>(work);
        Platform.runLater(task);
        return task.get();
    }
}
