package io.souverix.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the chain validation benchmark's code once, without JMH, so a broken one fails the build.
 */
class ChainValidationBenchmarkTest {
  @ParameterizedTest
  @ValueSource(strings = {"EC_P256", "RSA_2048"})
  void setUp_buildsValidChainsAndEveryMethodAgrees(String keys) throws Exception {
    ChainValidationBenchmark b = new ChainValidationBenchmark();
    b.keys = keys;
    b.chains = 4;
    b.setUp(); // throws unless both validators accept the chain and both providers verify

    assertThat(b.validateSouverix().isValid()).isTrue();
    assertThat(b.validateSouverix().path()).hasSize(3);
    assertThat(b.validateRaw()).isNotNull();
    assertThat(b.parseRaw()).isNotNull();
    assertThat(b.verifyBc()).isTrue();
    assertThat(b.verifySun()).isTrue();
  }

  @Test
  void chains_areDistinctEncodings_soTheJdkParseCacheCannotHoldThem() throws Exception {
    ChainValidationBenchmark b = new ChainValidationBenchmark();
    b.keys = "EC_P256";
    b.chains = 8;
    b.setUp();

    java.util.Set<String> distinct = new java.util.HashSet<>();
    for (int i = 0; i < b.chains; i++) {
      distinct.add(java.util.Arrays.toString(b.leaves[i]));
      distinct.add(java.util.Arrays.toString(b.intermediates[i]));
    }
    assertThat(distinct).hasSize(2 * b.chains);
    assertThat(2 * ChainValidationBenchmark.CHAINS).isGreaterThan(750); // the JDK's cache size
  }
}
