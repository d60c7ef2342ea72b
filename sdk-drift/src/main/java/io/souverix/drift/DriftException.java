package io.souverix.drift;

import java.util.Objects;

/**
 * A drift or sync-debt input document was rejected; {@link #code()} says why.
 *
 * @since 0.1
 */
public final class DriftException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why an input was rejected; stable for callers and scripts. */
  public enum Code {
    /** The text is not one JSON object. */
    MALFORMED_JSON,
    /** The JSON is well-formed but a member is missing, of the wrong type or out of range. */
    INVALID_INPUT
  }

  private final Code code;

  DriftException(Code code, String message) {
    super(Objects.requireNonNull(message, "message"));
    this.code = Objects.requireNonNull(code, "code");
  }

  DriftException(Code code, String message, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  /**
   * Returns why the input was rejected.
   *
   * @return the code
   * @since 0.1
   */
  public Code code() {
    return code;
  }
}
