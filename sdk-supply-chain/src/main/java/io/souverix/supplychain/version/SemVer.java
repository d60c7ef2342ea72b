package io.souverix.supplychain.version;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Semantic Versioning 2.0.0: {@code MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]}, precedence as in its
 * section 11 (build metadata ignored, a pre-release below its release, identifiers compared
 * numerically or in ASCII order, numeric below alphanumeric, a longer set above its prefix).
 */
final class SemVer implements ParsedVersion {
  // The regular expression suggested by semver.org, without the named groups.
  private static final Pattern GRAMMAR =
      Pattern.compile(
          "^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
              + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)"
              + "(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
              + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$");

  private final String[] core;
  private final List<String> pre;

  private SemVer(String[] core, List<String> pre) {
    this.core = core;
    this.pre = pre;
  }

  static SemVer parse(String text) throws VersionException {
    Matcher m = GRAMMAR.matcher(text);
    if (text.length() > VersionScheme.MAX_LENGTH || !m.matches()) {
      throw new VersionException(
          VersionException.Code.MALFORMED_VERSION,
          String.format(
              Locale.ROOT,
              "semver version; expected MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD] (SemVer 2.0.0),"
                  + " but got '%s'",
              VersionScheme.clip(text)));
    }
    String p = m.group(4);
    return new SemVer(
        new String[] {m.group(1), m.group(2), m.group(3)},
        p == null ? List.of() : List.of(p.split("\\.")));
  }

  @Override
  public int compareTo(ParsedVersion other) {
    SemVer o = (SemVer) other;
    for (int i = 0; i < 3; i++) {
      int c = compareNumeric(core[i], o.core[i]);
      if (c != 0) {
        return c;
      }
    }
    if (pre.isEmpty() || o.pre.isEmpty()) {
      return Boolean.compare(pre.isEmpty(), o.pre.isEmpty());
    }
    for (int i = 0; i < Math.min(pre.size(), o.pre.size()); i++) {
      String a = pre.get(i);
      String b = o.pre.get(i);
      boolean na = isNumeric(a);
      boolean nb = isNumeric(b);
      int c = na && nb ? compareNumeric(a, b) : na != nb ? (na ? -1 : 1) : a.compareTo(b);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(pre.size(), o.pre.size());
  }

  /** Numbers without leading zeros, of any size: the longer is larger. */
  static int compareNumeric(String a, String b) {
    return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
  }

  private static boolean isNumeric(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  @Override
  public String canonical() {
    String c = core[0] + "." + core[1] + "." + core[2];
    return pre.isEmpty() ? c : c + "-" + String.join(".", pre);
  }
}
