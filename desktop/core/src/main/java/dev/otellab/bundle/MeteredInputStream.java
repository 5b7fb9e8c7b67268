package dev.otellab.bundle;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.LongConsumer;

/**
 * Counts and hashes (SHA-256) what is read through it, reports the count at most every
 * mebibyte, and stops with an InterruptedIOException once its thread is interrupted: every long
 * copy of the bundle goes through one, so every long copy can be cancelled.
 */
final class MeteredInputStream extends FilterInputStream {
    private static final long REPORT_EVERY = 1 << 20;

    private final MessageDigest digest;
    private final LongConsumer progress;
    private long bytes;
    private long reported;

    MeteredInputStream(InputStream in, LongConsumer progress) {
        super(in);
        this.progress = progress;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int read = read(one, 0, 1);
        return read < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("cancelled");
        }
        int read = super.read(buffer, offset, length);
        if (read > 0) {
            digest.update(buffer, offset, read);
            bytes += read;
            if (bytes - reported >= REPORT_EVERY) {
                reported = bytes;
                progress.accept(bytes);
            }
        }
        return read;
    }

    @Override
    public long skip(long count) throws IOException {
        throw new IOException("a metered stream is read, not skipped");
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Reads what is left (so the whole stream is counted and hashed) and reports the total. */
    void drain() throws IOException {
        byte[] buffer = new byte[64 * 1024];
        while (read(buffer, 0, buffer.length) >= 0) {
            // counted and hashed by read
        }
        progress.accept(bytes);
    }

    long bytes() {
        return bytes;
    }

    String sha256() {
        return HexFormat.of().formatHex(digest.digest());
    }
}
