package io.souverix.supplychain.version;

import java.util.Objects;

/**
 * A version string or a range that a scheme cannot read, or versions of two schemes compared.
 *
 * @since 0.1
 */
public final class VersionException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What was rejected; stable, for callers to branch on. */
  public enum Code {
    /** The text is not a version of the scheme. */
    MALFORMED_VERSION,
    /** The text is not a range of the scheme, or the range is empty by construction. */
    MALFORMED_RANGE,
    /** Two versions (or a version and a range) of different schemes were compared. */
    SCHEME_MISMATCH
  }

  private final Code code;

  VersionException(Code code, String message) {
    super(Objects.requireNonNull(message, "message"));
    this.code = Objects.requireNonNull(code, "code");
  }

  /**
   * Returns what was rejected.
   *
   * @return the code
   * @since 0.1
   */
  public Code code() {
    return code;
  }
}
