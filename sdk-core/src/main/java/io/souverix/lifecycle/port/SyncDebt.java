package io.souverix.lifecycle.port;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a node owes on return from autonomy: the events recorded for it (its own stream and its
 * software components' streams) while it was autonomous and not yet replayed to it.
 *
 * <p>A placeholder for the design's full {@code SyncDebt} view: it counts events and does not yet
 * size the backlog in bytes or estimate a replay time.
 *
 * @param nodeId the node
 * @param autonomous whether the node is autonomous now
 * @param since when the unreplayed window began, or null if there is no debt window
 * @param fromPosition the window's exclusive lower bound (global position)
 * @param toPosition the window's inclusive upper bound; the head if still autonomous
 * @param eventsMissed how many events for the node lie in the window
 * @since 0.1
 */
public record SyncDebt(
    String nodeId,
    boolean autonomous,
    @Nullable Instant since,
    long fromPosition,
    long toPosition,
    long eventsMissed) {
  /** Validates. */
  public SyncDebt {
    Objects.requireNonNull(nodeId, "nodeId");
    if (eventsMissed < 0) {
      throw new IllegalArgumentException("eventsMissed must not be negative");
    }
  }

  /**
   * Returns the debt of a node that owes nothing.
   *
   * @param nodeId the node; not null
   * @return a debt of zero events
   * @since 0.1
   */
  public static SyncDebt none(String nodeId) {
    return new SyncDebt(nodeId, false, null, 0, 0, 0);
  }
}
