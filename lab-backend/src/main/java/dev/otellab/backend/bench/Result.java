package dev.otellab.backend.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Throughput and latency of one scenario over the measured window, and the server's CPU time per
 * request (the steadiest of the numbers when other work shares the machine), in all and by the
 * server's thread groups ({@link ThreadGroupCpu}). {@code answered} counts every request of the run,
 * warm-up included: each made spans and log records that the sink should receive.
 */
record Result(
    long requests,
    long errors,
    double seconds,
    double p50Millis,
    double p99Millis,
    double cpuMicrosPerRequest,
    Map<String, Double> cpuMicrosPerRequestByGroup,
    long answered) {

  /** Requests and errors summed, time summed, latencies averaged: the mean of several rounds. */
  static Result mean(List<Result> rounds) {
    long requests = 0;
    long errors = 0;
    long answered = 0;
    double seconds = 0;
    double p50 = 0;
    double p99 = 0;
    double cpu = 0;
    Map<String, Double> cpuByGroup = new LinkedHashMap<>();
    for (Result round : rounds) {
      requests += round.requests;
      errors += round.errors;
      answered += round.answered;
      seconds += round.seconds;
      p50 += round.p50Millis;
      p99 += round.p99Millis;
      cpu += round.cpuMicrosPerRequest * round.requests;
      round.cpuMicrosPerRequestByGroup.forEach(
          (group, micros) -> cpuByGroup.merge(group, micros * round.requests, Double::sum));
    }
    long total = requests;
    int n = rounds.size();
    return new Result(
        requests, errors, seconds, p50 / n, p99 / n, cpu / requests,
        cpuByGroup.entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue() / total, (a, b) -> a, LinkedHashMap::new)),
        answered);
  }

  /** The JIT threads' share of the server's CPU in the window; 0 where /proc was not readable. */
  double jitShare() {
    double all = cpuMicrosPerRequestByGroup.values().stream().mapToDouble(Double::doubleValue).sum();
    return all > 0 ? cpuMicrosPerRequestByGroup.getOrDefault(ThreadGroupCpu.JIT, 0.0) / all : 0;
  }

  double throughput() {
    return requests / seconds;
  }

  String row(String scenario, String setup) {
    return String.format(
        Locale.ROOT,
        "| %s | %s | %.0f | %.2f | %.2f | %.0f | %d |",
        scenario, setup, throughput(), p50Millis, p99Millis, cpuMicrosPerRequest, errors);
  }

  /** Server CPU µs per request by thread group, in {@link ThreadGroupCpu#GROUPS} order. */
  String cpuByGroupRow(String scenario, String setup) {
    StringBuilder row = new StringBuilder("| " + scenario + " | " + setup + " |");
    for (String group : ThreadGroupCpu.GROUPS) {
      Double micros = cpuMicrosPerRequestByGroup.get(group);
      row.append(micros == null ? " n/a |" : String.format(Locale.ROOT, " %.0f |", micros));
    }
    return row.toString();
  }
}
