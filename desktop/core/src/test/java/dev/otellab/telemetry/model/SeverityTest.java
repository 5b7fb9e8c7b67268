package dev.otellab.telemetry.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeverityTest {

    @ParameterizedTest
    @CsvSource({"0,UNSPECIFIED", "1,TRACE", "4,TRACE", "5,DEBUG", "9,INFO", "12,INFO", "13,WARN",
            "17,ERROR", "20,ERROR", "21,FATAL", "24,FATAL", "30,FATAL", "-3,UNSPECIFIED"})
    void mapsNumbersToTheirRange(int number, Severity expected) {
        assertThat(Severity.ofNumber(number)).isEqualTo(expected);
    }

    @Test
    void parsesCommonSpellings() {
        assertThat(Severity.parse("warning")).isEqualTo(Severity.WARN);
        assertThat(Severity.parse(" Error ")).isEqualTo(Severity.ERROR);
        assertThatThrownBy(() -> Severity.parse("loud")).hasMessageContaining("use trace, debug, info, warn, error or fatal");
    }

    @Test
    void aLogRecordWithoutSeverityTextGetsTheLevelName() {
        LogRecord log = new LogRecord(0, 42, 17, "", "boom", null, null, null, null,
                new Resource(java.util.Map.of("service.name", "lab-backend")), null);

        assertThat(log.severityText()).isEqualTo("ERROR");
        assertThat(log.timeUnixNano()).isEqualTo(42);
        assertThat(log.serviceName()).isEqualTo("lab-backend");
        assertThat(log.hasTrace()).isFalse();
    }
}
