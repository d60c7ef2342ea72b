package io.souverix.lifecycle.spi;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Transport} refused an envelope or an operation, or failed. {@link #code()} tells which,
 * so that callers and the conformance kit never parse messages.
 *
 * @since 0.1
 */
public final class TransportException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Stable reasons for a transport failure. */
  public enum Code {
    /** The envelope carries no signature; it is never delivered. */
    UNSIGNED,
    /** The host's key resolver knows no key of that id for the envelope's sender. */
    UNKNOWN_KEY,
    /** The signature does not verify over the envelope's canonical bytes with the sender's key. */
    SIGNATURE_INVALID,
    /** The envelope or a message of the wire protocol is not well-formed. */
    MALFORMED,
    /** The envelope or request is larger than the transport accepts. */
    TOO_LARGE,
    /** The cursor was not issued by this transport for this channel. */
    INVALID_CURSOR,
    /**
     * The receiving side is full; nothing was accepted. Retry later, after {@link #retryAfter()}
     * when present.
     */
    OVERLOADED,
    /** The peer refused the connection or the caller (for example a failed TLS handshake). */
    REFUSED,
    /** The peer or medium could not be reached or failed; the outcome of a send is unknown. */
    UNAVAILABLE,
    /** The transport is closed. */
    CLOSED
  }

  private final Code code;
  private final @Nullable Duration retryAfter;

  private TransportException(
      Code code, String message, @Nullable Duration retryAfter, @Nullable Throwable cause) {
    super(message, cause);
    this.code = code;
    this.retryAfter = retryAfter;
  }

  /**
   * Creates an exception.
   *
   * @param code the reason; not null
   * @param message what happened, in the shape "what; expected x, but got y"
   * @return the exception
   */
  public static TransportException of(Code code, String message) {
    return new TransportException(Objects.requireNonNull(code, "code"), message, null, null);
  }

  /**
   * Creates an exception with a cause.
   *
   * @param code the reason; not null
   * @param message what happened
   * @param cause the underlying failure, or null
   * @return the exception
   */
  public static TransportException of(Code code, String message, @Nullable Throwable cause) {
    return new TransportException(Objects.requireNonNull(code, "code"), message, null, cause);
  }

  /**
   * Creates an {@link Code#OVERLOADED} exception.
   *
   * @param message what happened
   * @param retryAfter how long the peer asked the caller to wait, or null if it did not say
   * @return the exception
   */
  public static TransportException overloaded(String message, @Nullable Duration retryAfter) {
    return new TransportException(Code.OVERLOADED, message, retryAfter, null);
  }

  /**
   * Returns the reason.
   *
   * @return the stable code
   */
  public Code code() {
    return code;
  }

  /**
   * Returns how long the peer asked the caller to wait before retrying, for {@link
   * Code#OVERLOADED}.
   *
   * @return the wait, or empty if none was given
   */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
