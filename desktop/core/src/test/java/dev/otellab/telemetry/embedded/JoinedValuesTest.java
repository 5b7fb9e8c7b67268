package dev.otellab.telemetry.embedded;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JoinedValuesTest {
    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void integersOfAnyLengthAndSign() {
        assertThat(JoinedValues.longs(utf8("12,-3,0,1796607858000000000,-9223372036854775808,9223372036854775807"), 6))
                .containsExactly(12, -3, 0, 1796607858000000000L, Long.MIN_VALUE, Long.MAX_VALUE);
        assertThat(JoinedValues.longs(utf8("7"), 1)).containsExactly(7);
    }

    @Test
    void aCountThatDoesNotMatchTheValuesIsAnError() {
        assertThatThrownBy(() -> JoinedValues.longs(utf8("1,2,3"), 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JoinedValues.longs(utf8("1,2"), 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JoinedValues.longs(utf8("1,x"), 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void textsBecomeIndexesOfTheirDistinctValuesInTheOrderSeen() {
        List<String> distinct = new ArrayList<>();
        // "Aa" and "BB" have the same hash: told apart by their bytes
        byte[] joined = utf8(String.join("\u001f", "/api/tasks", "", "Aa", "BB", "/api/tâches", "Aa", "", "/api/tasks"));

        int[] indexes = JoinedValues.indexes(joined, 8, (byte) 31, distinct);

        assertThat(distinct).containsExactly("/api/tasks", "", "Aa", "BB", "/api/tâches");
        assertThat(indexes).containsExactly(0, 1, 2, 3, 4, 2, 1, 0);
    }

    @Test
    void manyDistinctTextsGrowTheDictionary() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            texts.add("/api/items/" + (i % 1_000));
        }
        List<String> distinct = new ArrayList<>();

        int[] indexes = JoinedValues.indexes(utf8(String.join("\u001f", texts)), texts.size(), (byte) 31, distinct);

        assertThat(distinct).hasSize(1_000);
        for (int i = 0; i < texts.size(); i++) {
            assertThat(distinct.get(indexes[i])).isEqualTo(texts.get(i));
        }
        assertThatThrownBy(() -> JoinedValues.indexes(utf8("a\u001fb"), 1, (byte) 31, new ArrayList<>()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
