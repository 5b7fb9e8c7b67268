package dev.otellab.backend.bench;

import java.util.Locale;

/** Throughput and latency of one scenario over the measured window. */
record Result(long requests, long errors, double seconds, double p50Millis, double p99Millis) {

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
