package io.souverix.lifecycle.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class InstantsTest {
  @Property
  void parse_anyInstantToString_equalsInstantParse(
      @ForAll @LongRange(min = -62_135_596_800L, max = 253_402_300_799L) long seconds,
      @ForAll @LongRange(min = 0, max = 999_999_999) long nanos) {
    for (long n : new long[] {0, nanos / 1_000_000 * 1_000_000, nanos / 1000 * 1000, nanos}) {
      Instant i = Instant.ofEpochSecond(seconds, n);
      assertThat(Instants.parse(i.toString())).isEqualTo(i);
      StringBuilder b = new StringBuilder();
      Instants.format(i, b);
      assertThat(b.toString()).isEqualTo(i.toString());
    }
  }

  @Test
  void format_edgesOfTheFastRange_matchInstantToString() {
    for (String s :
        new String[] {
          "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "1969-12-31T23:59:59.999Z",
          "1970-01-01T00:00:00.000001Z", "-0001-12-31T23:59:59Z", "+10000-01-01T00:00:00Z"
        }) {
      Instant i = Instant.parse(s);
      StringBuilder b = new StringBuilder();
      Instants.format(i, b);
      assertThat(b.toString()).isEqualTo(i.toString());
    }
  }

  @Test
  void parse_otherShapes_fallBackToInstantParse() {
    assertThat(Instants.parse("2026-01-31T12:00:00.5Z"))
        .isEqualTo(Instant.parse("2026-01-31T12:00:00.5Z"));
    assertThat(Instants.parse("+12026-01-31T12:00:00Z"))
        .isEqualTo(Instant.parse("+12026-01-31T12:00:00Z"));
    assertThat(Instants.parse("2026-01-01T00:00:00.1234Z"))
        .isEqualTo(Instant.parse("2026-01-01T00:00:00.1234Z"));
    assertThat(Instants.parse("2024-02-29T00:00:00Z"))
        .isEqualTo(Instant.parse("2024-02-29T00:00:00Z"));
  }

  @Test
  void parse_invalid_throwsLikeInstantParse() {
    for (String bad :
        new String[] {
          "2026-02-30T00:00:00Z",
          "2026-13-01T00:00:00Z",
          "2026-01-0aT00:00:00Z",
          "yesterday",
          "2026-01-01T00:00:00"
        }) {
      assertThatThrownBy(() -> Instants.parse(bad))
          .as(bad)
          .isInstanceOf(DateTimeParseException.class);
    }
  }
}
