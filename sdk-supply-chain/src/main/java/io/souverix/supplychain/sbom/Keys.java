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
    String type = rest.substring(0, slash).toLowerCase(Locale.ROOT);
    String path = rest.substring(slash + 1);
    int at = path.lastIndexOf('@');
    if (at >= 0 && at > path.lastIndexOf('/')) {
      path = path.substring(0, at);
    }
    String[] segments = path.split("/", -1);
    StringBuilder out = new StringBuilder("pkg:").append(type).append('/');
    boolean first = true;
    for (int i = 0; i < segments.length; i++) {
      String s = segments[i];
      if (s.isEmpty()) {
        continue;
      }
      s = decode(s);
      if (i == segments.length - 1 && type.equals("pypi")) {
        s = s.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
      }
      if (!first) {
        out.append('/');
      }
      out.append(s);
      first = false;
    }
    if (qualifiers != null) {
      TreeMap<String, String> kept = new TreeMap<>();
      for (String pair : qualifiers.split("&")) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          continue;
        }
        String k = pair.substring(0, eq).toLowerCase(Locale.ROOT);
        String v = decode(pair.substring(eq + 1));
        if (!KEPT_QUALIFIERS.contains(k) || v.isEmpty()) {
          continue;
        }
        if (type.equals("maven") && k.equals("type") && v.equals("jar")) {
          continue;
        }
        kept.put(k, v);
      }
      String sep = "?";
      for (var e : kept.entrySet()) {
        out.append(sep).append(e.getKey()).append('=').append(e.getValue());
        sep = "&";
      }
    }
    if (subpath != null && !subpath.isEmpty()) {
      out.append('#').append(subpath);
    }
    return out.toString();
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
