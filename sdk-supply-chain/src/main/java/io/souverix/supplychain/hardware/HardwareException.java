package io.souverix.supplychain.hardware;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A hardware supply-chain record or signature that was rejected; the code names the failing step.
 *
 * @since 0.1
 */
public final class HardwareException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The step that failed; stable, for callers to branch on. */
  public enum Code {
    /** The record or payload is not a manufacturing record (missing or malformed fields). */
    RECORD_MALFORMED,
    /** The record carries no QC signature. */
    SIGNATURE_MISSING,
    /** The signature text is not {@code <alg>.<signature>.<certificate>...} in base64url. */
    SIGNATURE_MALFORMED,
    /** The signature's algorithm is not one the SDK verifies. */
    ALGORITHM_NOT_ALLOWED,
    /** The signing certificate does not chain to a trusted root; see {@link #chainReason()}. */
    CHAIN_UNTRUSTED,
    /** The signing certificate's key does not fit the signature's algorithm. */
    KEY_ALGORITHM_MISMATCH,
    /** The signature does not verify over the canonical JSON with the certificate's key. */
    SIGNATURE_INVALID,
    /** The signer failed while signing. */
    SIGNING_FAILED
  }

  private final Code code;
  private final @Nullable String chainReason;

  HardwareException(Code code, String message) {
    this(code, message, null, null);
  }

  HardwareException(
      Code code, String message, @Nullable String chainReason, @Nullable Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.code = Objects.requireNonNull(code, "code");
    this.chainReason = chainReason;
  }

  /**
   * Returns the failing step.
   *
   * @return the code
   * @since 0.1
   */
  public Code code() {
    return code;
  }

  /**
   * Returns the chain validator's reason code when the code is {@link Code#CHAIN_UNTRUSTED}.
   *
   * @return the validator's reason, or null for other codes
   * @since 0.1
   */
  public @Nullable String chainReason() {
    return chainReason;
  }
}
