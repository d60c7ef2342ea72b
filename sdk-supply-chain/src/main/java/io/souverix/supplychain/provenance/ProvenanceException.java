package io.souverix.supplychain.provenance;

import java.util.Objects;

/**
 * Input that cannot be read as what it claims to be: a Sigstore bundle, a trusted root, a public
 * key or an in-toto statement. A readable input that fails verification is not an exception but an
 * invalid {@link ProvenanceResult}.
 *
 * @since 0.1
 */
public final class ProvenanceException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What could not be read; stable, for callers to branch on. */
  public enum Code {
    /** The bundle is not JSON, or not a Sigstore bundle of a supported media type and shape. */
    BUNDLE_UNREADABLE,
    /** The trusted root is not JSON, or not a Sigstore {@code trusted_root.json}. */
    TRUSTED_ROOT_UNREADABLE,
    /** The public key is not a PEM {@code PUBLIC KEY} of a supported algorithm. */
    KEY_UNREADABLE,
    /** A DSSE payload is not an in-toto Statement v1. */
    STATEMENT_UNREADABLE
  }

  private final Code code;

  ProvenanceException(Code code, String message) {
    super(Objects.requireNonNull(message, "message"));
    this.code = Objects.requireNonNull(code, "code");
  }

  ProvenanceException(Code code, String message, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  /**
   * Returns what could not be read.
   *
   * @return the code
   * @since 0.1
   */
  public Code code() {
    return code;
  }
}
