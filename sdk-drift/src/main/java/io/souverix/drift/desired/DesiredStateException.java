package io.souverix.drift.desired;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Publishing, applying or reporting desired state failed; {@link #code()} says why.
 *
 * @since 0.1
 */
public final class DesiredStateException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why an operation failed; stable for callers and scripts. */
  public enum Code {
    /**
     * The transport refused or failed a send or poll. For a publish the change is kept and sent
     * again, unchanged, by the next publish or {@link DesiredStateMaster#flush()}.
     */
    TRANSPORT_FAILED,
    /** The {@link io.souverix.lifecycle.spi.Signer} failed; nothing was changed or sent. */
    SIGNING_FAILED,
    /** A payload or checkpoint is not what this package writes. */
    MALFORMED,
    /** The host's {@link DesiredStateStore} failed to load or save. */
    STORE_FAILED,
    /** The host's {@link ChangeHandler} failed; the change stays unapplied and is offered again. */
    APPLY_FAILED,
    /** A timestamp read back at recovery is further ahead of the clock than its drift bound. */
    CLOCK_AHEAD
  }

  private final Code code;

  /**
   * Creates the exception.
   *
   * @param code why; not null
   * @param message the message, {@code "<what>; expected <x>, but got <y>"}; not null
   * @param cause the underlying failure, or null
   * @since 0.1
   */
  public DesiredStateException(Code code, String message, @Nullable Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  /**
   * Returns why the operation failed.
   *
   * @return the code
   * @since 0.1
   */
  public Code code() {
    return code;
  }
}
