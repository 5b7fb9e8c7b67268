package dev.otellab.backend.bench;

import java.util.Locale;

/** Throughput and latency of one scenario over the measured window. */
record Result(long requests, long errors, double seconds, double p50Millis, double p99Millis) {

  /** Requests and errors summed, time summed, latencies averaged: the mean of several rounds. */
  static Result mean(java.util.List<Result> rounds) {
    long requests = 0;
    long errors = 0;
    double seconds = 0;
    double p50 = 0;
    double p99 = 0;
    for (Result round : rounds) {
      requests += round.requests;
      errors += round.errors;
      seconds += round.seconds;
      p50 += round.p50Millis;
      p99 += round.p99Millis;
    }
    return new Result(requests, errors, seconds, p50 / rounds.size(), p99 / rounds.size());
  }

  double throughput() {
    return requests / seconds;
  }

  String row(String scenario, String setup) {
    return String.format(
        Locale.ROOT,
        "| %s | %s | %.0f | %.2f | %.2f | %d |",
        scenario, setup, throughput(), p50Millis, p99Millis, errors);
  }
}
