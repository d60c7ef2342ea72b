package io.souverix.drift.rollout;

import java.util.Objects;

/**
 * A rollout operation was rejected or its store failed; {@link #code()} says which.
 *
 * @since 0.1
 */
public final class RolloutException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why an operation failed; stable for callers and scripts. */
  public enum Code {
    /** The plan is not valid JSON. */
    MALFORMED_PLAN,
    /** The plan is well-formed but a member is missing, of the wrong type or out of range. */
    INVALID_PLAN,
    /** A rollout with this id was already started. */
    ALREADY_EXISTS,
    /** No rollout with this id was started. */
    NOT_FOUND,
    /** The node is not a target of the rollout. */
    UNKNOWN_NODE,
    /** The operation does not apply in the rollout's phase (e.g. resuming a running rollout). */
    ILLEGAL_STATE,
    /** Another coordinator wrote to the rollout's stream since this one read it. */
    CONFLICT,
    /** The event store failed or holds a rollout stream this version cannot read. */
    STORE_FAILURE
  }

  private final Code code;

  RolloutException(Code code, String message) {
    super(Objects.requireNonNull(message, "message"));
    this.code = Objects.requireNonNull(code, "code");
  }

  RolloutException(Code code, String message, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  /**
   * Returns why the operation failed.
   *
   * @return the code
   */
  public Code code() {
    return code;
  }
}
