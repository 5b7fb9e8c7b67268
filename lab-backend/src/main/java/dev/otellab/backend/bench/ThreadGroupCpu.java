package dev.otellab.backend.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The CPU time of a process split by what its threads do (request handling, telemetry export,
 * GC, JIT, the rest), read from Linux's /proc/PID/task/TID/stat. Shows where the instrumented
 * server's extra CPU per request goes; empty where /proc is not there.
 */
final class ThreadGroupCpu {

  static final String REQUESTS = "request threads";
  static final String EXPORT = "export threads";
  static final String GC = "GC";
  static final String JIT = "JIT";
  static final String OTHER = "other";
  static final java.util.List<String> GROUPS = java.util.List.of(REQUESTS, EXPORT, GC, JIT, OTHER);

  /** USER_HZ: the unit of utime and stime; 100 on every Linux this runs on. */
  private static final long NANOS_PER_TICK = 10_000_000L;

  private ThreadGroupCpu() {}

  /** The CPU time of each live thread of the process, by thread id; empty without /proc. */
  static Map<String, ThreadCpu> of(long pid) {
    Map<String, ThreadCpu> threads = new LinkedHashMap<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      tasks.forEach(task -> read(task.resolve("stat")).ifPresent(cpu -> threads.put(task.getFileName().toString(), cpu)));
    } catch (IOException | java.io.UncheckedIOException e) {
      return Map.of();
    }
    return threads;
  }

  /**
   * CPU nanoseconds used between two readings, by group. Counted per thread, so a thread that
   * ended in between (Jetty retires idle ones) does not take its earlier CPU time with it.
   */
  static Map<String, Long> between(Map<String, ThreadCpu> before, Map<String, ThreadCpu> after) {
    if (after.isEmpty()) {
      return Map.of();
    }
    Map<String, Long> nanos = new LinkedHashMap<>();
    GROUPS.forEach(group -> nanos.put(group, 0L));
    after.forEach(
        (tid, cpu) -> {
          // By id, not name: OkHttp renames its threads while they run a call.
          ThreadCpu earlier = before.get(tid);
          long used = cpu.nanos() - (earlier != null ? earlier.nanos() : 0);
          nanos.merge(groupOf(cpu.name()), used, Long::sum);
        });
    return nanos;
  }

  /** One thread: its name as Linux keeps it and its CPU time so far. */
  record ThreadCpu(String name, long nanos) {}

  private static java.util.Optional<ThreadCpu> read(Path stat) {
    String line;
    try {
      line = Files.readString(stat);
    } catch (IOException ended) {
      return java.util.Optional.empty();
    }
    // "tid (name) state ppid ...": the name may hold spaces and parentheses, so split after the last ')'.
    int nameEnd = line.lastIndexOf(')');
    String name = line.substring(line.indexOf('(') + 1, nameEnd);
    String[] fields = line.substring(nameEnd + 2).split(" ");
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
    return java.util.Optional.of(new ThreadCpu(name, ticks * NANOS_PER_TICK));
  }

  /** Linux keeps the first 15 characters of a Java thread's name. */
  static String groupOf(String threadName) {
    if (threadName.startsWith("JettyServerThre") || threadName.startsWith("qtp")) {
      return REQUESTS;
    }
    if (threadName.startsWith("BatchSpanProces") || threadName.startsWith("BatchLogRecordP")
        || threadName.toLowerCase(java.util.Locale.ROOT).startsWith("okhttp")
        || threadName.startsWith("HttpClient") || threadName.startsWith("jdkhttp")
        || threadName.startsWith("Okio")) {
      return EXPORT;
    }
    if (threadName.startsWith("GC Thread") || threadName.startsWith("G1 ") || threadName.equals("VM Thread")) {
      return GC;
    }
    if (threadName.startsWith("C1 CompilerThre") || threadName.startsWith("C2 CompilerThre")) {
      return JIT;
    }
    return OTHER;
  }
}
