package io.souverix.supplychain.version;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Debian (and RPM-style) versions {@code [epoch:]upstream[-revision]}, ordered by the dpkg
 * algorithm ({@code verrevcmp} in dpkg's {@code lib/dpkg/version.c}): the epoch numerically, then
 * upstream and revision each by alternating non-digit runs (letters before other characters, and
 * {@code ~} before everything, even the end) and digit runs (numerically).
 */
final class DebianVersion implements ParsedVersion {
  private static final Pattern UPSTREAM = Pattern.compile("[0-9][A-Za-z0-9.+~:-]*");
  private static final Pattern REVISION = Pattern.compile("[A-Za-z0-9.+~]+");

  private final String epoch;
  private final String upstream;
  private final String revision;

  private DebianVersion(String epoch, String upstream, String revision) {
    this.epoch = epoch;
    this.upstream = upstream;
    this.revision = revision;
  }

  static DebianVersion parse(String text) throws VersionException {
    String epoch = "0";
    String rest = text;
    int colon = text.indexOf(':');
    if (colon >= 0) {
      epoch = text.substring(0, colon);
      rest = text.substring(colon + 1);
    }
    String upstream = rest;
    String revision = "";
    int dash = rest.lastIndexOf('-');
    if (dash >= 0) {
      upstream = rest.substring(0, dash);
      revision = rest.substring(dash + 1);
    }
    if (text.length() > VersionScheme.MAX_LENGTH
        || !epoch.matches("[0-9]{1,9}")
        || !UPSTREAM.matcher(upstream).matches()
        || (dash >= 0 && !REVISION.matcher(revision).matches())) {
      throw new VersionException(
          VersionException.Code.MALFORMED_VERSION,
          String.format(
              Locale.ROOT,
              "debian version; expected [epoch:]upstream[-revision] with a numeric epoch and an"
                  + " upstream part starting with a digit, but got '%s'",
              VersionScheme.clip(text)));
    }
    return new DebianVersion(String.valueOf(Integer.parseInt(epoch)), upstream, revision);
  }

  @Override
  public int compareTo(ParsedVersion other) {
    DebianVersion o = (DebianVersion) other;
    int c = Integer.compare(Integer.parseInt(epoch), Integer.parseInt(o.epoch));
    if (c == 0) {
      c = verrevcmp(upstream, o.upstream);
    }
    if (c == 0) {
      c = verrevcmp(revision, o.revision);
    }
    return Integer.signum(c);
  }

  private static int order(String s, int i) {
    if (i >= s.length()) {
      return 0;
    }
    char c = s.charAt(i);
    if (c >= '0' && c <= '9') {
      return 0;
    }
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
      return c;
    }
    return c == '~' ? -1 : c + 256;
  }

  private static boolean digit(String s, int i) {
    return i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9';
  }

  static int verrevcmp(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() || j < b.length()) {
      int firstDiff = 0;
      while ((i < a.length() && !digit(a, i)) || (j < b.length() && !digit(b, j))) {
        int ac = order(a, i);
        int bc = order(b, j);
        if (ac != bc) {
          return ac - bc;
        }
        i++;
        j++;
      }
      while (i < a.length() && a.charAt(i) == '0') {
        i++;
      }
      while (j < b.length() && b.charAt(j) == '0') {
        j++;
      }
      while (digit(a, i) && digit(b, j)) {
        if (firstDiff == 0) {
          firstDiff = a.charAt(i) - b.charAt(j);
        }
        i++;
        j++;
      }
      if (digit(a, i)) {
        return 1;
      }
      if (digit(b, j)) {
        return -1;
      }
      if (firstDiff != 0) {
        return firstDiff;
      }
    }
    return 0;
  }

  /**
   * Alternating runs with leading zeros of numbers dropped: two parts compare equal under {@link
   * #verrevcmp} exactly when these agree (a number of zeros equals an absent number).
   */
  private static String normal(String s) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < s.length()) {
      int st = i;
      while (i < s.length() && !digit(s, i)) {
        i++;
      }
      out.append(s, st, i).append('\u0000');
      while (i < s.length() && s.charAt(i) == '0') {
        i++;
      }
      st = i;
      while (digit(s, i)) {
        i++;
      }
      out.append(s, st, i).append('\u0001');
    }
    String n = out.toString();
    return n.equals("\u0000\u0001") ? "" : n;
  }

  @Override
  public String canonical() {
    return epoch + ":" + normal(upstream) + "-" + normal(revision);
  }
}
