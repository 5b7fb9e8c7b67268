package dev.otellab.bundle;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipEncodingHelper;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Date;

/**
 * Writes the bundle's tar file. An archive streams from the engine with no length known up
 * front, so each entry's header is written as a placeholder and filled in (by commons-compress's
 * header encoder) once the entry's data is complete: the data is written once, never staged.
 */
final class BundleWriter implements AutoCloseable {
    private static final int BLOCK = 512;

    private final FileChannel channel;
    private final Date modified = new Date();

    BundleWriter(Path file) throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** Starts an entry; write its data to {@link Entry#data()}, then call {@link Entry#finish()}. */
    Entry begin(String name) throws IOException {
        long header = channel.position();
        channel.write(ByteBuffer.allocate(BLOCK));
        return new Entry(name, header);
    }

    /** The two empty blocks that end a tar, then everything on disk. */
    void finish() throws IOException {
        channel.write(ByteBuffer.allocate(2 * BLOCK));
        channel.force(true);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    final class Entry {
        private final String name;
        private final long header;

        private Entry(String name, long header) {
            this.name = name;
            this.header = header;
        }

        /** Writes into the entry; closing it does not close the bundle. */
        OutputStream data() {
            return new OutputStream() {
                private final OutputStream target = Channels.newOutputStream(channel);

                @Override
                public void write(int b) throws IOException {
                    target.write(b);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    target.write(bytes, offset, length);
                }

                @Override
                public void close() {
                    // the bundle stays open for the next entry
                }
            };
        }

        /** Pads the data to a whole block and writes the real header; returns the data's size. */
        long finish() throws IOException {
            long size = channel.position() - header - BLOCK;
            long padding = (BLOCK - size % BLOCK) % BLOCK;
            channel.write(ByteBuffer.allocate((int) padding));
            TarArchiveEntry entry = new TarArchiveEntry(name);
            entry.setSize(size);
            entry.setModTime(modified);
            entry.setMode(0644);
            byte[] block = new byte[BLOCK];
            // star mode: an archive over 8 GiB gets a binary size field instead of failing
            entry.writeEntryHeader(block, ZipEncodingHelper.getZipEncoding(StandardCharsets.UTF_8), true);
            channel.write(ByteBuffer.wrap(block), header);
            return size;
        }
    }
}
