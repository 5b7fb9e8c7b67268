package dev.otellab.telemetry.query;

import dev.otellab.telemetry.model.SpanId;
import dev.otellab.telemetry.model.TraceId;
import dev.otellab.telemetry.model.LogRecord;
import dev.otellab.telemetry.model.Resource;
import dev.otellab.telemetry.model.Severity;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LogFilterTest {
    private static final String TRACE = "5b8efff798038103d269b633813fc60c";
    private static final LogRecord ERROR_IN_TRACE = new LogRecord(1, 1, 17, "ERROR", "Card Declined by bank",
            "checkout", TRACE, "d269b633813fc60c", Map.of(), Resource.EMPTY, null);

    @Test
    void everyCriterionMustHold() {
        assertThat(LogFilter.ALL.matches(ERROR_IN_TRACE)).isTrue();
        assertThat(LogFilter.forTrace(TraceId.parse(TRACE.toUpperCase())).matches(ERROR_IN_TRACE)).isTrue();
        assertThat(LogFilter.forSpan(TraceId.parse(TRACE), SpanId.parse("0000000000000001")).matches(ERROR_IN_TRACE)).isFalse();
        assertThat(LogFilter.ALL.withServices(Set.of("checkout", "cart")).matches(ERROR_IN_TRACE)).isTrue();
        assertThat(LogFilter.ALL.withServices(Set.of("cart")).matches(ERROR_IN_TRACE)).isFalse();
        assertThat(LogFilter.ALL.withMinSeverity(Severity.ERROR).matches(ERROR_IN_TRACE)).isTrue();
        assertThat(LogFilter.ALL.withMinSeverity(Severity.FATAL).matches(ERROR_IN_TRACE)).isFalse();
        assertThat(LogFilter.ALL.withText("card declined").matches(ERROR_IN_TRACE)).isTrue();
        assertThat(LogFilter.ALL.withText("approved").matches(ERROR_IN_TRACE)).isFalse();
    }
}
