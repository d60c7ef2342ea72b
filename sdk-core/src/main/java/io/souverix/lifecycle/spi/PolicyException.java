package io.souverix.lifecycle.spi;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A policy could not be evaluated: it does not compile, does not yield a decision, failed at run
 * time, gave no result, its input is not acceptable, or its engine did not answer in time. Distinct
 * from a denial, which is a {@link Decision}: callers must never treat this exception as "deny"
 * without saying so (fail closed, but visibly).
 *
 * @since 0.1
 */
public final class PolicyException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why a policy could not be evaluated; stable, for programs to act on. */
  public enum Code {
    /** The policy source does not parse or does not type-check. */
    COMPILE_ERROR,
    /** The policy yields something other than a decision (a boolean, for CEL). */
    NOT_BOOLEAN,
    /** Evaluation failed, for example on a field the input does not have. */
    EVALUATION_ERROR,
    /** The input is not a JSON object. */
    INVALID_INPUT,
    /** The engine holds no policy of that name. */
    UNKNOWN_POLICY,
    /**
     * The policy produced no result for the input (OPA's "undefined"): neither an allow nor a deny.
     */
    UNDEFINED,
    /** A remote engine did not answer within the configured timeout. */
    TIMEOUT,
    /**
     * A remote engine could not be reached or failed (connection refused, server error after the
     * retries, an open circuit breaker).
     */
    UNAVAILABLE
  }

  /**
   * A place in a policy's source.
   *
   * @param line line number, from 1
   * @param column column, from 1, counted in Unicode code points
   */
  public record Position(int line, int column) {
    /**
     * Checks the numbers.
     *
     * @param line line number, from 1
     * @param column column, from 1
     * @throws IllegalArgumentException if either is below 1
     */
    public Position {
      if (line < 1 || column < 1) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "position; expected line and column from 1, but got %d:%d",
                line,
                column));
      }
    }

    @Override
    public String toString() {
      return line + ":" + column;
    }
  }

  private final Code code;
  private final String policy;
  private final @Nullable Position position;

  /**
   * Creates the exception.
   *
   * @param code why
   * @param policy the name of the policy concerned
   * @param position where in its source, if known
   * @param message a human-readable explanation
   * @param cause the underlying failure, if any
   */
  public PolicyException(
      Code code,
      String policy,
      @Nullable Position position,
      String message,
      @Nullable Throwable cause) {
    super(
        String.format(
            Locale.ROOT,
            "policy %s: %s%s",
            Objects.requireNonNull(policy, "policy"),
            position == null ? "" : position + ": ",
            Objects.requireNonNull(message, "message")),
        cause);
    this.code = Objects.requireNonNull(code, "code");
    this.policy = policy;
    this.position = position;
  }

  /**
   * Why the policy could not be evaluated.
   *
   * @return the stable code
   */
  public Code code() {
    return code;
  }

  /**
   * The policy concerned.
   *
   * @return its name
   */
  public String policy() {
    return policy;
  }

  /**
   * Where in the policy's source the error is, when the engine knows.
   *
   * @return the position, or empty
   */
  public Optional<Position> position() {
    return Optional.ofNullable(position);
  }
}
