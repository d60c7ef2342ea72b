package io.souverix.attestation.result;

import io.souverix.lifecycle.spi.SigningAlgorithm;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * An {@link AttestationResult} whose token passed every check of an {@link
 * AttestationResultVerifier}. Only the verifier creates one, so an API that accepts this type (such
 * as {@link AttestationResults#record}) knows the checks ran.
 *
 * @since 0.1
 */
public final class VerifiedAttestationResult {
  private final AttestationResult result;
  private final String keyId;
  private final SigningAlgorithm algorithm;
  private final List<X509Certificate> certificatePath;
  private final String claimsJson;
  private final String tokenDigest;
  private final Instant verifiedAt;

  VerifiedAttestationResult(
      AttestationResult result,
      String keyId,
      SigningAlgorithm algorithm,
      List<X509Certificate> certificatePath,
      String claimsJson,
      String tokenDigest,
      Instant verifiedAt) {
    this.result = result;
    this.keyId = keyId;
    this.algorithm = algorithm;
    this.certificatePath = List.copyOf(certificatePath);
    this.claimsJson = claimsJson;
    this.tokenDigest = tokenDigest;
    this.verifiedAt = verifiedAt;
  }

  /**
   * Returns the result.
   *
   * @return the result
   */
  public AttestationResult result() {
    return result;
  }

  /**
   * Returns the key that verified the token: its {@code kid}, or for an {@code x5c} token without a
   * {@code kid}, the lower-case hex SHA-256 of the leaf's SubjectPublicKeyInfo.
   *
   * @return the key id
   */
  public String keyId() {
    return keyId;
  }

  /**
   * Returns the token's signature algorithm.
   *
   * @return the algorithm
   */
  public SigningAlgorithm algorithm() {
    return algorithm;
  }

  /**
   * Returns the validated certificate path (leaf first, trust anchor last) when the key came from
   * {@code x5c}.
   *
   * @return an unmodifiable list; empty when the key came from the key set
   */
  public List<X509Certificate> certificatePath() {
    return certificatePath;
  }

  /**
   * Returns the token's claims as the JSON text it carried.
   *
   * @return a JSON object
   */
  public String claimsJson() {
    return claimsJson;
  }

  /**
   * Returns the digest of the compact token, to reference it from events and logs.
   *
   * @return {@code sha256:} and 64 lower-case hex digits
   */
  public String tokenDigest() {
    return tokenDigest;
  }

  /**
   * Returns the verification time, from the verifier's clock.
   *
   * @return the instant
   */
  public Instant verifiedAt() {
    return verifiedAt;
  }

  @Override
  public String toString() {
    return "Verified" + result + "[kid=" + keyId + ", " + algorithm.jwsName() + "]";
  }
}
