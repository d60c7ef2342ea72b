package io.souverix.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs the fleet chain validation benchmark's code once, without JMH. */
class ChainValidationFleetBenchmarkTest {
  @ParameterizedTest
  @ValueSource(strings = {"EC_P256", "RSA_2048"})
  void setUp_buildsValidChainsAndCachedAndUncachedAgree(String keys) throws Exception {
    ChainValidationFleetBenchmark b = new ChainValidationFleetBenchmark();
    b.keys = keys;
    b.leafCount = 4;
    b.setUp(); // throws unless both validators accept the chain

    for (int i = 0; i < 8; i++) {
      assertThat(b.validateCached().isValid()).isTrue();
      assertThat(b.validateSouverix().path()).hasSize(3);
    }
    assertThat(b.validateRaw()).isNotNull();
    assertThat(ChainValidationFleetBenchmark.LEAVES)
        .isGreaterThan(ChainValidationFleetBenchmark.CACHE_ENTRIES);
  }
}
