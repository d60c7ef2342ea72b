package io.souverix.drift.federation;

import java.util.Objects;

/**
 * A federation exchange was refused; {@link #code()} says why. Nothing of a refused exchange is
 * applied.
 *
 * @since 0.1
 */
public final class FederationException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why an exchange or write was refused; stable for callers and scripts. */
  public enum Code {
    /**
     * A remote timestamp is further ahead of the local physical clock than the allowed drift: the
     * remote clock is wrong, and accepting it would drag every later local timestamp with it.
     */
    CLOCK_AHEAD,
    /** An update claims an authority its sender does not hold (a region writing as global). */
    AUTHORITY_MISMATCH,
    /** A request names another region than the receiver's, or a cursor it never handed out. */
    INVALID_REQUEST,
    /** A local write was refused by the region's policy (no local autonomy, or isolated). */
    LOCAL_WRITE_REFUSED,
    /** The upstream could not be reached; for {@link Upstream} implementations. */
    UNREACHABLE
  }

  private final Code code;

  /**
   * Creates the exception.
   *
   * @param code why; not null
   * @param message the message, {@code "<what>; expected <x>, but got <y>"}; not null
   * @since 0.1
   */
  public FederationException(Code code, String message) {
    super(Objects.requireNonNull(message, "message"));
    this.code = Objects.requireNonNull(code, "code");
  }

  /**
   * Returns why the exchange was refused.
   *
   * @return the code
   * @since 0.1
   */
  public Code code() {
    return code;
  }
}
