package io.souverix.lifecycle.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PolicyInputTest {
  @Test
  void engineValue_jsonTypes_mapToJdkValuesInDocumentOrder() throws Exception {
    PolicyInput in =
        PolicyInput.parse(
            "{\"z\": 1, \"a\": [true, null, \"s\"], \"big\": 123456789012345678901234567890,"
                + " \"f\": 2.50, \"o\": {\"k\": -7}}");
    Map<String, Object> m = in.engineValue(Function.identity());
    assertThat(m.keySet()).containsExactly("z", "a", "big", "f", "o");
    assertThat(m.get("z")).isEqualTo(1L);
    assertThat((List<?>) m.get("a")).isEqualTo(Arrays.asList(true, null, "s"));
    assertThat(m.get("big")).isEqualTo(new BigInteger("123456789012345678901234567890"));
    assertThat((BigDecimal) m.get("f")).isEqualByComparingTo("2.5");
    assertThat(m.get("o")).isEqualTo(Map.of("k", -7L));
    assertThatThrownBy(() -> m.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void engineValue_sameConversion_convertsOnce() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Function<Map<String, Object>, Object> convert = m -> "converted-" + calls.incrementAndGet();
    PolicyInput in = PolicyInput.parse("{\"a\": 1}");
    assertThat(in.engineValue(convert)).isEqualTo("converted-1");
    assertThat(in.engineValue(convert)).isEqualTo("converted-1");
    assertThat(calls).hasValue(1);
    Function<Map<String, Object>, Integer> size = Map::size;
    assertThat(in.engineValue(size).intValue()).isEqualTo(1);
  }

  @Test
  void parse_nonObject_isInvalidInputWithTheType() {
    assertThatThrownBy(() -> PolicyInput.parse("[1]"))
        .isInstanceOfSatisfying(
            PolicyException.class,
            e -> {
              assertThat(e.code()).isEqualTo(PolicyException.Code.INVALID_INPUT);
              assertThat(e.getMessage()).contains("expected a JSON object, but got array");
            });
  }

  @Test
  void decision_allowWithReasonsOrDenyWithout_rejected() {
    assertThatThrownBy(() -> new Decision(true, List.of("x")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Decision.denied(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
