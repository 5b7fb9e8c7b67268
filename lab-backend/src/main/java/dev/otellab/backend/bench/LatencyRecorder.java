package dev.otellab.backend.bench;

import java.util.Arrays;

/** Latencies in nanoseconds in a growable primitive array (no boxing on the measuring path). */
final class LatencyRecorder {

  private long[] nanos = new long[1 << 16];
  private int size;

  void add(long value) {
    if (size == nanos.length) {
      nanos = Arrays.copyOf(nanos, size * 2);
    }
    nanos[size++] = value;
  }

  void addAll(LatencyRecorder other) {
    for (int i = 0; i < other.size; i++) {
      add(other.nanos[i]);
    }
  }

  long count() {
    return size;
  }

  double percentileMillis(double percentile) {
    if (size == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(nanos, size);
    Arrays.sort(sorted);
    int index = (int) Math.ceil(percentile / 100.0 * size) - 1;
    return sorted[Math.max(0, Math.min(index, size - 1))] / 1e6;
  }
}
