package dev.otellab.backend;

import dev.otellab.backend.config.ConfigResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Ends this process when the process that launched it is gone (killed with -9, crashed), so a
 * console that dies leaves no lab child holding its port. The console passes its process id in
 * {@link #PARENT_PID_VARIABLE}; without it (a service started by hand) nothing is watched. Every
 * child of the lab starts one in its {@code main}: {@code ParentWatch.startFromEnvironment(System.getenv(), "lab-web")}.
 */
public final class ParentWatch {

  /** The environment variable holding the launching console's process id. */
  public static final String PARENT_PID_VARIABLE = "OTEL_LAB_PARENT_PID";

  /** The exit code when the parent is gone. */
  public static final int EXIT_PARENT_GONE = 3;

  static final Duration POLL_INTERVAL = Duration.ofMillis(250);

  /** How long the shutdown hooks (drain requests, flush telemetry) get before the process halts. */
  static final Duration EXIT_GRACE = Duration.ofSeconds(10);

  private ParentWatch() {}

  /**
   * Starts watching as {@link #startFromEnvironment} does, from a service's {@code main}: an
   * invalid variable is a settings error, so the process says why and exits with code 2.
   */
  public static void startOrExit(Map<String, String> environment, String serviceName) {
    try {
      startFromEnvironment(environment, serviceName);
    } catch (IllegalArgumentException e) {
      System.err.println(serviceName + ": " + e.getMessage());
      System.exit(ConfigResult.Invalid.EXIT_CODE);
    }
  }

  /**
   * Starts watching the parent named by the environment, on a daemon thread.
   *
   * @return the parent's process id, or empty when the variable is absent (nothing watched)
   * @throws IllegalArgumentException when the variable is not a process id
   */
  public static Optional<Long> startFromEnvironment(Map<String, String> environment, String serviceName) {
    String raw = environment.get(PARENT_PID_VARIABLE);
    if (raw == null || raw.isBlank()) {
      return Optional.empty();
    }
    long pid;
    try {
      pid = Long.parseLong(raw.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(PARENT_PID_VARIABLE + " must be a process id, was '" + raw + "'");
    }
    Optional<ProcessHandle> parent = ProcessHandle.of(pid);
    Optional<Instant> started = parent.flatMap(handle -> handle.info().startInstant());
    Thread watcher =
        new Thread(
            () -> {
              while (isAlive(pid, started)) {
                try {
                  Thread.sleep(POLL_INTERVAL.toMillis());
                } catch (InterruptedException e) {
                  return;
                }
              }
              exit(serviceName, pid);
            },
            serviceName + "-parent-watch");
    watcher.setDaemon(true);
    watcher.start();
    return Optional.of(pid);
  }

  /** Alive, and still the same process (a reused pid has another start time). */
  static boolean isAlive(long pid, Optional<Instant> started) {
    Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    if (handle.isEmpty()) {
      return false;
    }
    Optional<Instant> now = handle.get().info().startInstant();
    return started.isEmpty() || now.isEmpty() || started.equals(now);
  }

  private static void exit(String serviceName, long pid) {
    System.err.println(serviceName + ": the process that started it (" + pid + ") is gone; stopping.");
    Thread halt =
        new Thread(
            () -> {
              try {
                Thread.sleep(EXIT_GRACE.toMillis());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              Runtime.getRuntime().halt(EXIT_PARENT_GONE);
            },
            serviceName + "-parent-gone-halt");
    halt.setDaemon(true);
    halt.start();
    System.exit(EXIT_PARENT_GONE);
  }
}
