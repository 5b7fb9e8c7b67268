package dev.otellab.telemetry.embedded;

import java.util.Arrays;

/**
 * A trace id's bytes as a hash key. Trace ids are random, so their first eight bytes are hash
 * enough; {@code ByteBuffer.hashCode} walked all sixteen one by one, for every span of a group.
 */
final class TraceKey {
    private final byte[] id;
    private final int hash;

    TraceKey(byte[] id) {
        this.id = id;
        long head = 0;
        for (int i = 0; i < Math.min(8, id.length); i++) {
            head = head << 8 | (id[i] & 0xff);
        }
        this.hash = (int) (head ^ head >>> 32);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TraceKey key && key.hash == hash && Arrays.equals(key.id, id);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
