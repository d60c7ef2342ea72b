package io.souverix.supplychain.firmware;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A firmware manifest, image or update that was rejected; the code names the failing step.
 *
 * @since 0.1
 */
public final class FirmwareException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The step that failed; stable, for callers to branch on. */
  public enum Code {
    /** The manifest or signature chain cannot be read. */
    MANIFEST_MALFORMED,
    /** The signature's algorithm is not one the SDK verifies. */
    ALGORITHM_NOT_ALLOWED,
    /** The vendor certificate does not chain to a trusted vendor root. */
    CHAIN_UNTRUSTED,
    /** The vendor certificate's key does not fit the signature's algorithm. */
    KEY_ALGORITHM_MISMATCH,
    /** The manifest signature does not verify. */
    SIGNATURE_INVALID,
    /** The image's digest is not the manifest's. */
    DIGEST_MISMATCH,
    /** The image's digest is not in the catalogue of verified manifests. */
    UNKNOWN_IMAGE,
    /** The update lowers the security version and no rollback override was given. */
    ROLLBACK_REJECTED,
    /** The node's firmware history cannot be read (no baseline, or an event out of place). */
    HISTORY_INVALID,
    /** The signer failed while signing. */
    SIGNING_FAILED
  }

  private final Code code;

  FirmwareException(Code code, String message) {
    this(code, message, null);
  }

  FirmwareException(Code code, String message, @Nullable Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.code = Objects.requireNonNull(code, "code");
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
}
