package dev.otellab.telemetry.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The store's write-ahead journal (decision 0053): batches are appended here and acknowledged,
 * then written to the tables by the writer in large transactions. A record that reached the file
 * survives a crash of this process (the same promise as SQLite's WAL with synchronous=NORMAL), and
 * a restart replays the records the tables do not hold yet.
 *
 * <p>Files: {@code journal/NNNNNNNNNNNN.journal}, each record an int length, an int CRC-32C of the
 * payload, then the payload ({@link JournalRecord}). Appends go to the newest segment; a new one
 * starts at each open and once a segment passes {@link #SEGMENT_BYTES}. Segments wholly in the
 * tables are deleted.
 */
final class IngestJournal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IngestJournal.class);
    static final String FOLDER = "journal";
    static final long SEGMENT_BYTES = 64L << 20;
    private static final String SUFFIX = ".journal";
    /** Larger than any record the receiver makes (its request bodies are capped far below). */
    private static final int MAX_RECORD_BYTES = 1 << 30;

    private final Path folder;
    private final long segmentBytes;
    private FileChannel current;
    private long currentSegment;
    private long currentSize;

    private IngestJournal(Path folder, long segmentBytes, long firstSegment) throws IOException {
        this.folder = folder;
        this.segmentBytes = segmentBytes;
        startSegment(firstSegment);
    }

    /** Opens the journal of the store in {@code storeDirectory}; appends go to a new segment. */
    static IngestJournal open(Path storeDirectory) {
        return open(storeDirectory, SEGMENT_BYTES);
    }

    static IngestJournal open(Path storeDirectory, long segmentBytes) {
        Path folder = storeDirectory.resolve(FOLDER);
        try {
            Files.createDirectories(folder);
            List<Long> existing = segments(folder);
            long next = existing.isEmpty() ? 1 : existing.get(existing.size() - 1) + 1;
            return new IngestJournal(folder, segmentBytes, next);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not open the ingest journal in " + folder, e);
        }
    }

    /**
     * Appends a record (its first {@link JournalRecord#HEADER_BYTES} bytes are filled here) and
     * returns where it ends. Callers serialize appends with the writer's queue, so that records
     * and queue items are in the same order.
     */
    JournalPosition append(JournalRecord record) throws IOException {
        byte[] bytes = record.bytes();
        int payloadLength = record.length() - JournalRecord.HEADER_BYTES;
        CRC32C crc = new CRC32C();
        crc.update(bytes, JournalRecord.HEADER_BYTES, payloadLength);
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, record.length());
        buffer.putInt(0, payloadLength);
        buffer.putInt(4, (int) crc.getValue());
        if (currentSize > 0 && currentSize + record.length() > segmentBytes) {
            current.close();
            startSegment(currentSegment + 1);
        }
        while (buffer.hasRemaining()) {
            current.write(buffer);
        }
        currentSize += record.length();
        return new JournalPosition(currentSegment, currentSize);
    }

    /**
     * Reads every whole record after {@code mark} in the segments written before this open, in
     * order. A torn or corrupt record ends its segment (it was being written when the process
     * stopped, so it was never acknowledged).
     */
    void replay(JournalPosition mark, BiConsumer<EncodedBatch, JournalPosition> each) {
        try {
            for (long segment : segments(folder)) {
                if (segment >= currentSegment || segment < mark.segment()) {
                    continue;
                }
                replaySegment(segment, segment == mark.segment() ? mark.offset() : 0, each);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the ingest journal in " + folder, e);
        }
    }

    private void replaySegment(long segment, long from, BiConsumer<EncodedBatch, JournalPosition> each)
            throws IOException {
        Path file = file(segment);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long offset = from;
            ByteBuffer header = ByteBuffer.allocate(JournalRecord.HEADER_BYTES);
            while (offset + JournalRecord.HEADER_BYTES <= size) {
                header.clear();
                readFully(channel, header, offset);
                int length = header.getInt(0);
                if (length <= 0 || length > MAX_RECORD_BYTES || offset + JournalRecord.HEADER_BYTES + length > size) {
                    break;
                }
                ByteBuffer payload = ByteBuffer.allocate(length);
                readFully(channel, payload, offset + JournalRecord.HEADER_BYTES);
                CRC32C crc = new CRC32C();
                crc.update(payload.array(), 0, length);
                if ((int) crc.getValue() != header.getInt(4)) {
                    break;
                }
                offset += JournalRecord.HEADER_BYTES + length;
                payload.rewind();
                each.accept(JournalRecord.decode(payload), new JournalPosition(segment, offset));
            }
            if (offset < size) {
                LOG.warn("The ingest journal {} ends with {} bytes that are not a whole record (written when the"
                        + " console stopped, never acknowledged); they were skipped", file, size - offset);
            }
        }
    }

    /** Deletes the segments wholly before {@code mark}: their records are in the tables. */
    void releaseBefore(JournalPosition mark) {
        try {
            for (long segment : segments(folder)) {
                if (segment < mark.segment() && segment != currentSegment) {
                    Files.deleteIfExists(file(segment));
                }
            }
        } catch (IOException e) {
            LOG.warn("Could not delete written ingest journal segments in {}", folder, e);
        }
    }

    /** The segment appends go to now. */
    long currentSegment() {
        return currentSegment;
    }

    @Override
    public void close() {
        try {
            current.close();
        } catch (IOException e) {
            LOG.warn("Closing the ingest journal failed", e);
        }
    }

    private void startSegment(long segment) throws IOException {
        current = FileChannel.open(file(segment), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        currentSegment = segment;
        currentSize = 0;
    }

    private Path file(long segment) {
        return folder.resolve(String.format("%012d%s", segment, SUFFIX));
    }

    private static List<Long> segments(Path folder) throws IOException {
        List<Long> segments = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(SUFFIX) && name.length() == 12 + SUFFIX.length())
                    .forEach(name -> {
                        try {
                            segments.add(Long.parseLong(name.substring(0, 12)));
                        } catch (NumberFormatException e) {
                            LOG.warn("Ignoring {} in the ingest journal folder {}", name, folder);
                        }
                    });
        }
        segments.sort(null);
        return segments;
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new IOException("The ingest journal segment ended early");
            }
            at += read;
        }
    }
}
