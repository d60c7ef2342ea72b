package io.souverix.attestation.result;

import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An attestation-result token was rejected. {@link #code()} tells why, stably; the message says
 * what was expected and what was found, without key material.
 *
 * @since 0.1
 */
public final class AttestationResultException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Stable reasons for rejecting a token. */
  public enum Code {
    /** Not a compact JWS, too large, or its header or claims are not an attestation result. */
    MALFORMED,
    /** {@code alg} is {@code none}, unknown, or not in the verifier's allow-list. */
    ALG_NOT_ALLOWED,
    /**
     * {@code alg} does not fit the selected key's type, curve, size, JWK {@code alg} or {@code
     * use}.
     */
    ALG_KEY_MISMATCH,
    /** The header has a {@code crit} parameter: no extension is understood. */
    CRIT_UNSUPPORTED,
    /** The header has no {@code kid}, or one not in the accepted key set. */
    UNKNOWN_KID,
    /**
     * The key is not trusted: an {@code x5c} chain that does not validate to a trust anchor, an
     * {@code x5c} without trust anchors, or a key offered by {@code jwk}, {@code jku} or {@code
     * x5u}.
     */
    UNTRUSTED_KEY,
    /** The signature does not verify with the selected key. */
    SIGNATURE_INVALID,
    /** {@code exp} has passed, beyond the allowed clock skew. */
    EXPIRED,
    /** {@code nbf} or {@code iat} is in the future, beyond the allowed clock skew. */
    NOT_YET_VALID,
    /** {@code iss} is not the expected issuer. */
    ISSUER_MISMATCH,
    /** {@code aud} does not include the expected audience. */
    AUDIENCE_MISMATCH,
    /** {@code eat_nonce} is not the expected nonce. */
    NONCE_MISMATCH
  }

  private final Code code;

  private AttestationResultException(Code code, String message, @Nullable Throwable cause) {
    super(code + ": " + message, cause);
    this.code = code;
  }

  static AttestationResultException of(Code code, String format, Object... args) {
    return new AttestationResultException(
        Objects.requireNonNull(code, "code"), String.format(Locale.ROOT, format, args), null);
  }

  static AttestationResultException of(Code code, Throwable cause, String format, Object... args) {
    return new AttestationResultException(
        Objects.requireNonNull(code, "code"), String.format(Locale.ROOT, format, args), cause);
  }

  /**
   * Returns why the token was rejected.
   *
   * @return the stable code
   */
  public Code code() {
    return code;
  }
}
