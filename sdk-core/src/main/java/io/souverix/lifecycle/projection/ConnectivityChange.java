package io.souverix.lifecycle.projection;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One change of a node's connectivity, from a {@code node.connectivity_changed} event.
 *
 * @param at when the change happened ({@code occurredAt})
 * @param from the previous state, or null for the first report
 * @param to the new state ({@code connected}, {@code degraded}, {@code intermittent}, {@code
 *     autonomous}, {@code offline})
 * @param reason the reported reason, or null
 * @param position the event's global position
 * @since 0.1
 */
public record ConnectivityChange(
    Instant at, @Nullable String from, String to, @Nullable String reason, long position) {
  /** Validates the change. */
  public ConnectivityChange {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(to, "to");
  }
}
