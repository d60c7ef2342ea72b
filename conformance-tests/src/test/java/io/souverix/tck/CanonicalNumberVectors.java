package io.souverix.tck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.souverix.lifecycle.internal.CanonicalJson;
import io.souverix.lifecycle.internal.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The canonical-number vectors ({@code vectors/canonical/numbers_v1.json}): IEEE 754 doubles and
 * JSON number texts with their RFC 8785 serialisation (ECMAScript {@code
 * Number.prototype.toString}). {@link #generate()} takes the expected text from sdk-core's {@code
 * CanonicalJson}; {@link #check(JsonNode)} recomputes it with {@link #es6(double)}, a separate
 * formatter that starts from {@code Double.toString}, shortens its digits while they still read
 * back as the same double, and lays them out by the ECMAScript rules. The first group includes the
 * sample values of RFC 8785 appendix B.
 */
final class CanonicalNumberVectors {
  static final String FILE = "canonical/numbers_v1.json";

  private CanonicalNumberVectors() {}

  /** {bits, comment, flags}. */
  private static final Object[][] DOUBLES = {
    {"0000000000000000", "zero", List.of("RFC8785")},
    {"8000000000000000", "minus zero is 0", List.of("RFC8785")},
    {"0000000000000001", "smallest subnormal", List.of("RFC8785", "EXPONENT")},
    {"8000000000000001", "smallest negative subnormal", List.of("RFC8785", "EXPONENT")},
    {"7fefffffffffffff", "largest double", List.of("RFC8785", "EXPONENT")},
    {"ffefffffffffffff", "most negative double", List.of("RFC8785", "EXPONENT")},
    {"4340000000000000", "2^53", List.of("RFC8785")},
    {"c340000000000000", "-2^53", List.of("RFC8785")},
    {"4430000000000000", "2^68: integer digits padded with zeros", List.of("RFC8785")},
    {"44b52d02c7e14af5", "just below 1e23", List.of("RFC8785", "EXPONENT")},
    {
      "44b52d02c7e14af6",
      "1e23 (JDK 17 Double.toString gives 9.999999999999999E22)",
      List.of("RFC8785", "EXPONENT")
    },
    {"44b52d02c7e14af7", "just above 1e23", List.of("RFC8785", "EXPONENT")},
    {"444b1ae4d6e2ef4e", "21 integer digits, no exponent", List.of("RFC8785")},
    {"444b1ae4d6e2ef4f", "21 integer digits, no exponent", List.of("RFC8785")},
    {"444b1ae4d6e2ef50", "1e21: the exponent form starts", List.of("RFC8785", "EXPONENT")},
    {"3eb0c6f7a0b5ed8c", "just below 1e-6", List.of("RFC8785", "EXPONENT")},
    {"3eb0c6f7a0b5ed8d", "1e-6: the last plain fraction", List.of("RFC8785")},
    {"41b3de4355555553", "fraction digits", List.of("RFC8785", "FRACTION")},
    {"41b3de4355555554", "fraction digits", List.of("RFC8785", "FRACTION")},
    {"41b3de4355555555", "fraction digits", List.of("RFC8785", "FRACTION")},
    {"41b3de4355555556", "fraction digits", List.of("RFC8785", "FRACTION")},
    {"41b3de4355555557", "fraction digits", List.of("RFC8785", "FRACTION")},
    {"becbf647612f3696", "negative small fraction", List.of("RFC8785", "FRACTION")},
    {"43143ff3c1cb0959", "large value with one fraction digit", List.of("RFC8785", "FRACTION")},
    {bits(0.1), "0.1", List.of("FRACTION")},
    {bits(0.1 + 0.2), "0.1 + 0.2", List.of("FRACTION")},
    {bits(-1.5), "-1.5", List.of("FRACTION")},
    {bits(1e-7), "1e-7: the first exponent form below 1", List.of("EXPONENT")},
    {bits(1.25e-7), "1.25e-7", List.of("EXPONENT")},
    {bits(123.456e-12), "123.456e-12", List.of("EXPONENT")},
    {bits(5e-7), "5e-7", List.of("EXPONENT")},
    {bits(2.5e21), "2.5e21", List.of("EXPONENT")},
    {bits(1e300 * 10), "1e301", List.of("EXPONENT")},
    {bits(4.35), "4.35", List.of("FRACTION")},
    {bits(0.000001234), "0.000001234", List.of("FRACTION")},
    {bits(Math.PI), "pi", List.of("FRACTION")},
    {
      bits(2.82879384806159e17),
      "a value JDK 17's Double.toString prints with 18 digits",
      List.of("FRACTION")
    },
    {bits(1.18575755e-316), "a subnormal with nine significant digits", List.of("EXPONENT")},
    {bits(9007199254740993.0 + 2), "2^53 + 2: above the safe integers, still digits", List.of()},
    {bits(Double.NaN), "NaN is not a JSON number", List.of("NOT_FINITE")},
    {bits(Double.POSITIVE_INFINITY), "Infinity is not a JSON number", List.of("NOT_FINITE")},
  };

  /** {json text, comment, flags}. */
  private static final Object[][] TEXTS = {
    {"1.0", "a whole fraction is an integer", List.of("FRACTION")},
    {"1.50", "trailing zeros go", List.of("FRACTION")},
    {"-0.0", "minus zero", List.of("FRACTION")},
    {"1E2", "exponent spelling of an integer", List.of("EXPONENT")},
    {"100e-2", "100e-2 is 1", List.of("EXPONENT")},
    {"0.00001", "a plain small fraction", List.of("FRACTION")},
    {"123456789012345678901234567890.5", "rounded to the nearest double", List.of("EXPONENT")},
    {
      "0.1000000000000000055511151231257827",
      "the exact value of the double 0.1",
      List.of("FRACTION")
    },
    {"9007199254740993.0", "a fraction text rounds to 2^53", List.of("FRACTION")},
    {"9007199254740991", "largest safe integer", List.of()},
    {"-9007199254740991", "smallest safe integer", List.of()},
    {"9007199254740993", "an integer beyond 2^53 is rejected (I-JSON)", List.of("UNSAFE_INTEGER")},
    {"1E400", "overflows to Infinity", List.of("NOT_FINITE")},
  };

  private static String bits(double d) {
    return String.format(Locale.ROOT, "%016x", Double.doubleToRawLongBits(d));
  }

  private static double fromBits(String hex) {
    return Double.longBitsToDouble(new BigInteger(hex, 16).longValue());
  }

  @SuppressWarnings("unchecked")
  static ObjectNode generate() {
    ObjectNode file =
        VectorFiles.header(
            "canonical-numbers",
            "RFC 8785 section 3.2.2.3 number serialisation: a double is written as ECMAScript's"
                + " Number.prototype.toString writes it (the shortest digits that read back as the"
                + " same double, nearest to it; plain notation from 1e-6 up to below 1e21,"
                + " exponent form 'd.ddde+N' / 'de-N' outside; minus zero as 0). Group"
                + " Ieee754Double gives the double as its 64 bits in hex; group JsonText gives a"
                + " JSON number text as an event payload holds it (integers beyond +-2^53 are"
                + " rejected, per I-JSON).",
            "Generated by io.souverix.tck.VectorsTest (-Dsouverix.regenerateVectors=true) from"
                + " sdk-core's CanonicalJson (writeDouble, and write over the SDK's JSON mapper);"
                + " every expected text is recomputed in the test by a separate formatter"
                + " (CanonicalNumberVectors.es6: Double.toString digits, shortened while they"
                + " round-trip, laid out per ECMAScript). The RFC 8785 appendix B samples are"
                + " flagged RFC8785.",
            Map.of(
                "RFC8785", "A sample value of RFC 8785 appendix B.",
                "FRACTION", "Plain notation with a fraction or a whole number from a fraction.",
                "EXPONENT", "Exponent notation, or the boundary where it starts.",
                "NOT_FINITE", "Not a finite double: rejected.",
                "UNSAFE_INTEGER", "An integer outside +-(2^53): rejected."));
    ArrayNode tests = VectorFiles.group(file, "Ieee754Double");
    for (Object[] c : DOUBLES) {
      ObjectNode t = VectorFiles.test(file, tests, (String) c[1], (List<String>) c[2]);
      t.put("ieee754", (String) c[0]);
      try {
        StringBuilder b = new StringBuilder();
        CanonicalJson.writeDouble(fromBits((String) c[0]), b);
        t.put("expected", b.toString());
        t.put("result", "valid");
      } catch (IllegalArgumentException e) {
        t.put("result", "invalid");
        t.put("errorCode", "NOT_FINITE");
      }
    }
    tests = VectorFiles.group(file, "JsonText");
    for (Object[] c : TEXTS) {
      ObjectNode t = VectorFiles.test(file, tests, (String) c[1], (List<String>) c[2]);
      t.put("json", (String) c[0]);
      try {
        t.put("expected", CanonicalJson.write(Json.MAPPER.readTree((String) c[0])));
        t.put("result", "valid");
      } catch (IllegalArgumentException e) {
        t.put("result", "invalid");
        t.put("errorCode", e.getMessage().startsWith("integer") ? "UNSAFE_INTEGER" : "NOT_FINITE");
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return file;
  }

  // ---------------------------------------------------------------------------------------------
  // The independent formatter.

  /**
   * ECMAScript Number::toString of a finite double, from {@code Double.toString}'s digits (which
   * read back as the double but are not always the shortest on JDK 17), shortened, then laid out.
   */
  static String es6(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new IllegalArgumentException("not finite");
    }
    if (d == 0) {
      return "0";
    }
    String sign = d < 0 ? "-" : "";
    double v = Math.abs(d);
    String s = Double.toString(v);
    int e = 0;
    int ePos = s.indexOf('E');
    if (ePos >= 0) {
      e = Integer.parseInt(s.substring(ePos + 1));
      s = s.substring(0, ePos);
    }
    int dot = s.indexOf('.');
    String digits = s.substring(0, dot) + s.substring(dot + 1);
    int point = dot + e; // value = 0.DIGITS * 10^point
    while (digits.length() > 1 && digits.charAt(0) == '0') {
      digits = digits.substring(1);
      point--;
    }
    digits = stripZeros(digits);
    BigDecimal exact = new BigDecimal(v);
    for (int len = 1; len < digits.length(); len++) {
      String down = digits.substring(0, len);
      String up = new BigInteger(down).add(BigInteger.ONE).toString();
      int upPoint = up.length() > len ? point + 1 : point;
      String best = null;
      int bestPoint = 0;
      BigDecimal bestDistance = null;
      for (Object[] cand : new Object[][] {{down, point}, {up, upPoint}}) {
        String digitsC = (String) cand[0];
        int pointC = (Integer) cand[1];
        BigDecimal value = new BigDecimal(new BigInteger(digitsC), digitsC.length() - pointC);
        if (Double.parseDouble(value.toString()) == v) {
          BigDecimal distance = value.subtract(exact).abs();
          if (bestDistance == null || distance.compareTo(bestDistance) < 0) {
            best = digitsC;
            bestPoint = pointC;
            bestDistance = distance;
          }
        }
      }
      if (best != null) {
        digits = stripZeros(best);
        point = bestPoint;
        break;
      }
    }
    return sign + layout(digits, point);
  }

  private static String stripZeros(String digits) {
    int k = digits.length();
    while (k > 1 && digits.charAt(k - 1) == '0') {
      k--;
    }
    return digits.substring(0, k);
  }

  /** ECMAScript Number::toString steps 6 to 10 for digits s (k of them) and n. */
  private static String layout(String s, int n) {
    int k = s.length();
    if (k <= n && n <= 21) {
      return s + "0".repeat(n - k);
    }
    if (0 < n && n <= 21) {
      return s.substring(0, n) + "." + s.substring(n);
    }
    if (-6 < n && n <= 0) {
      return "0." + "0".repeat(-n) + s;
    }
    String exponent = (n - 1 >= 0 ? "+" : "-") + Math.abs(n - 1);
    return k == 1 ? s + "e" + exponent : s.charAt(0) + "." + s.substring(1) + "e" + exponent;
  }

  private static final BigInteger SAFE = BigInteger.TWO.pow(53);

  /** The expected text of a JSON number text, or null when it must be rejected. */
  static String recomputeText(String json) {
    JsonNode n = VectorFiles.json(json);
    if (n.isIntegralNumber()) {
      return n.bigIntegerValue().abs().compareTo(SAFE) > 0 ? null : n.bigIntegerValue().toString();
    }
    double d = Double.parseDouble(json);
    return Double.isInfinite(d) ? null : es6(d);
  }

  static List<String> check(JsonNode file) {
    List<String> mismatches = new ArrayList<>();
    for (JsonNode group : file.get("testGroups")) {
      boolean text = group.get("type").asText().equals("JsonText");
      for (JsonNode t : group.get("tests")) {
        String want;
        if (text) {
          want = recomputeText(t.get("json").asText());
        } else {
          double d = fromBits(t.get("ieee754").asText());
          want = Double.isNaN(d) || Double.isInfinite(d) ? null : es6(d);
        }
        String got = t.get("result").asText().equals("valid") ? t.get("expected").asText() : null;
        if (want == null ? got != null : !want.equals(got)) {
          mismatches.add(VectorFiles.label(t) + ": " + got + " but recomputed " + want);
        }
      }
    }
    return mismatches;
  }
}
