package io.souverix.drift.rollout;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/** Argument checks shared by the plan's value types. */
final class Checks {
  private static final Pattern NO_SPACE = Pattern.compile("\\S+");

  private Checks() {}

  static String text(String value, String what, int max) {
    Objects.requireNonNull(value, what);
    int n = value.codePointCount(0, value.length());
    if (n < 1 || n > max) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "%s; expected 1 to %d characters, but got %d", what, max, n));
    }
    return value;
  }

  static String id(String value, String what) {
    text(value, what, 200);
    if (!NO_SPACE.matcher(value).matches()) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "%s; expected no whitespace, but got '%s'", what, value));
    }
    return value;
  }
}
