package io.souverix.lifecycle.spi;

import java.util.Objects;

/**
 * An envelope a {@link Transport} found in a channel and did not deliver because it failed
 * verification: the dead letter a poll reports instead of delivering it.
 *
 * @param envelope the envelope as received
 * @param cursor the cursor just after it
 * @param code why: {@code UNSIGNED}, {@code UNKNOWN_KEY} or {@code SIGNATURE_INVALID}
 * @param reason a message for a person
 * @since 0.1
 */
public record Rejection(
    TransportEnvelope envelope,
    TransportCursor cursor,
    TransportException.Code code,
    String reason) {
  /** Checks that no component is null. */
  public Rejection {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(cursor, "cursor");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(reason, "reason");
  }

  /**
   * Creates the rejection of an envelope that failed {@link Delivery#verify}.
   *
   * @param envelope the envelope
   * @param cursor the cursor just after it
   * @param failure the verification failure
   * @return the rejection
   */
  public static Rejection of(
      TransportEnvelope envelope, TransportCursor cursor, TransportException failure) {
    return new Rejection(envelope, cursor, failure.code(), String.valueOf(failure.getMessage()));
  }
}
