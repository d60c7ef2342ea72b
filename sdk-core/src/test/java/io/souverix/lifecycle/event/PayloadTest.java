package io.souverix.lifecycle.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadTest {
  private final Payload payload =
      Payload.parse(
          "{\"serial\":\"SN-1\",\"count\":3,\"ok\":true,\"none\":null,"
              + "\"manufacturing\":{\"batch_id\":\"B7\"},\"tags\":[\"a\",\"b\"]}");

  @Test
  void accessors_presentFieldsAndDottedPaths_returnValues() {
    assertThat(payload.text("serial")).contains("SN-1");
    assertThat(payload.requireText("manufacturing.batch_id")).isEqualTo("B7");
    assertThat(payload.number("count")).contains(3L);
    assertThat(payload.bool("ok")).contains(true);
    assertThat(payload.has("manufacturing.batch_id")).isTrue();
    assertThat(payload.toMap()).containsEntry("tags", List.of("a", "b"));
  }

  @Test
  void accessors_absentNullOrWrongType_returnEmpty() {
    assertThat(payload.text("missing")).isEmpty();
    assertThat(payload.text("none")).isEmpty();
    assertThat(payload.has("none")).isFalse();
    assertThat(payload.text("manufacturing.missing.deeper")).isEmpty();
    assertThat(payload.number("serial")).isEmpty();
    assertThat(payload.bool("count")).isEmpty();
    assertThatThrownBy(() -> payload.requireText("missing"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("missing");
  }

  @Test
  void withAndWithout_returnNewCanonicalPayloads_leavingTheOriginal() {
    Payload changed = payload.with("count", 4).without("tags");

    assertThat(changed.number("count")).contains(4L);
    assertThat(changed.has("tags")).isFalse();
    assertThat(payload.number("count")).contains(3L);
    assertThat(changed.isCanonical()).isTrue();
  }

  @Test
  void equality_sameContentInAnyKeyOrder_isEqual() {
    Payload a = Payload.parse("{\"b\":1,\"a\":[1.0,\"x\"]}");
    Payload b = Payload.of(Map.of("a", List.of(1, "x"), "b", 1));

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.json()).isEqualTo("{\"a\":[1,\"x\"],\"b\":1}");
    assertThat(Payload.of("k", "v", "n", 1).json()).isEqualTo("{\"k\":\"v\",\"n\":1}");
  }

  @Test
  void parse_notAnObjectOrInvalid_isRejected() {
    assertThatThrownBy(() -> Payload.parse("[1,2]")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Payload.parse("{\"a\":")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Payload.parse("{} {}")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Payload.of("odd")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Payload.of(1, "x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parse_depthBound_acceptsThirtyTwoLevelsAndRejectsMore() {
    assertThat(Payload.parse(nested(32)).json()).isEqualTo(nested(32));
    assertThatThrownBy(() -> Payload.parse(nested(33)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too deep");
  }

  @Test
  void parse_sizeBound_acceptsMaxBytesAndRejectsMore() {
    String filler = "x".repeat(Payload.MAX_BYTES - "{\"f\":\"\"}".length());
    assertThat(Payload.of("f", filler).json().length()).isEqualTo(Payload.MAX_BYTES);
    assertThatThrownBy(() -> Payload.of("f", filler + "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too large");
    // Multi-byte characters count in UTF-8 bytes, not chars.
    assertThatThrownBy(() -> Payload.of("f", "é".repeat(Payload.MAX_BYTES / 2)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fromStored_nonCanonicalText_isDetected() {
    assertThat(Payload.fromStored("{\"a\":1,\"b\":2}").isCanonical()).isTrue();
    assertThat(Payload.fromStored("{\"b\":2,\"a\":1}").isCanonical()).isFalse();
    assertThat(Payload.fromStored("{\"a\": 1}").isCanonical()).isFalse();
    assertThat(Payload.fromStored("{\"a\":1.0}").isCanonical()).isFalse();
  }

  /** {"a":{"a":...{}...}} with {@code levels} nested objects below the top one. */
  private static String nested(int levels) {
    return "{\"a\":".repeat(levels) + "{}" + "}".repeat(levels);
  }
}
