package dev.otellab.telemetry.sli;

import java.util.Arrays;

/**
 * Sorts long keys (signed order) and carries an int beside each: a least-significant-digit radix
 * sort, a few linear passes that skip the digits all keys share (the high ones of durations). A
 * JVM that has just started runs these plain loops far sooner and faster than a comparison sort
 * it has not compiled yet.
 */
final class RadixSort {
    private static final int DIGIT_BITS = 11;
    private static final int DIGITS = 1 << DIGIT_BITS;
    private static final long DIGIT_MASK = DIGITS - 1;

    private RadixSort() {
    }

    /** Sorts {@code keys} ascending in place; {@code carried[i]} moves with {@code keys[i]} (stable). */
    static void sort(long[] keys, int[] carried) {
        int n = keys.length;
        if (carried.length != n) {
            throw new IllegalArgumentException("keys and carried values differ in length");
        }
        long[] from = new long[n];
        for (int i = 0; i < n; i++) {
            from[i] = keys[i] ^ Long.MIN_VALUE; // signed order as unsigned digits
        }
        int[] fromCarried = carried.clone();
        long[] to = new long[n];
        int[] toCarried = new int[n];
        int[] starts = new int[DIGITS + 1];
        for (int shift = 0; shift < Long.SIZE; shift += DIGIT_BITS) {
            Arrays.fill(starts, 0);
            for (int i = 0; i < n; i++) {
                starts[(int) ((from[i] >>> shift) & DIGIT_MASK) + 1]++;
            }
            if (n == 0 || starts[(int) ((from[0] >>> shift) & DIGIT_MASK) + 1] == n) {
                continue; // every key has this digit: the order stays
            }
            for (int digit = 0; digit < DIGITS; digit++) {
                starts[digit + 1] += starts[digit];
            }
            for (int i = 0; i < n; i++) {
                int at = starts[(int) ((from[i] >>> shift) & DIGIT_MASK)]++;
                to[at] = from[i];
                toCarried[at] = fromCarried[i];
            }
            long[] keysNow = to;
            to = from;
            from = keysNow;
            int[] carriedNow = toCarried;
            toCarried = fromCarried;
            fromCarried = carriedNow;
        }
        for (int i = 0; i < n; i++) {
            keys[i] = from[i] ^ Long.MIN_VALUE;
        }
        System.arraycopy(fromCarried, 0, carried, 0, n);
    }
}
