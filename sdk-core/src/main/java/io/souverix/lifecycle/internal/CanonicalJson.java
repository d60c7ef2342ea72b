package io.souverix.lifecycle.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * RFC 8785 (JSON Canonicalization Scheme) serialisation.
 *
 * <p>Object members are sorted by the UTF-16 code units of their names, strings use the minimal
 * escaping of ECMAScript's {@code JSON.stringify}, and numbers are IEEE 754 doubles printed as
 * ECMAScript's {@code Number.prototype.toString} does. Integers beyond 2^53 are rejected rather
 * than silently rounded: a value that cannot survive canonicalisation belongs in a string.
 */
public final class CanonicalJson {
  private static final long MAX_SAFE_INTEGER = (1L << 53);

  private CanonicalJson() {}

  /** Returns the canonical JSON text of {@code node}. */
  public static String write(JsonNode node) {
    StringBuilder out = new StringBuilder(128);
    write(node, out);
    return out.toString();
  }

  /** Appends the canonical JSON text of {@code node} to {@code out}. */
  public static void write(JsonNode node, StringBuilder out) {
    switch (node.getNodeType()) {
      case OBJECT:
        writeObject(node, out);
        break;
      case ARRAY:
        out.append('[');
        for (int i = 0; i < node.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          write(node.get(i), out);
        }
        out.append(']');
        break;
      case STRING:
        writeString(node.textValue(), out);
        break;
      case NUMBER:
        writeNumber(node, out);
        break;
      case BOOLEAN:
        out.append(node.booleanValue() ? "true" : "false");
        break;
      case NULL:
        out.append("null");
        break;
      default:
        throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
    }
  }

  private static void writeObject(JsonNode node, StringBuilder out) {
    List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.size());
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      fields.add(it.next());
    }
    // String.compareTo orders by UTF-16 code units, which is exactly RFC 8785 section 3.2.3.
    fields.sort(Map.Entry.comparingByKey());
    out.append('{');
    boolean first = true;
    for (Map.Entry<String, JsonNode> e : fields) {
      if (!first) {
        out.append(',');
      }
      first = false;
      writeString(e.getKey(), out);
      out.append(':');
      write(e.getValue(), out);
    }
    out.append('}');
  }

  /** Appends a JSON string literal with RFC 8785 escaping. */
  public static void writeString(String s, StringBuilder out) {
    out.append('"');
    int len = s.length();
    int plain = 0;
    while (plain < len) {
      char c = s.charAt(plain);
      if (c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c)) {
        break;
      }
      plain++;
    }
    // Most strings need no escaping: copy them in one go.
    out.append(s, 0, plain);
    for (int i = plain; i < len; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\b':
          out.append("\\b");
          break;
        case '\f':
          out.append("\\f");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        default:
          if (c < 0x20) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            if (Character.isSurrogate(c)) {
              boolean paired =
                  Character.isHighSurrogate(c)
                      && i + 1 < len
                      && Character.isLowSurrogate(s.charAt(i + 1));
              if (!paired) {
                throw new IllegalArgumentException(
                    "string contains a lone surrogate at index " + i + "; not valid I-JSON");
              }
              out.append(c).append(s.charAt(++i));
            } else {
              out.append(c);
            }
          }
      }
    }
    out.append('"');
  }

  private static void writeNumber(JsonNode node, StringBuilder out) {
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      long v = node.longValue();
      if (v > MAX_SAFE_INTEGER || v < -MAX_SAFE_INTEGER) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "integer %d is outside the I-JSON safe range +/-2^53; send it as a string",
                v));
      }
      out.append(v);
      return;
    }
    if (node.isIntegralNumber()) {
      throw new IllegalArgumentException(
          "integer " + node.asText() + " is outside the I-JSON safe range +/-2^53");
    }
    writeDouble(node.doubleValue(), out);
  }

  /** Appends a double as ECMAScript's {@code Number.prototype.toString} prints it. */
  public static void writeDouble(double d, StringBuilder out) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new IllegalArgumentException("NaN and Infinity are not JSON numbers");
    }
    if (d == 0) {
      out.append('0');
      return;
    }
    if (d == Math.rint(d) && Math.abs(d) < MAX_SAFE_INTEGER) {
      out.append((long) d);
      return;
    }
    if (d < 0) {
      out.append('-');
      d = -d;
    }
    BigDecimal shortest = shortest(d);
    String digits = shortest.unscaledValue().toString();
    // Strip trailing zeros from the digit string; they belong to the exponent.
    int k = digits.length();
    while (k > 1 && digits.charAt(k - 1) == '0') {
      k--;
    }
    // n is the position of the decimal point relative to the digits: value = 0.d1d2..dk * 10^n
    int n = digits.length() - shortest.scale();
    digits = digits.substring(0, k);
    if (k <= n && n <= 21) {
      out.append(digits);
      for (int i = 0; i < n - k; i++) {
        out.append('0');
      }
    } else if (0 < n && n <= 21) {
      out.append(digits, 0, n).append('.').append(digits, n, k);
    } else if (-6 < n && n <= 0) {
      out.append("0.");
      for (int i = 0; i < -n; i++) {
        out.append('0');
      }
      out.append(digits);
    } else {
      out.append(digits.charAt(0));
      if (k > 1) {
        out.append('.').append(digits, 1, k);
      }
      int e = n - 1;
      out.append('e').append(e < 0 ? '-' : '+').append(Math.abs(e));
    }
  }

  /** The shortest decimal that reads back as {@code d}, nearest to it among equal lengths. */
  private static BigDecimal shortest(double d) {
    BigDecimal exact = new BigDecimal(d);
    for (int p = 1; p < 17; p++) {
      BigDecimal candidate = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
      if (candidate.doubleValue() == d) {
        return candidate;
      }
    }
    return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
  }

  /**
   * Rejects trees nested deeper than {@code maxDepth}.
   *
   * @throws IllegalArgumentException if too deep
   */
  public static void checkDepth(JsonNode node, int maxDepth) {
    if (depth(node, 0, maxDepth) > maxDepth) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "JSON nested too deep; expected at most %d", maxDepth));
    }
  }

  private static int depth(JsonNode node, int current, int max) {
    if (current > max) {
      return current;
    }
    int deepest = current;
    if (node.isContainerNode()) {
      for (JsonNode child : node) {
        deepest = Math.max(deepest, depth(child, current + 1, max));
      }
    }
    return deepest;
  }
}
