package dev.otellab.backend.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StoredInstantTest {

  @Test
  void formatsWithExactlyThreeFractionDigits() {
    assertThat(StoredInstant.format(Instant.parse("2026-11-25T08:40:28Z"))).isEqualTo("2026-11-25T08:40:28.000Z");
    assertThat(StoredInstant.format(Instant.parse("2026-01-02T03:04:05.06789Z"))).isEqualTo("2026-01-02T03:04:05.067Z");
    assertThat(StoredInstant.format(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00.000Z");
  }

  @Test
  void parsesWhatItFormatsAndAgreesWithJavaTime() {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 10_000; i++) {
      Instant instant = Instant.ofEpochMilli(random.nextLong(0, 253_402_300_799_999L));
      String text = StoredInstant.format(instant);
      assertThat(StoredInstant.parse(text)).isEqualTo(instant);
      assertThat(Instant.parse(text)).isEqualTo(instant);
    }
  }

  @Test
  void stillReadsOtherIsoForms() {
    assertThat(StoredInstant.parse("2026-11-25T08:40:28Z")).isEqualTo(Instant.parse("2026-11-25T08:40:28Z"));
    assertThat(StoredInstant.parse("2026-11-25T08:40:28.123456Z")).isEqualTo(Instant.parse("2026-11-25T08:40:28.123456Z"));
    assertThatThrownBy(() -> StoredInstant.parse("2026-11-25T08:40:2x.123Z")).isInstanceOf(IllegalArgumentException.class);
  }
}
