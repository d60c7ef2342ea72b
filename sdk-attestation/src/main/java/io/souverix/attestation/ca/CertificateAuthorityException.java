package io.souverix.attestation.ca;

import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A certificate authority operation was rejected or failed. {@link #code()} tells why; in every
 * case nothing was recorded and no certificate or CRL was returned.
 *
 * @since 0.1
 */
public final class CertificateAuthorityException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Stable reasons for a rejected or failed operation. */
  public enum Code {
    /** The PKCS#10 request is not parseable, too large or not a certification request. */
    INVALID_CSR,
    /** The request's signature does not verify with the public key it carries. */
    PROOF_OF_POSSESSION_FAILED,
    /** The subject key is outside the key policy of the trust chain validator. */
    WEAK_KEY,
    /** The request does not satisfy its profile (names, validity). */
    PROFILE_VIOLATION,
    /** The node is not a registered component of the event store. */
    UNKNOWN_NODE,
    /** The node's stream is closed (decommissioned or retired); nothing more is issued to it. */
    NODE_CLOSED,
    /** No certificate with this serial was issued by this certificate authority. */
    UNKNOWN_CERTIFICATE,
    /** The certificate is already revoked. */
    ALREADY_REVOKED,
    /** The issued certificate did not validate to the trust anchors, so it was discarded. */
    CHAIN_INVALID,
    /** The signer could not sign. */
    SIGNER_FAILURE,
    /** Another writer appended to the stream meanwhile; reload and retry. */
    CONCURRENT_MODIFICATION,
    /** The event store failed. */
    STORE_FAILURE
  }

  private final Code code;

  CertificateAuthorityException(Code code, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  static CertificateAuthorityException of(Code code, String format, Object... args) {
    return new CertificateAuthorityException(code, String.format(Locale.ROOT, format, args), null);
  }

  /**
   * Returns the reason.
   *
   * @return the stable code
   */
  public Code code() {
    return code;
  }
}
