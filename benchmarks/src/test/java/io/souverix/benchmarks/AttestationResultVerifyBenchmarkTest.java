package io.souverix.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Runs the verification benchmark's code once, without JMH, so a broken benchmark fails the build.
 */
class AttestationResultVerifyBenchmarkTest {
  @Test
  void setUp_signsATokenThatEveryMethodVerifies() throws Exception {
    AttestationResultVerifyBenchmark b = new AttestationResultVerifyBenchmark();
    b.setUp();
    assertThat(b.es256Raw()).isTrue();
    assertThat(b.sunEcRaw()).isTrue();
    assertThat(b.es256Verifier().result().subject()).isEqualTo("node-000042");
    assertThat(b.sunEcVerifier().result().isAffirming()).isTrue();
  }
}
