package io.souverix.supplychain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DigestTest {
  // SHA-256("test"), FIPS 180-4 reference value.
  private static final String TEST_SHA256 =
      "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

  @Test
  void sha256_knownInput_matchesReferenceValue() {
    Digest d = Digest.sha256("test".getBytes(StandardCharsets.UTF_8));
    assertThat(d.toString()).isEqualTo(TEST_SHA256);
    assertThat(Digest.parse(TEST_SHA256)).isEqualTo(d);
  }

  @Test
  void matches_otherContent_false() {
    Digest d = Digest.parse(TEST_SHA256);
    assertThat(d.matches("test".getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(d.matches("tesT".getBytes(StandardCharsets.UTF_8))).isFalse();
  }

  @Test
  void parse_upperCaseOrWrongLengthOrUnknownAlgorithm_rejected() {
    assertThatThrownBy(() -> Digest.parse(TEST_SHA256.toUpperCase(java.util.Locale.ROOT)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Digest.parse("sha256:abcd"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected 64 hex digits, but got 4");
    assertThatThrownBy(() -> Digest.parse("md5:" + "a".repeat(32)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void value_mutated_digestUnchanged() {
    Digest d = Digest.parse(TEST_SHA256);
    d.value()[0] = 0;
    assertThat(d.toString()).isEqualTo(TEST_SHA256);
  }
}
