package io.souverix.attestation.result;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jwt.SignedJWT;
import io.souverix.lifecycle.spi.Signer;
import io.souverix.lifecycle.spi.SignerException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Signs {@link AttestationResult}s as compact JWS JWTs (RFC 7519) through a {@link Signer}, with
 * the signer's key id as {@code kid} and optionally its certificate chain as {@code x5c}.
 *
 * <p>Any algorithm of {@link io.souverix.lifecycle.spi.SigningAlgorithm} works; ES256 and EdDSA are
 * the ones {@link AttestationResultVerifier} is tested with. Immutable and thread-safe when the
 * signer is.
 *
 * <h3>Security guarantees</h3>
 *
 * The private key never leaves the {@link Signer}. The header names exactly one key ({@code kid},
 * plus {@code x5c} when a chain is given), and carries no {@code crit}, {@code jku}, {@code jwk} or
 * {@code x5u}.
 *
 * @since 0.1
 */
public final class AttestationResultSigner {
  private final SignerJwsAdapter jwsSigner;
  private final String keyId;
  private final List<Base64> x5c;

  private AttestationResultSigner(Signer signer, List<Base64> x5c) {
    this.jwsSigner = new SignerJwsAdapter(signer);
    this.keyId = signer.keyId();
    this.x5c = x5c;
  }

  /**
   * Creates a signer that names its key by {@code kid} only.
   *
   * @param signer the key; not null
   * @return the result signer
   */
  public static AttestationResultSigner create(Signer signer) {
    return new AttestationResultSigner(Objects.requireNonNull(signer, "signer"), List.of());
  }

  /**
   * Creates a signer that also sends its certificate chain as {@code x5c}, so that a verifier with
   * trust anchors instead of a key set can check it.
   *
   * @param signer the key; not null
   * @param chain the signer's certificate first, then intermediates towards a trust anchor
   * @return the result signer
   * @throws IllegalArgumentException if the chain is empty, its first certificate does not hold the
   *     signer's public key, or a certificate cannot be encoded
   */
  public static AttestationResultSigner create(Signer signer, List<X509Certificate> chain) {
    Objects.requireNonNull(signer, "signer");
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("certificate chain; expected at least one, but got none");
    }
    if (!Arrays.equals(chain.get(0).getPublicKey().getEncoded(), signer.publicKey().getEncoded())) {
      throw new IllegalArgumentException(
          "certificate chain; expected the first certificate to hold the signer's public key, but"
              + " got another key");
    }
    List<Base64> x5c = new ArrayList<>();
    for (X509Certificate c : chain) {
      try {
        x5c.add(Base64.encode(Objects.requireNonNull(c, "certificate").getEncoded()));
      } catch (CertificateEncodingException e) {
        throw new IllegalArgumentException("certificate chain: " + e.getMessage(), e);
      }
    }
    return new AttestationResultSigner(signer, List.copyOf(x5c));
  }

  /**
   * Returns the {@code kid} this signer writes.
   *
   * @return the signer's key id
   */
  public String keyId() {
    return keyId;
  }

  /**
   * Signs a result.
   *
   * @param result the result; not null
   * @return the compact JWS ({@code header.payload.signature})
   * @throws SignerException if the {@link Signer} cannot sign
   */
  public String sign(AttestationResult result) throws SignerException {
    Objects.requireNonNull(result, "result");
    JWSHeader.Builder header =
        new JWSHeader.Builder(jwsSigner.algorithm()).type(JOSEObjectType.JWT).keyID(keyId);
    if (!x5c.isEmpty()) {
      header.x509CertChain(x5c);
    }
    SignedJWT jwt = new SignedJWT(header.build(), ResultClaims.toClaims(result));
    try {
      jwt.sign(jwsSigner);
    } catch (JOSEException e) {
      if (e.getCause() instanceof SignerException) {
        throw (SignerException) e.getCause();
      }
      throw SignerException.of(SignerException.Code.SIGNING_FAILED, e.getMessage(), e);
    }
    return jwt.serialize();
  }

  @Override
  public String toString() {
    return "AttestationResultSigner[" + jwsSigner.algorithm() + ", kid=" + keyId + "]";
  }
}
