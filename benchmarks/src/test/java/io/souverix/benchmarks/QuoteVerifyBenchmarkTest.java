package io.souverix.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.souverix.attestation.tpm.PcrSelection;
import io.souverix.attestation.tpm.QuoteException;
import io.souverix.attestation.tpm.QuoteVerifier;
import io.souverix.attestation.tpm.TpmHash;
import io.souverix.attestation.tpm.TpmSignature;
import io.souverix.attestation.tpm.VerifiedQuote;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs each benchmark method once outside JMH: the synthetic quotes must verify through the SDK (so
 * the benchmark measures the accepting path) and the raw side must verify the same signature.
 */
class QuoteVerifyBenchmarkTest {
  private final QuoteVerifyBenchmark bench = new QuoteVerifyBenchmark();

  @Test
  void rsaMethods_oneInvocationEach_verifyTheSameQuote() throws Exception {
    QuoteVerifyBenchmark.RsaSide s = new QuoteVerifyBenchmark.RsaSide();
    s.open();
    VerifiedQuote q = bench.rsassaQuote(s);
    assertThat(q.scheme()).isEqualTo(TpmSignature.Scheme.RSASSA);
    assertThat(q.quote().selections())
        .containsExactly(new PcrSelection(TpmHash.SHA256, List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)));
    assertThat(bench.rsassaRaw(s)).isTrue();
  }

  @Test
  void ecMethods_oneInvocationEach_verifyTheSameQuote() throws Exception {
    QuoteVerifyBenchmark.EcSide s = new QuoteVerifyBenchmark.EcSide();
    s.open();
    assertThat(bench.ecdsaQuote(s).scheme()).isEqualTo(TpmSignature.Scheme.ECDSA);
    assertThat(bench.ecdsaRaw(s)).isTrue();
  }

  @Test
  void syntheticQuote_otherKey_rejected() throws Exception {
    SyntheticQuote a = SyntheticQuote.create(true, 1);
    SyntheticQuote b = SyntheticQuote.create(true, 1);
    QuoteVerifier v = QuoteVerifier.newBuilder().attestationKey(b.ak().getPublic()).build();
    assertThatThrownBy(() -> v.verify(a.message(), a.signature(), a.pcrs(), a.nonce()))
        .isInstanceOfSatisfying(
            QuoteException.class,
            e -> assertThat(e.code()).isEqualTo(QuoteException.Code.SIGNATURE_INVALID));
  }

  @Test
  void benchmarkList_generatedByTheAnnotationProcessor_namesEveryBenchmark() throws Exception {
    String list;
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream("META-INF/BenchmarkList")) {
      assertThat(in).isNotNull();
      list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(list).contains("rsassaQuote", "rsassaRaw", "ecdsaQuote", "ecdsaRaw");
  }
}
