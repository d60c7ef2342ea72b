package io.souverix.benchmarks;

import io.souverix.attestation.tpm.QuoteException;
import io.souverix.attestation.tpm.QuoteVerifier;
import io.souverix.attestation.tpm.VerifiedQuote;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * TPM 2.0 quote verification ({@link QuoteVerifier#verify}: parse the {@code TPMS_ATTEST} and
 * {@code TPMT_SIGNATURE}, verify the signature, compare the nonce, parse the PCR values file and
 * check the PCR digest) against the raw JDK signature verification of the same quote with the same
 * key, for RSASSA (RSA-2048) and ECDSA (P-256) with SHA-256. Both sides use the JDK's providers, as
 * the verifier does. Scores are verifications per second.
 *
 * <p>Naming: {@code xRaw} is the baseline of {@code xQuote}; {@link Ratios} pairs them. The
 * signature dominates; the target is that the whole verification keeps at least 80% of the raw
 * throughput.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class QuoteVerifyBenchmark {
  /** Parsing and the PCR digest cost at most a fifth of the signature's throughput. */
  public static final double TARGET_RATIO = 0.8;

  /** Creates the benchmark; JMH calls this. */
  public QuoteVerifyBenchmark() {}

  /**
   * Verifies an RSASSA quote through the SDK.
   *
   * @param s the quote and verifier
   * @return the verified quote
   * @throws QuoteException if the quote is rejected (a broken benchmark)
   */
  @Benchmark
  public VerifiedQuote rsassaQuote(RsaSide s) throws QuoteException {
    return s.quote();
  }

  /**
   * Verifies the same RSASSA signature over the same message with the JDK directly.
   *
   * @param s the quote and key
   * @return whether it verified (always true)
   * @throws GeneralSecurityException if the JDK fails
   */
  @Benchmark
  public boolean rsassaRaw(RsaSide s) throws GeneralSecurityException {
    return s.raw();
  }

  /**
   * Verifies an ECDSA quote through the SDK.
   *
   * @param s the quote and verifier
   * @return the verified quote
   * @throws QuoteException if the quote is rejected (a broken benchmark)
   */
  @Benchmark
  public VerifiedQuote ecdsaQuote(EcSide s) throws QuoteException {
    return s.quote();
  }

  /**
   * Verifies the same ECDSA signature over the same message with the JDK directly.
   *
   * @param s the quote and key
   * @return whether it verified (always true)
   * @throws GeneralSecurityException if the JDK fails
   */
  @Benchmark
  public boolean ecdsaRaw(EcSide s) throws GeneralSecurityException {
    return s.raw();
  }

  /** A quote, a verifier for its AK, and a JDK signature object for the raw side. */
  abstract static class Side {
    private @Nullable SyntheticQuote q;
    private @Nullable QuoteVerifier verifier;

    void open(boolean ecdsa) throws GeneralSecurityException {
      q = SyntheticQuote.create(ecdsa, 42);
      verifier = QuoteVerifier.newBuilder().attestationKey(q.ak().getPublic()).build();
    }

    VerifiedQuote quote() throws QuoteException {
      SyntheticQuote sq = checkOpen(q);
      return checkOpen(verifier).verify(sq.message(), sq.signature(), sq.pcrs(), sq.nonce());
    }

    boolean raw() throws GeneralSecurityException {
      SyntheticQuote sq = checkOpen(q);
      // A new Signature per call, as the verifier makes one per quote.
      Signature s = Signature.getInstance(sq.rawAlgorithm());
      s.initVerify(sq.ak().getPublic());
      s.update(sq.message());
      if (!s.verify(sq.rawSignature())) {
        throw new IllegalStateException("raw signature does not verify");
      }
      return true;
    }
  }

  /** The RSASSA side. */
  @State(Scope.Thread)
  public static class RsaSide extends Side {
    /** Creates the state; JMH calls this. */
    public RsaSide() {}

    /**
     * Makes the quote and key.
     *
     * @throws GeneralSecurityException if the JDK cannot make the key
     */
    @Setup(Level.Trial)
    public void open() throws GeneralSecurityException {
      open(false);
    }
  }

  /** The ECDSA side. */
  @State(Scope.Thread)
  public static class EcSide extends Side {
    /** Creates the state; JMH calls this. */
    public EcSide() {}

    /**
     * Makes the quote and key.
     *
     * @throws GeneralSecurityException if the JDK cannot make the key
     */
    @Setup(Level.Trial)
    public void open() throws GeneralSecurityException {
      open(true);
    }
  }

  private static <T> T checkOpen(@Nullable T part) {
    if (part == null) {
      throw new IllegalStateException(
          "benchmark state is not set up; expected open(), but got none");
    }
    return part;
  }
}
