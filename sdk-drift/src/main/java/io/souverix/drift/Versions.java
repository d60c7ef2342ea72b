package io.souverix.drift;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The distance between two version strings as a {@link Severity}.
 *
 * <p>A version is {@code [prefix]['v']MAJOR[.MINOR[.PATCH]][-PRE][+BUILD]}: semantic versions are
 * the case without a prefix; a prefix (such as {@code policy-} in {@code policy-v2.1}) must end in
 * a character other than a letter, digit or dot, and two versions compare only when their prefixes
 * are equal. Missing minor and patch numbers are 0; build metadata is ignored, as semver says.
 */
final class Versions {
  private static final String CORE =
      "v?(\\d{1,18})(?:\\.(\\d{1,18}))?(?:\\.(\\d{1,18}))?"
          + "(?:-([0-9A-Za-z.-]+))?(?:\\+[0-9A-Za-z.-]+)?";
  private static final Pattern PLAIN = Pattern.compile(CORE);
  private static final Pattern PREFIXED = Pattern.compile("(.*?[^0-9A-Za-z.])" + CORE);

  private Versions() {}

  record Parsed(String prefix, long major, long minor, long patch, @Nullable String pre) {}

  static @Nullable Parsed parse(String v) {
    Matcher m = PLAIN.matcher(v);
    String prefix = "";
    if (!m.matches()) {
      m = PREFIXED.matcher(v);
      if (!m.matches()) {
        return null;
      }
      prefix = m.group(1);
    }
    int base = prefix.isEmpty() ? 0 : 1;
    return new Parsed(
        prefix,
        Long.parseLong(m.group(base + 1)),
        number(m.group(base + 2)),
        number(m.group(base + 3)),
        m.group(base + 4));
  }

  private static long number(@Nullable String s) {
    return s == null ? 0 : Long.parseLong(s);
  }

  /** The severity of running {@code actual} where {@code desired} is wanted. */
  static Severity distance(String desired, @Nullable String actual) {
    if (actual == null) {
      return Severity.CRITICAL;
    }
    if (desired.equals(actual)) {
      return Severity.NONE;
    }
    Parsed d = parse(desired);
    Parsed a = parse(actual);
    if (d == null || a == null || !d.prefix().equals(a.prefix())) {
      // Unknown distance: nothing proves the two are compatible, so treat it like a major.
      return Severity.HIGH;
    }
    long majors = Math.abs(d.major() - a.major());
    if (majors >= 2) {
      return Severity.CRITICAL;
    }
    if (majors == 1) {
      return Severity.HIGH;
    }
    if (d.minor() != a.minor()) {
      return Severity.MEDIUM;
    }
    if (d.patch() != a.patch() || !Objects.equals(d.pre(), a.pre())) {
      return Severity.LOW;
    }
    return Severity.NONE;
  }
}
