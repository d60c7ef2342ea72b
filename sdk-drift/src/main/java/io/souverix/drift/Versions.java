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

  /**
   * Orders two versions: negative when {@code a} is older, 0 when equal, positive when newer; null
   * when they do not compare (unparsable, or different prefixes). Pre-releases order as in semver:
   * below their release, identifiers compared numerically or lexically.
   */
  static @Nullable Integer compare(String a, String b) {
    Parsed x = parse(a);
    Parsed y = parse(b);
    if (x == null || y == null || !x.prefix().equals(y.prefix())) {
      return null;
    }
    int c = Long.compare(x.major(), y.major());
    if (c == 0) {
      c = Long.compare(x.minor(), y.minor());
    }
    if (c == 0) {
      c = Long.compare(x.patch(), y.patch());
    }
    return c != 0 ? c : comparePre(x.pre(), y.pre());
  }

  private static int comparePre(@Nullable String a, @Nullable String b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : 1) : -1;
    }
    String[] x = a.split("\\.", -1);
    String[] y = b.split("\\.", -1);
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      boolean nx = x[i].chars().allMatch(Character::isDigit) && !x[i].isEmpty();
      boolean ny = y[i].chars().allMatch(Character::isDigit) && !y[i].isEmpty();
      int c;
      if (nx && ny) {
        c = new java.math.BigInteger(x[i]).compareTo(new java.math.BigInteger(y[i]));
      } else if (nx || ny) {
        c = nx ? -1 : 1; // numeric identifiers sort below alphanumeric ones
      } else {
        c = x[i].compareTo(y[i]);
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.length, y.length);
  }
}
