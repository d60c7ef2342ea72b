package io.souverix.supplychain.sbom;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** The default matching key of a component (README of the CycloneDX vectors, rules version 1). */
final class Keys {
  private static final Set<String> KEPT_QUALIFIERS = Set.of("classifier", "type", "arch", "os");

  private Keys() {}

  /** The key of a component: its normalised versionless purl, else {@code gn:GROUP/NAME}. */
  static String key(@Nullable String purl, @Nullable String group, String name) {
    if (purl != null && !purl.isBlank()) {
      String k = purlKey(purl.strip());
      if (k != null) {
        return k;
      }
    }
    return "gn:" + (group == null ? "" : group) + "/" + name;
  }

  /** The purl without its version, normalised; null when it is not a purl at all. */
  static @Nullable String purlKey(String purl) {
    if (!purl.regionMatches(true, 0, "pkg:", 0, 4)) {
      return null;
    }
    String rest = purl.substring(4);
    while (rest.startsWith("/")) {
      rest = rest.substring(1);
    }
    String subpath = null;
    int hash = rest.indexOf('#');
    if (hash >= 0) {
      subpath = rest.substring(hash + 1);
      rest = rest.substring(0, hash);
    }
    String qualifiers = null;
    int q = rest.indexOf('?');
    if (q >= 0) {
      qualifiers = rest.substring(q + 1);
      rest = rest.substring(0, q);
    }
    int slash = rest.indexOf('/');
    if (slash <= 0) {
      return null;
    }
    String type = lowerCase(rest.substring(0, slash));
    String path = rest.substring(slash + 1);
    int at = path.lastIndexOf('@');
    if (at >= 0 && at > path.lastIndexOf('/')) {
      path = path.substring(0, at);
    }
    StringBuilder out = new StringBuilder(purl.length()).append("pkg:").append(type).append('/');
    boolean first = true;
    for (int from = 0; from <= path.length(); ) {
      int to = path.indexOf('/', from);
      boolean last = to < 0;
      if (last) {
        to = path.length();
      }
      if (to > from) {
        String s = decode(path.substring(from, to));
        if (last && type.equals("pypi")) {
          s = s.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
        }
        if (!first) {
          out.append('/');
        }
        out.append(s);
        first = false;
      }
      from = to + 1;
    }
    if (qualifiers != null) {
      qualifiers(type, qualifiers, out);
    }
    if (subpath != null && !subpath.isEmpty()) {
      out.append('#').append(subpath);
    }
    return out.toString();
  }

  /** Appends the kept qualifiers, sorted by name (the last value of a repeated name wins). */
  private static void qualifiers(String type, String qualifiers, StringBuilder out) {
    String onlyKey = null; // the common case: at most one kept qualifier, no map needed
    String onlyValue = null;
    TreeMap<String, String> kept = null;
    for (int from = 0; from < qualifiers.length(); ) {
      int to = qualifiers.indexOf('&', from);
      if (to < 0) {
        to = qualifiers.length();
      }
      int eq = qualifiers.indexOf('=', from);
      if (eq > from && eq < to) {
        String k = qualifiers.substring(from, eq).toLowerCase(Locale.ROOT);
        String v = KEPT_QUALIFIERS.contains(k) ? decode(qualifiers.substring(eq + 1, to)) : "";
        boolean defaultJar = type.equals("maven") && k.equals("type") && v.equals("jar");
        if (!v.isEmpty() && !defaultJar) {
          if (kept == null && (onlyKey == null || onlyKey.equals(k))) {
            onlyKey = k;
            onlyValue = v;
          } else {
            if (kept == null) {
              kept = new TreeMap<>();
              kept.put(onlyKey, onlyValue);
            }
            kept.put(k, v);
          }
        }
      }
      from = to + 1;
    }
    if (kept == null) {
      if (onlyKey != null) {
        out.append('?').append(onlyKey).append('=').append(onlyValue);
      }
    } else {
      String sep = "?";
      for (var e : kept.entrySet()) {
        out.append(sep).append(e.getKey()).append('=').append(e.getValue());
        sep = "&";
      }
    }
  }

  /** Lower-cases, without work for the usual already lower-case ASCII text. */
  private static String lowerCase(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c >= 'A' && c <= 'Z') || c >= 0x80) {
        return s.toLowerCase(Locale.ROOT);
      }
    }
    return s;
  }

  /** Percent-decodes (never '+' as space); malformed escapes stay as written. */
  static String decode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%'
          && i + 2 < s.length() + 0
          && hex(s.charAt(i + 1)) >= 0
          && hex(s.charAt(i + 2)) >= 0) {
        b.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
        i += 2;
      } else {
        byte[] raw = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        b.write(raw, 0, raw.length);
      }
    }
    return b.toString(StandardCharsets.UTF_8);
  }

  private static int hex(char c) {
    return Character.digit(c, 16);
  }
}
