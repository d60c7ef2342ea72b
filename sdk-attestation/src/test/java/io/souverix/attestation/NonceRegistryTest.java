package io.souverix.attestation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.souverix.lifecycle.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NonceRegistryTest {
  private final ManualClock clock = ManualClock.at(Instant.parse("2026-01-01T00:00:00Z"));
  private final NonceRegistry registry =
      NonceRegistry.create(clock, new Random(7), Duration.ofMinutes(5), 3);

  @Test
  void consume_issuedNonce_acceptedOnce() {
    byte[] nonce = registry.issue();
    assertThat(nonce).hasSize(NonceRegistry.NONCE_BYTES);
    assertThat(registry.consume(nonce)).isTrue();
    assertThat(registry.consume(nonce)).as("replay").isFalse();
  }

  @Test
  void consume_unknownNonce_rejected() {
    registry.issue();
    assertThat(registry.consume(new byte[NonceRegistry.NONCE_BYTES])).isFalse();
  }

  @Test
  void consume_afterTtl_rejected() {
    byte[] nonce = registry.issue();
    clock.advance(Duration.ofMinutes(5));
    assertThat(registry.consume(nonce)).isFalse();
  }

  @Test
  void issue_tooManyOutstanding_throwsUntilExpired() {
    registry.issue();
    registry.issue();
    registry.issue();
    assertThatThrownBy(registry::issue).isInstanceOf(IllegalStateException.class);
    clock.advance(Duration.ofMinutes(6));
    assertThat(registry.issue()).hasSize(32);
  }

  @Test
  void issue_returnedArrayMutated_registryUnaffected() {
    byte[] nonce = registry.issue();
    byte[] copy = nonce.clone();
    nonce[0] ^= 1;
    assertThat(registry.consume(copy)).isTrue();
  }

  @Test
  void create_zeroTtl_throws() {
    assertThatThrownBy(() -> NonceRegistry.create(clock, new Random(), Duration.ZERO, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected (0, P1D]");
  }
}
