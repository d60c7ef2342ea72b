package io.souverix.lifecycle.spi;

import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An event store rejected an operation or failed. {@link #code()} tells which, so that callers and
 * the conformance kit never parse messages.
 *
 * @since 0.1
 */
public final class EventStoreException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Stable reasons for a store failure. */
  public enum Code {
    /** The stream is not at the expected version; nothing was written. */
    CONCURRENCY_CONFLICT,
    /** An event id is already recorded with different content, or a batch mixes old and new. */
    EVENT_ID_CONFLICT,
    /** An event was rejected: bad envelope, unknown type or schema violation. */
    INVALID_EVENT,
    /** The store holds data that fails its own integrity checks. */
    CORRUPTED,
    /** The store is closed. */
    CLOSED,
    /** The storage medium or connection failed; the outcome of a write is unknown. */
    STORAGE_FAILURE,
    /** A store adapter broke the SPI's contract (caught by the SDK's guard). */
    ADAPTER_FAILURE
  }

  private final Code code;
  private final long expectedVersion;
  private final long actualVersion;

  private EventStoreException(
      Code code, String message, long expected, long actual, @Nullable Throwable cause) {
    super(message, cause);
    this.code = code;
    this.expectedVersion = expected;
    this.actualVersion = actual;
  }

  /**
   * Creates an exception with a code and message.
   *
   * @param code the reason; not null
   * @param message what happened, in the shape "what; expected x, but got y"
   * @return the exception
   */
  public static EventStoreException of(Code code, String message) {
    return new EventStoreException(Objects.requireNonNull(code, "code"), message, -1, -1, null);
  }

  /**
   * Creates an exception with a code, message and cause.
   *
   * @param code the reason; not null
   * @param message what happened
   * @param cause the underlying failure
   * @return the exception
   */
  public static EventStoreException of(Code code, String message, Throwable cause) {
    return new EventStoreException(Objects.requireNonNull(code, "code"), message, -1, -1, cause);
  }

  /**
   * Creates a {@link Code#CONCURRENCY_CONFLICT}.
   *
   * @param streamId the stream
   * @param expected the expected version
   * @param actual the stream's version
   * @return the exception
   */
  public static EventStoreException conflict(String streamId, long expected, long actual) {
    return new EventStoreException(
        Code.CONCURRENCY_CONFLICT,
        String.format(
            Locale.ROOT,
            "stream '%s' moved on; expected version %d, but got %d",
            streamId,
            expected,
            actual),
        expected,
        actual,
        null);
  }

  /**
   * @return the stable reason
   */
  public Code code() {
    return code;
  }

  /**
   * @return the expected version of a conflict, or -1
   */
  public long expectedVersion() {
    return expectedVersion;
  }

  /**
   * @return the actual version of a conflict, or -1
   */
  public long actualVersion() {
    return actualVersion;
  }

  /**
   * Creates a {@link Code#CORRUPTED} for a stored event that cannot be read back as an envelope.
   *
   * @param position the event's global position
   * @param cause why it cannot be read, typically from {@code RecordedEvent.parse}
   * @return the exception
   */
  public static EventStoreException corrupted(long position, Throwable cause) {
    return new EventStoreException(
        Code.CORRUPTED,
        String.format(
            Locale.ROOT,
            "stored event at position %d; expected a well-formed envelope, but got %s",
            position,
            cause.getMessage()),
        -1,
        -1,
        Objects.requireNonNull(cause, "cause"));
  }
}
