package io.souverix.lifecycle.spi;

import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The signature algorithms a {@link Signer} may use, named as in JWS (RFC 7518, RFC 8037).
 *
 * <p>Signatures are in the encoding of the Java Cryptography Architecture: ECDSA signatures are
 * DER-encoded {@code SEQUENCE { r, s }} as in X.509 and CMS, not the fixed-length {@code r || s} of
 * JWS. A JWS producer transcodes them.
 *
 * @since 0.1
 */
public enum SigningAlgorithm {
  /** ECDSA on P-256 with SHA-256. */
  ES256("ES256", "SHA256withECDSA"),
  /** ECDSA on P-384 with SHA-384. */
  ES384("ES384", "SHA384withECDSA"),
  /** RSASSA-PKCS1-v1_5 with SHA-256; keys of at least 2048 bits. */
  RS256("RS256", "SHA256withRSA"),
  /** RSASSA-PSS with SHA-256, MGF1 with SHA-256 and a 32-byte salt; keys of at least 2048 bits. */
  PS256("PS256", "RSASSA-PSS"),
  /** EdDSA on Ed25519 (pure, no pre-hash). */
  ED25519("EdDSA", "Ed25519");

  private final String jwsName;
  private final String jcaName;

  SigningAlgorithm(String jwsName, String jcaName) {
    this.jwsName = jwsName;
    this.jcaName = jcaName;
  }

  /**
   * Returns the JWS {@code alg} name.
   *
   * @return for example {@code "ES256"} or {@code "EdDSA"}
   */
  public String jwsName() {
    return jwsName;
  }

  /**
   * Returns the algorithm's name for {@link Signature#getInstance(String)}.
   *
   * @return for example {@code "SHA256withECDSA"}
   */
  public String jcaName() {
    return jcaName;
  }

  /**
   * Creates a fresh, uninitialised {@link Signature} for this algorithm, with its parameters set
   * (RSASSA-PSS needs them).
   *
   * @param provider the provider to use, or null for the JDK's preference order
   * @return a new signature object, not thread-safe
   * @throws NoSuchAlgorithmException if the provider does not offer the algorithm
   */
  public Signature newSignature(@Nullable Provider provider) throws NoSuchAlgorithmException {
    Signature signature =
        provider == null
            ? Signature.getInstance(jcaName)
            : Signature.getInstance(jcaName, provider);
    if (this == PS256) {
      try {
        signature.setParameter(
            new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
      } catch (InvalidAlgorithmParameterException e) {
        throw new NoSuchAlgorithmException("RSASSA-PSS with SHA-256 is not supported", e);
      }
    }
    return signature;
  }

  /**
   * Tells whether a public key fits this algorithm: its type, and for ECDSA its curve size, for RSA
   * at least 2048 bits.
   *
   * @param key the key; not null
   * @return true when the key can verify this algorithm's signatures
   */
  public boolean accepts(PublicKey key) {
    String type = key.getAlgorithm();
    return switch (this) {
      case ES256 -> key instanceof ECPublicKey ec && ec.getParams().getOrder().bitLength() == 256;
      case ES384 -> key instanceof ECPublicKey ec && ec.getParams().getOrder().bitLength() == 384;
      case RS256, PS256 -> key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() >= 2048;
      case ED25519 -> type.equals("Ed25519") || type.equals("EdDSA");
    };
  }

  /**
   * Looks an algorithm up by its JWS name.
   *
   * @param jwsName a JWS {@code alg} value such as {@code "ES256"}; not null
   * @return the algorithm
   * @throws IllegalArgumentException if the name is not one of ours (including {@code "none"})
   */
  public static SigningAlgorithm fromJwsName(String jwsName) {
    for (SigningAlgorithm a : values()) {
      if (a.jwsName.equals(jwsName)) {
        return a;
      }
    }
    throw new IllegalArgumentException(
        String.format(
            Locale.ROOT,
            "signature algorithm; expected one of ES256, ES384, RS256, PS256, EdDSA, but got %s",
            jwsName));
  }
}
