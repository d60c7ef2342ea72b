package io.souverix.drift.connectivity;

import io.souverix.lifecycle.event.EventType;
import io.souverix.lifecycle.event.NewEvent;
import io.souverix.lifecycle.event.Payload;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A change of a node's {@link LinkState}, with the reason a person can read.
 *
 * @param node the node id
 * @param from the state before
 * @param to the state after; never equal to {@code from}
 * @param at when the change was decided
 * @param reason why, for example {@code "no heartbeat for PT1M30S"}
 * @since 0.1
 */
public record LinkTransition(String node, LinkState from, LinkState to, Instant at, String reason) {
  /**
   * Checks the fields.
   *
   * @throws IllegalArgumentException if {@code from} equals {@code to}
   */
  public LinkTransition {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(reason, "reason");
    if (from == to) {
      throw new IllegalArgumentException("a transition changes the state; got " + from + " twice");
    }
  }

  /**
   * Returns the {@code node.connectivity_changed} event that records this change, for the node's
   * stream.
   *
   * @param eventId the event's id (see {@code EventIds}); not null
   * @param actor who decided it, for example the monitoring service's id; not null
   * @return the event, occurred at {@link #at()}
   */
  public NewEvent toEvent(UUID eventId, String actor) {
    return NewEvent.builder(EventType.NODE_CONNECTIVITY_CHANGED)
        .eventId(eventId)
        .occurredAt(at)
        .actor(actor)
        .payload(Payload.of("state", to.label(), "reason", reason))
        .build();
  }
}
