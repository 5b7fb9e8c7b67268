package dev.otellab.telemetry.embedded;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Splits what SQLite's {@code group_concat} joined into one text, read as its UTF-8 bytes: integers
 * into a {@code long[]}, texts into the indexes of their distinct values. Plain loops over bytes, with
 * no object per value, because a command-line JVM runs them mostly interpreted.
 */
final class JoinedValues {
    private JoinedValues() {
    }

    /** The {@code count} integers of {@code joined} ("12,-3,4"). */
    static long[] longs(byte[] joined, int count) {
        long[] values = new long[count];
        int at = 0;
        for (int i = 0; i < count; i++) {
            boolean negative = at < joined.length && joined[at] == '-';
            if (negative) {
                at++;
            }
            long value = 0;
            int digitsFrom = at;
            for (; at < joined.length && joined[at] != ','; at++) {
                int digit = joined[at] - '0';
                if (digit < 0 || digit > 9) {
                    throw new IllegalArgumentException("Not an integer at byte " + at + " of the joined values");
                }
                value = value * 10 + digit;
            }
            if (at == digitsFrom) {
                throw new IllegalArgumentException("Value " + i + " of " + count + " is missing from the joined values");
            }
            values[i] = negative ? -value : value;
            at++; // the comma
        }
        checkAllRead(joined, at, count);
        return values;
    }

    /**
     * The index in {@code distinct} of each of the {@code count} texts of {@code joined}, separated by
     * {@code separator}; {@code distinct} (empty at first) gets each different text once, in the order seen.
     */
    static int[] indexes(byte[] joined, int count, byte separator, List<String> distinct) {
        int[] indexes = new int[count];
        if (!distinct.isEmpty()) {
            throw new IllegalArgumentException("The list of distinct texts is filled here");
        }
        Dictionary dictionary = new Dictionary(distinct);
        int at = 0;
        for (int i = 0; i < count; i++) {
            int from = at;
            int hash = 0;
            for (; at < joined.length && joined[at] != separator; at++) {
                hash = 31 * hash + joined[at];
            }
            indexes[i] = dictionary.indexOf(joined, from, at, hash);
            at++; // the separator
        }
        checkAllRead(joined, at, count);
        return indexes;
    }

    private static void checkAllRead(byte[] joined, int at, int count) {
        if (at != joined.length + 1) {
            throw new IllegalArgumentException("The joined values hold more than " + count + " values");
        }
    }

    /** Open addressing over byte ranges, so that a text already seen costs no String. */
    private static final class Dictionary {
        private final List<String> texts;
        private byte[][] bytes = new byte[8][];
        private int[] hashes = new int[8];
        private int[] slots = new int[16]; // index into texts + 1; 0 is an empty slot

        Dictionary(List<String> texts) {
            this.texts = texts;
        }

        int indexOf(byte[] source, int from, int to, int hash) {
            int mask = slots.length - 1;
            for (int slot = hash & mask; slots[slot] != 0; slot = (slot + 1) & mask) {
                int index = slots[slot] - 1;
                if (hashes[index] == hash && Arrays.equals(bytes[index], 0, bytes[index].length, source, from, to)) {
                    return index;
                }
            }
            int index = texts.size();
            texts.add(new String(source, from, to - from, StandardCharsets.UTF_8));
            remember(index, Arrays.copyOfRange(source, from, to), hash);
            return index;
        }

        private void remember(int index, byte[] text, int hash) {
            if (index == bytes.length) {
                bytes = Arrays.copyOf(bytes, index * 2);
                hashes = Arrays.copyOf(hashes, index * 2);
            }
            bytes[index] = text;
            hashes[index] = hash;
            if ((index + 1) * 2 > slots.length) { // at most half full
                slots = new int[slots.length * 2];
                for (int i = 0; i < index; i++) {
                    place(i);
                }
            }
            place(index);
        }

        private void place(int index) {
            int mask = slots.length - 1;
            int slot = hashes[index] & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = index + 1;
        }
    }
}
