package dev.otellab.telemetry.embedded;

/**
 * A place in the ingest journal: the end of a record in a segment file. Positions grow in the
 * order records were appended, which is also the order the writer stores them in.
 */
record JournalPosition(long segment, long offset) implements Comparable<JournalPosition> {
    static final JournalPosition START = new JournalPosition(0, 0);

    @Override
    public int compareTo(JournalPosition other) {
        int bySegment = Long.compare(segment, other.segment);
        return bySegment != 0 ? bySegment : Long.compare(offset, other.offset);
    }
}
