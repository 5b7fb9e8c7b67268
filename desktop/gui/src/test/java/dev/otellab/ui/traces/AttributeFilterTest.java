package dev.otellab.ui.traces;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AttributeFilterTest {

    @Test
    void readsPairsSeparatedBySpacesWithQuotedValues() {
        assertThat(AttributeFilter.parse("http.response.status_code=500  db.query.text=\"INSERT INTO tasks\" x=y=z"))
                .containsExactly(Map.entry("http.response.status_code", "500"),
                        Map.entry("db.query.text", "INSERT INTO tasks"), Map.entry("x", "y=z"));
        assertThat(AttributeFilter.parse("  ")).isEmpty();
    }

    @Test
    void explainsBadPairs() {
        assertThat(AttributeFilter.problem("http.route")).isEqualTo(
                "'http.route' has no value: write attributes as key=value, e.g. http.response.status_code=500");
        assertThat(AttributeFilter.problem("=500")).isEqualTo("An attribute condition needs a key before '=': write key=value");
        assertThat(AttributeFilter.problem("a=")).isEqualTo("'a=' has an empty value: write key=value");
        assertThat(AttributeFilter.problem("a=\"open")).isEqualTo("The value of 'a' opens a quote that is never closed");
        assertThatThrownBy(() -> AttributeFilter.parse("a=1 a=2")).hasMessage("'a' is given twice");
        assertThat(AttributeFilter.problem("a=1")).isEmpty();
    }

    @Test
    void formatReadsBackAsTheSamePairs() {
        Map<String, String> pairs = Map.of("db.query.text", "SELECT id FROM tasks");
        assertThat(AttributeFilter.parse(AttributeFilter.format(pairs))).isEqualTo(pairs);
    }
}
