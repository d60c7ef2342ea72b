package io.souverix.tck;

import static io.souverix.tck.EventStoreVerification.assertRejects;
import static org.assertj.core.api.Assertions.assertThat;

import io.souverix.lifecycle.spi.Signer;
import io.souverix.lifecycle.spi.SigningAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The conformance rules of the {@link Signer} SPI. A vendor extends this class and implements
 * {@link #createSigner(TckEnvironment)}; every rule of {@link SignerVerificationRules} then runs
 * against the vendor's signer. Signatures are verified with the JDK's providers through {@link
 * SigningAlgorithm#newSignature}, independently of the signer.
 *
 * <pre>{@code
 * class HsmSignerConformanceTest extends SignerVerification {
 *   protected Signer createSigner(TckEnvironment env) throws Exception {
 *     return HsmSigner.open("slot-0", "tck-key");
 *   }
 * }
 * }</pre>
 *
 * @since 0.1
 */
@DisplayName("Signer conformance")
public abstract class SignerVerification implements SignerVerificationRules {
  private static final int THREADS = 4;

  private @Nullable TckEnvironment env;
  private @Nullable Signer signer;

  /**
   * Creates the signer under test, over a key it may reuse across tests.
   *
   * @param env the test's environment
   * @return the signer
   * @throws Exception if it cannot be created
   */
  protected abstract Signer createSigner(TckEnvironment env) throws Exception;

  @BeforeEach
  final void setUpSigner() throws Exception {
    env = new TckEnvironment();
    signer = createSigner(env);
  }

  @AfterEach
  final void cleanUpSigner() {
    if (env != null) {
      env.cleanUp();
    }
  }

  private Signer signer() {
    return Objects.requireNonNull(signer, "signer");
  }

  /** SG-1.x: signatures. */
  @Nested
  @DisplayName("SG-1 Signatures")
  class SignatureRules {
    @Test
    @Tag("required")
    @DisplayName("SG-1.1 a signature verifies with publicKey() under algorithm(), through the JCA")
    void required_SG101_signatureVerifiesWithThePublicKey() throws Throwable {
      SignerVerification.this.required_SG101_signatureVerifiesWithThePublicKey();
    }

    @Test
    @Tag("required")
    @DisplayName("SG-1.2 the signature of one message does not verify another, either way")
    void required_SG102_signaturesDoNotCrossVerify() throws Throwable {
      SignerVerification.this.required_SG102_signaturesDoNotCrossVerify();
    }

    @Test
    @Tag("required")
    @DisplayName("SG-1.3 the empty message can be signed, and its signature verifies")
    void required_SG103_emptyMessageIsSigned() throws Throwable {
      SignerVerification.this.required_SG103_emptyMessageIsSigned();
    }

    @Test
    @Tag("required")
    @DisplayName(
        "SG-1.4 keyId() is non-blank and stable; publicKey() and algorithm() do not change")
    void required_SG104_keyIdIsStable() throws Throwable {
      SignerVerification.this.required_SG104_keyIdIsStable();
    }

    @Test
    @Tag("required")
    @DisplayName("SG-1.5 sign does not modify the message, and rejects null")
    void required_SG105_messageIsNotModifiedAndNullIsRejected() throws Throwable {
      SignerVerification.this.required_SG105_messageIsNotModifiedAndNullIsRejected();
    }
  }

  /** SG-2.x: concurrency. */
  @Nested
  @DisplayName("SG-2 Concurrency")
  class ConcurrencyRules {
    @Test
    @Tag("required")
    @DisplayName("SG-2.1 concurrent signing from several threads gives signatures that each verify")
    void required_SG201_concurrentSigningIsSafe() throws Throwable {
      SignerVerification.this.required_SG201_concurrentSigningIsSafe();
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static boolean verifies(Signer s, byte[] message, byte[] signature)
      throws GeneralSecurityException {
    return verifies(s.algorithm(), s.publicKey(), message, signature);
  }

  private static boolean verifies(
      SigningAlgorithm alg, PublicKey key, byte[] message, byte[] signature)
      throws GeneralSecurityException {
    Signature v = alg.newSignature(null);
    v.initVerify(key);
    v.update(message);
    try {
      return v.verify(signature);
    } catch (java.security.SignatureException e) {
      // A malformed signature (wrong length, bad DER) does not verify.
      return false;
    }
  }

  @Override
  public void required_SG101_signatureVerifiesWithThePublicKey() throws Throwable {
    Signer s = signer();
    assertThat(s.algorithm().accepts(s.publicKey()))
        .as("algorithm %s accepts the public key (%s)", s.algorithm(), s.publicKey().getAlgorithm())
        .isTrue();
    byte[] message = bytes("{\"streamId\":\"node-0042\",\"sequence\":7}");
    byte[] signature = s.sign(message);
    assertThat(verifies(s, message, signature))
        .as(
            "signature of %d bytes under %s verifies with publicKey()",
            message.length, s.algorithm())
        .isTrue();
  }

  @Override
  public void required_SG102_signaturesDoNotCrossVerify() throws Throwable {
    Signer s = signer();
    byte[] a = bytes("tree head 41");
    byte[] b = bytes("tree head 42");
    byte[] sa = s.sign(a);
    byte[] sb = s.sign(b);
    assertThat(verifies(s, a, sb)).as("signature of message b verifies message a").isFalse();
    assertThat(verifies(s, b, sa)).as("signature of message a verifies message b").isFalse();
    assertThat(verifies(s, a, sa)).as("signature of message a verifies message a").isTrue();
  }

  @Override
  public void required_SG103_emptyMessageIsSigned() throws Throwable {
    Signer s = signer();
    byte[] sig = s.sign(new byte[0]);
    assertThat(sig).as("signature of the empty message").isNotEmpty();
    assertThat(verifies(s, new byte[0], sig))
        .as("signature of the empty message verifies")
        .isTrue();
    assertThat(verifies(s, new byte[] {0}, sig))
        .as("signature of the empty message verifies a one-byte message")
        .isFalse();
  }

  @Override
  public void required_SG104_keyIdIsStable() throws Throwable {
    Signer s = signer();
    String id = s.keyId();
    assertThat(id).as("keyId()").isNotBlank();
    PublicKey key = s.publicKey();
    SigningAlgorithm alg = s.algorithm();
    s.sign(bytes("one"));
    s.sign(bytes("two"));
    assertThat(s.keyId()).as("keyId() after signing").isEqualTo(id);
    assertThat(s.publicKey().getEncoded())
        .as("publicKey() after signing")
        .isEqualTo(key.getEncoded());
    assertThat(s.algorithm()).as("algorithm() after signing").isEqualTo(alg);
  }

  @Override
  public void required_SG105_messageIsNotModifiedAndNullIsRejected() throws Throwable {
    Signer s = signer();
    byte[] message = bytes("do not touch");
    byte[] copy = message.clone();
    byte[] sig = s.sign(message);
    assertThat(message).as("message after signing").isEqualTo(copy);
    assertThat(verifies(s, copy, sig)).as("signature of the untouched message").isTrue();
    assertRejects(() -> s.sign(null), NullPointerException.class, "sign(null)");
  }

  @Override
  public void required_SG201_concurrentSigningIsSafe() throws Throwable {
    Signer s = signer();
    int perThread = 25;
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<List<String>>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  List<String> bad = new ArrayList<>();
                  for (int i = 0; i < perThread; i++) {
                    byte[] m = bytes(String.format(Locale.ROOT, "thread %d message %d", thread, i));
                    byte[] sig = s.sign(m);
                    if (!verifies(s, m, sig)) {
                      bad.add(new String(m, StandardCharsets.UTF_8) + ": " + Arrays.toString(sig));
                    }
                  }
                  return bad;
                }));
      }
      List<String> bad = new ArrayList<>();
      for (Future<List<String>> f : futures) {
        bad.addAll(
            f.get(Objects.requireNonNull(env, "env").timeout().toMillis(), TimeUnit.MILLISECONDS));
      }
      assertThat(bad).as("signatures made concurrently that do not verify").isEmpty();
    } finally {
      pool.shutdownNow();
    }
  }
}
