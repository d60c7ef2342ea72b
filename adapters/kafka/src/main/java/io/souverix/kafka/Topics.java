package io.souverix.kafka;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/** Argument checks shared by the builders. */
final class Topics {
  /** The header of an output record that carries the events-topic offset it was folded from. */
  static final String SOURCE_OFFSET_HEADER = "souverix-source-offset";

  private Topics() {}

  static String check(String name, String what) {
    Objects.requireNonNull(name, what);
    if (name.isBlank()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
    return name;
  }

  static Duration positive(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "%s; expected a positive duration, but got %s", what, d));
    }
    return d;
  }
}
