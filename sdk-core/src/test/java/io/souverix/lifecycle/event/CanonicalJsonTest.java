package io.souverix.lifecycle.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.souverix.lifecycle.internal.CanonicalJson;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 8785 vectors: section 3.2.2 and 3.2.3 examples and the appendix B number table. */
class CanonicalJsonTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "0000000000000000, 0",
    "8000000000000000, 0",
    "0000000000000001, 5e-324",
    "8000000000000001, -5e-324",
    "7fefffffffffffff, 1.7976931348623157e+308",
    "ffefffffffffffff, -1.7976931348623157e+308",
    "4340000000000000, 9007199254740992",
    "c340000000000000, -9007199254740992",
    "4430000000000000, 295147905179352830000",
    "44b52d02c7e14af5, 9.999999999999997e+22",
    "44b52d02c7e14af6, 1e+23",
    "44b52d02c7e14af7, 1.0000000000000001e+23",
    "444b1ae4d6e2ef4e, 999999999999999700000",
    "444b1ae4d6e2ef4f, 999999999999999900000",
    "444b1ae4d6e2ef50, 1e+21",
    "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
    "3eb0c6f7a0b5ed8d, 0.000001",
    "41b3de4355555553, 333333333.3333332",
    "41b3de4355555554, 333333333.33333325",
    "41b3de4355555555, 333333333.3333333",
    "41b3de4355555556, 333333333.3333334",
    "41b3de4355555557, 333333333.33333343",
    "becbf647612f3696, -0.0000033333333333333333",
    "43143ff3c1cb0959, 1424953923781206.2"
  })
  void writeDouble_appendixBVector_printsAsEcmaScript(String bits, String expected) {
    double d = Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16));

    assertThat(number(d)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "1e21, 1e+21",
    "1e20, 100000000000000000000",
    "1e-7, 1e-7",
    "0.000001, 0.000001",
    "333333333.3333333, 333333333.3333333",
    "-0.0, 0",
    "4.50, 4.5",
    "2e-3, 0.002",
    "1E30, 1e+30",
    "0.000000000000000000000000001, 1e-27",
    "123e-20, 1.23e-18",
    "-1.5, -1.5",
    "0.1, 0.1"
  })
  void writeDouble_decimalLiteral_printsShortestForm(double d, String expected) {
    assertThat(number(d)).isEqualTo(expected);
  }

  @Property(tries = 2000)
  void writeDouble_anyFiniteDouble_readsBackAsTheSameDouble(@ForAll double d) {
    if (Double.isFinite(d)) {
      assertThat(Double.parseDouble(number(d))).isEqualTo(d == 0 ? 0.0 : d);
    }
  }

  @Test
  void writeDouble_nanOrInfinity_isRejected() {
    assertThatThrownBy(() -> number(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> number(Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Payload.of("x", Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Payload.parse("{\"x\":1e400}"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parse_rfc8785Section322Example_isCanonicalised() {
    String input =
        "{\n  \"numbers\": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],\n"
            + "  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n"
            + "  \"literals\": [null, true, false]\n}";

    assertThat(Payload.parse(input).json())
        .isEqualTo(
            "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                + "\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
  }

  @Test
  void parse_rfc8785Section323Example_sortsKeysByUtf16CodeUnits() {
    String input =
        "{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\",\"\\ufb33\":\"Hebrew Letter Dalet"
            + " With Dagesh\",\"1\":\"One\",\"\\ud83d\\ude00\":\"Emoji: Grinning Face\","
            + "\"\\u0080\":\"Control\",\"\\u00f6\":\"Latin Small Letter O With Diaeresis\"}";

    List<String> keys = List.copyOf(Payload.parse(input).toMap().keySet());
    String json = Payload.parse(input).json();

    assertThat(json)
        .isEqualTo(
            "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\",\"\u00f6\":\"Latin"
                + " Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\",\"\ud83d\ude00\":\"Emoji:"
                + " Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
    assertThat(keys).hasSize(7);
  }

  @Test
  void writeString_controlAndSpecialCharacters_useMinimalEscapes() {
    StringBuilder out = new StringBuilder();
    CanonicalJson.writeString("\b\f\n\r\t\u0000\u001f\u007f\"\\/é😀", out);

    assertThat(out.toString()).isEqualTo("\"\\b\\f\\n\\r\\t\\u0000\\u001f\u007f\\\"\\\\/é😀\"");
  }

  @Test
  void writeString_loneSurrogate_isRejected() {
    assertThatThrownBy(() -> CanonicalJson.writeString("a\ud83d", new StringBuilder()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lone surrogate");
    assertThatThrownBy(() -> CanonicalJson.writeString("\ude00b", new StringBuilder()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parse_integersAtAndBeyondTwoToThe53_acceptsOnlyTheSafeRange() {
    assertThat(Payload.parse("{\"n\":9007199254740992}").json())
        .isEqualTo("{\"n\":9007199254740992}");
    assertThat(Payload.parse("{\"n\":-9007199254740992}").json())
        .isEqualTo("{\"n\":-9007199254740992}");
    assertThatThrownBy(() -> Payload.parse("{\"n\":9007199254740993}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2^53");
    assertThatThrownBy(() -> Payload.parse("{\"n\":123456789012345678901234567890}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Payload.of("n", Long.MAX_VALUE))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parse_integralFloat_printsAsInteger() {
    assertThat(Payload.parse("{\"a\":1.0,\"b\":-2.50e1,\"c\":1e2}").json())
        .isEqualTo("{\"a\":1,\"b\":-25,\"c\":100}");
  }

  private static String number(double d) {
    StringBuilder out = new StringBuilder();
    CanonicalJson.writeDouble(d, out);
    return out.toString();
  }
}
