package io.souverix.lifecycle.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * A running subscription to a store's global order: it first catches up from its start position,
 * then follows new appends.
 *
 * @since 0.1
 */
public interface Subscription extends AutoCloseable {
  /**
   * Returns the position of the next event to deliver.
   *
   * @return a 1-based position
   */
  long position();

  /**
   * Waits until every event up to {@code position} has been delivered, the subscription failed, or
   * the timeout passed.
   *
   * @param position the last position to wait for
   * @param timeout how long to wait at most
   * @return true if delivered up to {@code position}
   * @throws InterruptedException if interrupted while waiting
   */
  boolean awaitDelivered(long position, Duration timeout) throws InterruptedException;

  /**
   * Returns why the subscription stopped, if it failed.
   *
   * @return the listener's or the store's failure
   */
  Optional<Throwable> failure();

  /** Stops delivery; idempotent. Does not throw. */
  @Override
  void close();
}
