package io.souverix.lifecycle.spi;

import io.souverix.lifecycle.event.RecordedEvent;

/**
 * Receives events from a {@link Subscription}, in global order, one at a time.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface EventListener {
  /**
   * Handles one event. A thrown exception stops the subscription; {@link Subscription#failure()}
   * then reports it and the subscription's position stays at this event, so a new subscription from
   * that position retries it.
   *
   * @param event the next event
   * @throws Exception to stop the subscription
   */
  void onEvent(RecordedEvent event) throws Exception;
}
