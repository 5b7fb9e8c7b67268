package dev.otellab.ui.logs;

import dev.otellab.telemetry.model.LogRecord;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a live tail's batches wait, on the source's thread, for the next drain on the UI
 * thread. Bounded: when more arrive than the view would keep, the oldest are dropped here
 * already (they would be dropped from the view anyway). Thread-safe.
 */
final class LogTailQueue {
    private final int capacity;
    private final ArrayDeque<LogRecord> pending = new ArrayDeque<>();
    private long dropped;

    LogTailQueue(int capacity) {
        this.capacity = capacity;
    }

    synchronized void offer(List<LogRecord> batch) {
        for (LogRecord record : batch) {
            if (pending.size() == capacity) {
                pending.removeFirst();
                dropped++;
            }
            pending.addLast(record);
        }
    }

    /** Everything waiting, oldest first; the queue is empty afterwards. */
    synchronized List<LogRecord> drain() {
        List<LogRecord> all = new ArrayList<>(pending);
        pending.clear();
        return all;
    }

    synchronized void clear() {
        pending.clear();
    }

    /** Records dropped here because the queue was full, since it was made. */
    synchronized long dropped() {
        return dropped;
    }
}
