package io.souverix.supplychain.version;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A set of versions of one scheme: a union of intervals.
 *
 * <p>Two notations are read, for every scheme:
 *
 * <ul>
 *   <li>comparators: {@code ">=1.2.0 <2.0.0"} (space or comma separated, all must hold), with
 *       {@code >}, {@code >=}, {@code <}, {@code <=}, {@code =} or a bare version for an exact
 *       match, {@code *} for every version, and {@code ||} between alternatives;
 *   <li>Maven's interval notation: {@code [1.0,2.0)}, {@code (,1.0]}, {@code [1.2,)}, {@code
 *       [1.5]}, and unions {@code (,1.0],[1.2,)}.
 * </ul>
 *
 * <p>Ranges are plain intervals of the scheme's order: a SemVer pre-release such as {@code
 * 1.5.0-rc.1} lies in {@code >=1.2.0 <2.0.0}; exclude pre-releases with a policy if needed.
 *
 * @since 0.1
 */
public final class VersionRange {
  private static final int MAX_TEXT = 4096;

  private final VersionScheme scheme;
  private final String text;
  private final List<Interval> intervals;

  private VersionRange(VersionScheme scheme, String text, List<Interval> intervals) {
    this.scheme = scheme;
    this.text = text;
    this.intervals = List.copyOf(intervals);
  }

  /** One interval; a null bound is unbounded. */
  private record Interval(
      @Nullable Version lower,
      boolean lowerInclusive,
      @Nullable Version upper,
      boolean upperInclusive) {
    boolean contains(Version v) {
      if (lower != null) {
        int c = v.compareTo(lower);
        if (c < 0 || (c == 0 && !lowerInclusive)) {
          return false;
        }
      }
      if (upper != null) {
        int c = v.compareTo(upper);
        return c < 0 || (c == 0 && upperInclusive);
      }
      return true;
    }
  }

  /**
   * Reads a range.
   *
   * @param scheme the scheme of its versions; not null
   * @param text the range text in either notation; not null
   * @return the range
   * @throws VersionException {@code MALFORMED_RANGE} if the notation is broken or an interval is
   *     empty by construction (lower bound above the upper), {@code MALFORMED_VERSION} if a bound
   *     is not a version of the scheme
   * @since 0.1
   */
  public static VersionRange parse(VersionScheme scheme, String text) throws VersionException {
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(text, "text");
    String t = text.strip();
    if (t.isEmpty() || t.length() > MAX_TEXT) {
      throw malformed(text, "a non-empty range of at most " + MAX_TEXT + " characters");
    }
    List<Interval> intervals =
        t.startsWith("[") || t.startsWith("(") ? maven(scheme, t) : comparators(scheme, t);
    for (Interval i : intervals) {
      if (i.lower() != null && i.upper() != null) {
        int c = i.lower().compareTo(i.upper());
        if (c > 0 || (c == 0 && !(i.lowerInclusive() && i.upperInclusive()))) {
          throw malformed(text, "a lower bound below the upper bound");
        }
      }
    }
    return new VersionRange(scheme, t, intervals);
  }

  private static List<Interval> maven(VersionScheme scheme, String t) throws VersionException {
    List<Interval> out = new ArrayList<>();
    int i = 0;
    while (i < t.length()) {
      char open = t.charAt(i);
      if (open != '[' && open != '(') {
        throw malformed(t, "'[' or '(' at offset " + i);
      }
      int close = i + 1;
      while (close < t.length() && t.charAt(close) != ']' && t.charAt(close) != ')') {
        close++;
      }
      if (close == t.length()) {
        throw malformed(t, "a closing ']' or ')'");
      }
      String body = t.substring(i + 1, close).strip();
      boolean lowerIn = open == '[';
      boolean upperIn = t.charAt(close) == ']';
      int comma = body.indexOf(',');
      if (comma < 0) {
        if (!lowerIn || !upperIn || body.isEmpty()) {
          throw malformed(t, "an exact version written as [x]");
        }
        Version v = scheme.parse(body);
        out.add(new Interval(v, true, v, true));
      } else {
        String lo = body.substring(0, comma).strip();
        String hi = body.substring(comma + 1).strip();
        if (hi.contains(",")) {
          throw malformed(t, "at most two bounds per interval");
        }
        if ((lo.isEmpty() && lowerIn) || (hi.isEmpty() && upperIn)) {
          throw malformed(t, "an unbounded side written with '(' or ')'");
        }
        out.add(
            new Interval(
                lo.isEmpty() ? null : scheme.parse(lo),
                lowerIn,
                hi.isEmpty() ? null : scheme.parse(hi),
                upperIn));
      }
      i = close + 1;
      while (i < t.length() && Character.isWhitespace(t.charAt(i))) {
        i++;
      }
      if (i < t.length()) {
        if (t.charAt(i) != ',') {
          throw malformed(t, "',' between intervals at offset " + i);
        }
        i++;
        while (i < t.length() && Character.isWhitespace(t.charAt(i))) {
          i++;
        }
        if (i == t.length()) {
          throw malformed(t, "an interval after ','");
        }
      }
    }
    return out;
  }

  private static List<Interval> comparators(VersionScheme scheme, String t)
      throws VersionException {
    List<Interval> out = new ArrayList<>();
    for (String alternative : t.split("\\|\\|", -1)) {
      String a = alternative.strip();
      if (a.isEmpty()) {
        throw malformed(t, "a constraint on each side of '||'");
      }
      Version lower = null;
      boolean lowerIn = true;
      Version upper = null;
      boolean upperIn = true;
      for (String token : a.split("[\\s,]+")) {
        if (token.equals("*")) {
          continue;
        }
        String op =
            token.startsWith(">=") || token.startsWith("<=") || token.startsWith("==")
                ? token.substring(0, 2)
                : token.startsWith(">") || token.startsWith("<") || token.startsWith("=")
                    ? token.substring(0, 1)
                    : "";
        String rest = token.substring(op.length());
        if (rest.isEmpty()) {
          throw malformed(t, "a version after '" + op + "'");
        }
        Version v = scheme.parse(rest);
        if (op.startsWith(">")) {
          boolean in = op.equals(">=");
          int c = lower == null ? 1 : v.compareTo(lower);
          if (c > 0 || (c == 0 && !in)) {
            lower = v;
            lowerIn = in;
          }
        }
        if (op.startsWith("<")) {
          boolean in = op.equals("<=");
          int c = upper == null ? -1 : v.compareTo(upper);
          if (c < 0 || (c == 0 && !in)) {
            upper = v;
            upperIn = in;
          }
        }
        if (op.isEmpty() || op.startsWith("=")) {
          if ((lower != null && !lowerIn && v.equals(lower))
              || (upper != null && !upperIn && v.equals(upper))) {
            throw malformed(t, "an exact version inside the other bounds");
          }
          if (lower == null || v.compareTo(lower) >= 0) {
            lower = v;
            lowerIn = true;
          }
          if (upper == null || v.compareTo(upper) <= 0) {
            upper = v;
            upperIn = true;
          }
        }
      }
      out.add(new Interval(lower, lowerIn, upper, upperIn));
    }
    return out;
  }

  private static VersionException malformed(String text, String expected) {
    return new VersionException(
        VersionException.Code.MALFORMED_RANGE,
        String.format(
            Locale.ROOT,
            "version range; expected %s, but got '%s'",
            expected,
            VersionScheme.clip(text)));
  }

  /**
   * Returns the scheme of the range's versions.
   *
   * @return the scheme
   * @since 0.1
   */
  public VersionScheme scheme() {
    return scheme;
  }

  /**
   * Tells whether a version lies in the range.
   *
   * @param version the version; not null
   * @return true if some interval of the range contains it
   * @throws IllegalArgumentException if the version is of another scheme
   * @since 0.1
   */
  public boolean contains(Version version) {
    Objects.requireNonNull(version, "version");
    if (version.scheme() != scheme) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "version scheme; expected %s, but got %s ('%s')",
              scheme,
              version.scheme(),
              version.text()));
    }
    for (Interval i : intervals) {
      if (i.contains(version)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Tells whether a version text lies in the range.
   *
   * @param version the version text of the range's scheme; not null
   * @return true if some interval of the range contains it
   * @throws VersionException {@code MALFORMED_VERSION} if the text is not a version of the scheme
   * @since 0.1
   */
  public boolean contains(String version) throws VersionException {
    return contains(scheme.parse(version));
  }

  @Override
  public String toString() {
    return text;
  }
}
