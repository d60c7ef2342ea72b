package io.souverix.kafka;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A failure of the Kafka event log or of a projection worker, with a stable {@link Code}.
 *
 * @since 0.1
 */
public final class EventLogException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Why an operation failed; the names are stable.
   *
   * @since 0.1
   */
  public enum Code {
    /** The broker did not acknowledge a published record (after the producer's own retries). */
    PUBLISH_FAILED,
    /** Another producer with the same transactional id took over: this worker must stop. */
    FENCED,
    /** A worker could not rebuild a shard's state from the output topic. */
    RESTORE_FAILED,
    /** Topics do not fit: e.g. the output topic has fewer partitions than the events topic. */
    CONFIGURATION,
    /** A record of the events topic is not an event envelope, or the fold rejected it. */
    INVALID_RECORD,
    /** The operation did not finish in time. */
    TIMEOUT,
    /** The calling thread was interrupted. */
    INTERRUPTED
  }

  private final Code code;

  private EventLogException(Code code, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /**
   * Creates an exception.
   *
   * @param code why; not null
   * @param message what failed, as {@code "<what>; expected <x>, but got <y>"} where it fits
   * @return the exception
   * @since 0.1
   */
  public static EventLogException of(Code code, String message) {
    return new EventLogException(Objects.requireNonNull(code, "code"), message, null);
  }

  /**
   * Creates an exception with a cause.
   *
   * @param code why; not null
   * @param message what failed
   * @param cause the underlying failure
   * @return the exception
   * @since 0.1
   */
  public static EventLogException of(Code code, String message, Throwable cause) {
    return new EventLogException(Objects.requireNonNull(code, "code"), message, cause);
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
