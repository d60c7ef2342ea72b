package io.souverix.supplychain.sbom;

import io.souverix.supplychain.version.VersionException;
import io.souverix.supplychain.version.VersionScheme;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The ordering of version strings the diff uses for upgrade and downgrade and for pairing several
 * versions of one key: the {@link VersionScheme} of the key's purl type (Maven, SemVer for npm,
 * cargo and golang, dpkg for deb and rpm) when both versions are versions of that scheme; else a
 * lenient order for any ecosystem: numeric release parts compared with zero padding, then
 * pre-release and post-release words by rank, then numbers, with no order for unknown words.
 */
final class VersionOrder {
  /** Rank of a plain release: pre-release words rank below, sp/post above. */
  private static final int RELEASE = 60;

  private static final Map<String, Integer> WORDS =
      Map.ofEntries(
          Map.entry("dev", 0),
          Map.entry("alpha", 10),
          Map.entry("a", 10),
          Map.entry("beta", 20),
          Map.entry("b", 20),
          Map.entry("milestone", 30),
          Map.entry("m", 30),
          Map.entry("rc", 40),
          Map.entry("cr", 40),
          Map.entry("snapshot", 50),
          Map.entry("final", RELEASE),
          Map.entry("ga", RELEASE),
          Map.entry("release", RELEASE),
          Map.entry("sp", 70),
          Map.entry("post", 70));

  private static final Pattern RELEASE_PART = Pattern.compile("^[vV]?(\\d+(?:\\.\\d+)*)(.*)$");
  private static final Pattern TOKEN = Pattern.compile("\\d+|[A-Za-z]+");

  private VersionOrder() {}

  /** The direction of a change. */
  enum Direction {
    UPGRADE,
    DOWNGRADE,
    UNKNOWN
  }

  /** The scheme of a component key ({@code pkg:TYPE/...}), or null for none. */
  static @Nullable VersionScheme scheme(String key) {
    int slash = key.indexOf('/');
    if (!key.startsWith("pkg:") || slash < 0) {
      return null;
    }
    return VersionScheme.forPurlType(key.substring(4, slash)).orElse(null);
  }

  /** How {@code older} relates to {@code newer} under {@code scheme} (null: lenient only). */
  static Direction direction(@Nullable VersionScheme scheme, String older, String newer) {
    Integer c = compare(scheme, older, newer);
    if (c == null || c == 0) {
      return Direction.UNKNOWN;
    }
    return c < 0 ? Direction.UPGRADE : Direction.DOWNGRADE;
  }

  /**
   * Sorts versions of one key in version order, equal or unordered ones by text; by text alone when
   * the mix has no consistent order.
   */
  static void sort(@Nullable VersionScheme scheme, List<String> versions) {
    Comparator<String> byOrder =
        (a, b) -> {
          Integer c = compare(scheme, a, b);
          return c == null || c == 0 ? a.compareTo(b) : c;
        };
    try {
      versions.sort(byOrder);
    } catch (IllegalArgumentException e) {
      // The order is not total for this mix of version strings: fall back to plain text order.
      versions.sort(Comparator.naturalOrder());
    }
  }

  /**
   * Negative, zero or positive; null when no order is found. The scheme's order when both are
   * versions of it, else the lenient one.
   */
  static @Nullable Integer compare(@Nullable VersionScheme scheme, String a, String b) {
    if (scheme != null) {
      try {
        return scheme.compare(a, b);
      } catch (VersionException e) {
        // not versions of the ecosystem's scheme (a tag, a pseudo-version): the lenient order
      }
    }
    return lenient(a, b);
  }

  /** The lenient order: negative, zero or positive; null when no order is found. */
  static @Nullable Integer lenient(String a, String b) {
    Matcher ma = RELEASE_PART.matcher(a.strip());
    Matcher mb = RELEASE_PART.matcher(b.strip());
    if (!ma.matches() || !mb.matches()) {
      return null;
    }
    String[] ra = ma.group(1).split("\\.");
    String[] rb = mb.group(1).split("\\.");
    for (int i = 0; i < Math.max(ra.length, rb.length); i++) {
      BigInteger x = i < ra.length ? new BigInteger(ra[i]) : BigInteger.ZERO;
      BigInteger y = i < rb.length ? new BigInteger(rb[i]) : BigInteger.ZERO;
      int c = x.compareTo(y);
      if (c != 0) {
        return c;
      }
    }
    List<String> ta = tokens(ma.group(2));
    List<String> tb = tokens(mb.group(2));
    for (int i = 0; i < Math.max(ta.size(), tb.size()); i++) {
      String x = i < ta.size() ? ta.get(i) : null;
      String y = i < tb.size() ? tb.get(i) : null;
      Integer c = compareToken(x, y);
      if (c == null) {
        return null;
      }
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /** Compares two tail tokens; a missing token is a plain release. */
  private static Integer compareToken(String x, String y) {
    boolean nx = x != null && Character.isDigit(x.charAt(0));
    boolean ny = y != null && Character.isDigit(y.charAt(0));
    if (nx && ny) {
      return new BigInteger(x).compareTo(new BigInteger(y));
    }
    if (nx || ny) {
      // A number against a word (or the end): the number continues a release, so it sits above
      // pre-release words and a plain release, and has no order against sp/post or unknown words.
      Integer rank = rank(nx ? y : x);
      if (rank == null || rank > RELEASE) {
        return null;
      }
      return nx ? 1 : -1;
    }
    Integer rx = rank(x);
    Integer ry = rank(y);
    if (rx == null || ry == null) {
      return x != null && x.equalsIgnoreCase(y) ? 0 : null;
    }
    return Integer.compare(rx, ry);
  }

  private static Integer rank(String word) {
    return word == null ? Integer.valueOf(RELEASE) : WORDS.get(word.toLowerCase(Locale.ROOT));
  }

  private static List<String> tokens(String tail) {
    List<String> out = new ArrayList<>();
    Matcher m = TOKEN.matcher(tail);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }
}
