package io.souverix.lifecycle.port;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A node went autonomous (lost its link to the control plane and runs on its own) or came back.
 *
 * @param nodeId the node
 * @param autonomous true when the node went autonomous, false when it came back
 * @param at when the transition happened
 * @param position the global position the transition takes effect after: events recorded above it
 *     are recorded while autonomous (going) or after the return (coming back)
 * @since 0.1
 */
public record AutonomyTransition(String nodeId, boolean autonomous, Instant at, long position) {
  /** Validates. */
  public AutonomyTransition {
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(at, "at");
    if (position < 0) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT, "transition position; expected at least 0, but got %d", position));
    }
  }
}
