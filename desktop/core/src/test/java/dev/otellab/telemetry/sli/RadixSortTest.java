package dev.otellab.telemetry.sli;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RadixSortTest {
    @Test
    void sortsSignedKeysLikeArraysSortAndCarriesEachValueWithItsKey() {
        Random random = new Random(7);
        long[] keys = new long[20_000];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = switch (i % 4) {
                case 0 -> random.nextLong();
                case 1 -> random.nextInt(1000) - 500;
                case 2 -> i % 8 == 2 ? Long.MIN_VALUE : Long.MAX_VALUE;
                default -> random.nextInt(50_000_000);
            };
        }
        int[] carried = new int[keys.length];
        Arrays.setAll(carried, i -> i);
        long[] original = keys.clone();
        long[] expected = keys.clone();
        Arrays.sort(expected);

        RadixSort.sort(keys, carried);

        assertThat(keys).containsExactly(expected);
        for (int i = 0; i < keys.length; i++) {
            assertThat(original[carried[i]]).isEqualTo(keys[i]);
            if (i > 0 && keys[i] == keys[i - 1]) {
                assertThat(carried[i]).isGreaterThan(carried[i - 1]); // stable
            }
        }
    }

    @Test
    void keysThatShareEveryDigitStayAsTheyAre() {
        long[] keys = {5, 5, 5};
        int[] carried = {2, 0, 1};

        RadixSort.sort(keys, carried);

        assertThat(carried).containsExactly(2, 0, 1);
        RadixSort.sort(new long[0], new int[0]);
        assertThatThrownBy(() -> RadixSort.sort(new long[2], new int[1])).isInstanceOf(IllegalArgumentException.class);
    }
}
