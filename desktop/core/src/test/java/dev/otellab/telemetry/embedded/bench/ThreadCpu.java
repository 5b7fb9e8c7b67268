package dev.otellab.telemetry.embedded.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * CPU time of the process and of its threads grouped by name (the store's writer, its
 * checkpointer, the receiver's pool, ...). On a shared machine the wall-clock rate depends on the
 * neighbours; the CPU time per item of each thread group does not, and it says which one limits.
 * Threads that end between two snapshots are not counted (their group reads low).
 */
record ThreadCpu(Map<String, Long> groupNanos, long processNanos, long wallNanos) {

    /** Thread name prefix to group, in the order they are printed; the first match wins. */
    private static final Map<String, String> GROUPS = new LinkedHashMap<>();

    static {
        GROUPS.put("telemetry-store-writer", "writer");
        GROUPS.put("telemetry-store-checkpointer", "checkpointer");
        GROUPS.put("telemetry-store-acks", "acks");
        GROUPS.put("JettyServerThreadPool", "receiver");
        GROUPS.put("HttpClient", "clients");
        GROUPS.put("ingest-client", "clients");
        GROUPS.put("producer", "producers");
    }

    static ThreadCpu now() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> groups = new LinkedHashMap<>();
        for (String group : GROUPS.values()) {
            groups.put(group, 0L);
        }
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            String group = groupOf(thread.getName());
            if (group != null) {
                groups.merge(group, Math.max(0, threads.getThreadCpuTime(thread.getId())), Long::sum);
            }
        }
        long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        return new ThreadCpu(groups, process, System.nanoTime());
    }

    private static String groupOf(String threadName) {
        for (Map.Entry<String, String> prefix : GROUPS.entrySet()) {
            if (threadName.startsWith(prefix.getKey())) {
                return prefix.getValue();
            }
        }
        return null;
    }

    ThreadCpu minus(ThreadCpu earlier) {
        Map<String, Long> groups = new LinkedHashMap<>();
        groupNanos.forEach((group, nanos) -> groups.put(group, nanos - earlier.groupNanos.getOrDefault(group, 0L)));
        return new ThreadCpu(groups, processNanos - earlier.processNanos, wallNanos - earlier.wallNanos);
    }

    /** Adds CPU time measured by threads themselves (e.g. ones that end before the last snapshot). */
    ThreadCpu plus(String group, long nanos) {
        Map<String, Long> groups = new LinkedHashMap<>(groupNanos);
        groups.merge(group, nanos, Long::sum);
        return new ThreadCpu(groups, processNanos, wallNanos);
    }

    long nanos(String group) {
        return groupNanos.getOrDefault(group, 0L);
    }

    /** One line: each non-empty group's CPU per item, the rest of the process, the share of the cores. */
    String describe(String item, long count) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "CPU per %s:", item));
        long named = 0;
        for (Map.Entry<String, Long> group : groupNanos.entrySet()) {
            if (group.getValue() > 0) {
                named += group.getValue();
                line.append(String.format(Locale.ROOT, " %s %.2f us;", group.getKey(), group.getValue() / 1e3 / count));
            }
        }
        line.append(String.format(Locale.ROOT, " rest (GC, JIT, other threads) %.2f us; whole process %.2f us"
                        + " = %.2f cores busy over %.1f s (load average %.1f)",
                Math.max(0, processNanos - named) / 1e3 / count, processNanos / 1e3 / count,
                (double) processNanos / wallNanos, wallNanos / 1e9,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        String writer = GROUPS.get("telemetry-store-writer");
        if (nanos(writer) > 0) {
            line.append(String.format(Locale.ROOT, "%n  the writer thread alone would allow %,.0f per second",
                    count / (nanos(writer) / 1e9)));
        }
        return line.toString();
    }
}
