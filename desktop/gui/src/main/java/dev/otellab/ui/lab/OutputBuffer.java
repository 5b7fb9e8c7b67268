package dev.otellab.ui.lab;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Where lab-backend's output lines wait, on the reader thread, for the next drain on the UI
 * thread. Bounded: when lines come faster than the view keeps, the oldest are dropped here
 * already. Thread-safe.
 */
final class OutputBuffer {
    private final int capacity;
    private final ArrayDeque<String> pending = new ArrayDeque<>();

    OutputBuffer(int capacity) {
        this.capacity = capacity;
    }

    /** Adds a line; true when the queue was empty before (the caller schedules a drain). */
    synchronized boolean offer(String line) {
        boolean wasEmpty = pending.isEmpty();
        if (pending.size() == capacity) {
            pending.removeFirst();
        }
        pending.addLast(line);
        return wasEmpty;
    }

    /** Everything waiting, oldest first; the queue is empty afterwards. */
    synchronized List<String> drain() {
        List<String> all = new ArrayList<>(pending);
        pending.clear();
        return all;
    }
}
