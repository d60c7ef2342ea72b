package io.souverix.tck;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A second, independent implementation of the envelope hash for the vector tests: RFC 8785
 * canonical JSON written from a Jackson tree (members sorted by UTF-16 code units, ES2015 string
 * escaping), hashed with {@link MessageDigest}. It shares no code with the SDK's {@code
 * CanonicalJson} or {@code Sha256}. Numbers: integers as they are, other numbers through {@link
 * CanonicalNumberVectors#es6(double)}.
 */
final class IndependentCanonicalJson {
  private IndependentCanonicalJson() {}

  static String canonical(JsonNode node) {
    StringBuilder b = new StringBuilder();
    write(node, b);
    return b.toString();
  }

  static String sha256Hex(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private static void write(JsonNode n, StringBuilder b) {
    if (n.isObject()) {
      // String.compareTo orders by UTF-16 code units, as RFC 8785 section 3.2.3 requires.
      Map<String, JsonNode> sorted = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        sorted.put(e.getKey(), e.getValue());
      }
      b.append('{');
      boolean first = true;
      for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
        if (!first) {
          b.append(',');
        }
        first = false;
        string(e.getKey(), b);
        b.append(':');
        write(e.getValue(), b);
      }
      b.append('}');
    } else if (n.isArray()) {
      b.append('[');
      for (int i = 0; i < n.size(); i++) {
        if (i > 0) {
          b.append(',');
        }
        write(n.get(i), b);
      }
      b.append(']');
    } else if (n.isTextual()) {
      string(n.textValue(), b);
    } else if (n.isIntegralNumber()) {
      b.append(n.bigIntegerValue());
    } else if (n.isNumber()) {
      b.append(CanonicalNumberVectors.es6(n.doubleValue()));
    } else if (n.isBoolean()) {
      b.append(n.booleanValue());
    } else if (n.isNull()) {
      b.append("null");
    } else {
      throw new IllegalArgumentException("not supported by the independent check: " + n);
    }
  }

  private static void string(String s, StringBuilder b) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }
}
