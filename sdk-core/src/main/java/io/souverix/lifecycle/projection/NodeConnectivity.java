package io.souverix.lifecycle.projection;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A node's connectivity: its current state, since when, its most recent changes, and how long it
 * has spent offline and autonomous.
 *
 * <p>Totals cover closed intervals, up to the latest change; {@link #offlineTotalAt(Instant)} and
 * {@link #autonomousTotalAt(Instant)} add the open interval up to a given time. Intervals use the
 * events' {@code occurredAt}; a change reported earlier than the previous one adds nothing.
 *
 * @param nodeId the node
 * @param state the current state
 * @param since when the current state began
 * @param history the most recent changes, oldest first, at most {@link Connectivity#HISTORY_LIMIT}
 * @param changes how many changes were reported in all
 * @param offlineTotal time spent in {@code offline}, closed intervals only
 * @param autonomousTotal time spent in {@code autonomous}, closed intervals only
 * @since 0.1
 */
public record NodeConnectivity(
    String nodeId,
    String state,
    Instant since,
    List<ConnectivityChange> history,
    long changes,
    Duration offlineTotal,
    Duration autonomousTotal) {
  /** Validates and copies. */
  public NodeConnectivity {
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(since, "since");
    history = List.copyOf(history);
    Objects.requireNonNull(offlineTotal, "offlineTotal");
    Objects.requireNonNull(autonomousTotal, "autonomousTotal");
  }

  /**
   * Returns the time spent offline up to {@code now}, including the current interval.
   *
   * @param now the time to measure to; not null
   * @return the total, never negative
   * @since 0.1
   */
  public Duration offlineTotalAt(Instant now) {
    return "offline".equals(state) ? offlineTotal.plus(open(now)) : offlineTotal;
  }

  /**
   * Returns the time spent autonomous up to {@code now}, including the current interval.
   *
   * @param now the time to measure to; not null
   * @return the total, never negative
   * @since 0.1
   */
  public Duration autonomousTotalAt(Instant now) {
    return "autonomous".equals(state) ? autonomousTotal.plus(open(now)) : autonomousTotal;
  }

  private Duration open(Instant now) {
    Duration d = Duration.between(since, Objects.requireNonNull(now, "now"));
    return d.isNegative() ? Duration.ZERO : d;
  }
}
