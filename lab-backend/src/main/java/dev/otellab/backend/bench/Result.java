package dev.otellab.backend.bench;

import java.util.Locale;

/**
 * Throughput and latency of one scenario over the measured window, and the server's CPU time per
 * request: the steadiest of the numbers when other work shares the machine.
 */
record Result(
    long requests, long errors, double seconds, double p50Millis, double p99Millis, double cpuMicrosPerRequest) {

  /** Requests and errors summed, time summed, latencies averaged: the mean of several rounds. */
  static Result mean(java.util.List<Result> rounds) {
    long requests = 0;
    long errors = 0;
    double seconds = 0;
    double p50 = 0;
    double p99 = 0;
    double cpu = 0;
    for (Result round : rounds) {
      requests += round.requests;
      errors += round.errors;
      seconds += round.seconds;
      p50 += round.p50Millis;
      p99 += round.p99Millis;
      cpu += round.cpuMicrosPerRequest * round.requests;
    }
    int n = rounds.size();
    return new Result(requests, errors, seconds, p50 / n, p99 / n, cpu / requests);
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
}
