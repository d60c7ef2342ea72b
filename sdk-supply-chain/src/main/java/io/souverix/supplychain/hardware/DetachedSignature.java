package io.souverix.supplychain.hardware;

import io.souverix.lifecycle.spi.Signer;
import io.souverix.lifecycle.spi.SignerException;
import io.souverix.lifecycle.spi.SigningAlgorithm;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A signature over a message (the RFC 8785 canonical JSON of a record) together with the signer's
 * certificate chain, written as one string: {@code <JWS alg>.<base64url signature>.<base64url DER
 * certificate>...}, signing certificate first. It is what a manufacturing record's {@code
 * qc_signature} holds.
 *
 * <h3>Security guarantees</h3>
 *
 * {@link #verify} checks, in order, the chain with the host's {@link ChainValidator}, that the
 * signing certificate's key fits the algorithm, and the signature over the exact message bytes; the
 * first failing step is the exception's code.
 *
 * @since 0.1
 */
public final class DetachedSignature {
  /** Longest encoded form accepted (the schema's bound for {@code qc_signature}). */
  public static final int MAX_LENGTH = 16384;

  private static final int MAX_CERTS = 8;

  private final SigningAlgorithm algorithm;
  private final byte[] signature;
  private final List<X509Certificate> chain;

  private DetachedSignature(
      SigningAlgorithm algorithm, byte[] signature, List<X509Certificate> chain) {
    this.algorithm = algorithm;
    this.signature = signature;
    this.chain = List.copyOf(chain);
  }

  /**
   * Signs a message.
   *
   * @param message the bytes to sign; not null
   * @param signer the signing key; not null
   * @param chain the signer's certificate first, then intermediates; not null or empty
   * @return the signature
   * @throws HardwareException {@code SIGNING_FAILED} if the signer fails
   * @throws IllegalArgumentException if the chain is empty or longer than 8, or its first
   *     certificate's key is not the signer's
   * @since 0.1
   */
  public static DetachedSignature create(byte[] message, Signer signer, List<X509Certificate> chain)
      throws HardwareException {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(chain, "chain");
    if (chain.isEmpty() || chain.size() > MAX_CERTS) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "chain; expected 1 to %d certificates, but got %d",
              MAX_CERTS,
              chain.size()));
    }
    if (!chain.get(0).getPublicKey().equals(signer.publicKey())) {
      throw new IllegalArgumentException(
          "chain; expected the signer's certificate first, but its key is another");
    }
    try {
      return new DetachedSignature(signer.algorithm(), signer.sign(message.clone()), chain);
    } catch (SignerException e) {
      throw new HardwareException(
          HardwareException.Code.SIGNING_FAILED, "signing failed: " + e.getMessage(), null, e);
    }
  }

  /**
   * Reads the encoded form.
   *
   * @param encoded {@code <alg>.<signature>.<certificate>...}; not null
   * @return the signature
   * @throws HardwareException {@code SIGNATURE_MALFORMED} if it cannot be read, {@code
   *     ALGORITHM_NOT_ALLOWED} if the algorithm is unknown
   * @since 0.1
   */
  public static DetachedSignature parse(String encoded) throws HardwareException {
    Objects.requireNonNull(encoded, "encoded");
    if (encoded.length() > MAX_LENGTH) {
      throw malformed(
          String.format(
              Locale.ROOT, "at most %d characters, but got %d", MAX_LENGTH, encoded.length()));
    }
    String[] parts = encoded.split("\\.", -1);
    if (parts.length < 3 || parts.length > MAX_CERTS + 2) {
      throw malformed(
          "<alg>.<signature>.<certificate>[.<certificate>...] (at most "
              + MAX_CERTS
              + " certificates), but got "
              + parts.length
              + " parts");
    }
    SigningAlgorithm alg;
    try {
      alg = SigningAlgorithm.fromJwsName(parts[0]);
    } catch (IllegalArgumentException e) {
      throw new HardwareException(
          HardwareException.Code.ALGORITHM_NOT_ALLOWED,
          String.format(
              Locale.ROOT,
              "signature algorithm; expected a JWS name such as ES256, but got '%s'",
              parts[0].length() > 20 ? parts[0].substring(0, 20) : parts[0]));
    }
    try {
      byte[] sig = Base64.getUrlDecoder().decode(parts[1]);
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      List<X509Certificate> certs = new ArrayList<>();
      for (int i = 2; i < parts.length; i++) {
        certs.add(
            (X509Certificate)
                cf.generateCertificate(
                    new ByteArrayInputStream(Base64.getUrlDecoder().decode(parts[i]))));
      }
      if (sig.length == 0) {
        throw malformed("a non-empty signature, but got none");
      }
      return new DetachedSignature(alg, sig, certs);
    } catch (IllegalArgumentException | CertificateException e) {
      throw new HardwareException(
          HardwareException.Code.SIGNATURE_MALFORMED,
          "signature; expected base64url signature and DER certificates, but got: "
              + e.getMessage(),
          null,
          e);
    }
  }

  private static HardwareException malformed(String what) {
    return new HardwareException(
        HardwareException.Code.SIGNATURE_MALFORMED, "signature; expected " + what);
  }

  /**
   * Verifies the signature over a message.
   *
   * @param message the signed bytes; not null
   * @param chains the validator of the signer's chain; not null
   * @return the signing certificate, after every step passed
   * @throws HardwareException {@code CHAIN_UNTRUSTED}, {@code KEY_ALGORITHM_MISMATCH} or {@code
   *     SIGNATURE_INVALID}, the first step that failed
   * @since 0.1
   */
  public X509Certificate verify(byte[] message, ChainValidator chains) throws HardwareException {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(chains, "chains");
    ChainVerdict verdict = Objects.requireNonNull(chains.validate(chain), "chain verdict");
    X509Certificate leaf = chain.get(0);
    if (!verdict.trusted()) {
      throw new HardwareException(
          HardwareException.Code.CHAIN_UNTRUSTED,
          String.format(
              Locale.ROOT,
              "certificate chain of '%s'; expected a chain to a trusted root, but got %s: %s",
              leaf.getSubjectX500Principal().getName(),
              verdict.reason(),
              verdict.detail()),
          verdict.reason(),
          null);
    }
    if (!algorithm.accepts(leaf.getPublicKey())) {
      throw new HardwareException(
          HardwareException.Code.KEY_ALGORITHM_MISMATCH,
          String.format(
              Locale.ROOT,
              "signing key; expected a key for %s, but got a %s key",
              algorithm.jwsName(),
              leaf.getPublicKey().getAlgorithm()));
    }
    boolean ok;
    try {
      Signature s = algorithm.newSignature(null);
      s.initVerify(leaf.getPublicKey());
      s.update(message);
      ok = s.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      ok = false;
    }
    if (!ok) {
      throw new HardwareException(
          HardwareException.Code.SIGNATURE_INVALID,
          String.format(
              Locale.ROOT,
              "%s signature by '%s'; expected it to verify over the canonical JSON, but it does"
                  + " not",
              algorithm.jwsName(),
              leaf.getSubjectX500Principal().getName()));
    }
    return leaf;
  }

  /**
   * Returns the algorithm.
   *
   * @return the algorithm
   * @since 0.1
   */
  public SigningAlgorithm algorithm() {
    return algorithm;
  }

  /**
   * Returns the certificate chain, signing certificate first.
   *
   * @return the chain, unmodifiable
   * @since 0.1
   */
  public List<X509Certificate> chain() {
    return chain;
  }

  /**
   * Returns the encoded form.
   *
   * @return {@code <alg>.<signature>.<certificate>...}
   * @since 0.1
   */
  public String encoded() {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    StringBuilder out =
        new StringBuilder(algorithm.jwsName()).append('.').append(b64.encodeToString(signature));
    for (X509Certificate c : chain) {
      try {
        out.append('.').append(b64.encodeToString(c.getEncoded()));
      } catch (CertificateException e) {
        throw new IllegalStateException("certificate cannot be encoded", e);
      }
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return encoded();
  }
}
