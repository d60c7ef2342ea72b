package io.souverix.lifecycle.projection;

import io.souverix.lifecycle.event.RecordedEvent;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A read model built only from events: it folds events, in global order, into a state it can
 * snapshot, restore and merge.
 *
 * <p>A {@link ProjectionRunner} drives a projection: it calls {@link #apply} once per event after
 * the projection's checkpoint, in increasing position, from one thread at a time, and skips any
 * event at or below the position already applied, so re-delivery is a no-op. A projection must be
 * deterministic: the same events give the same state, whichever worker folds them. For
 * partitioning, a projection's state must be keyed by stream (or by something derived from the
 * stream id alone), so that the {@link #merge} of the partitions' snapshots equals the snapshot of
 * one worker that saw every event.
 *
 * <p>Readers may query a projection while it is being fed from another thread; built-in projections
 * publish immutable per-component values through concurrent maps for that.
 *
 * @param <S> the immutable snapshot type
 * @since 0.1
 */
public interface Projection<S> {
  /**
   * Returns the projection's stable name, used in checkpoint keys.
   *
   * @return a non-empty name such as {@code "current-state"}
   * @since 0.1
   */
  String name();

  /**
   * Folds one event into the state. Events of a type the projection does not use are ignored.
   *
   * @param event the next event of the global order; not null
   * @since 0.1
   */
  void apply(RecordedEvent event);

  /**
   * Returns a snapshot of the current state that later {@link #apply} calls do not change.
   *
   * @return an immutable snapshot
   * @since 0.1
   */
  S snapshot();

  /**
   * Replaces the state with a snapshot, or with the empty state.
   *
   * @param snapshot a snapshot from {@link #snapshot()} or {@link #merge}, or null for empty
   * @since 0.1
   */
  void restore(@Nullable S snapshot);

  /**
   * Combines the snapshots of the partitions of one {@link Partitioning} into the snapshot a single
   * worker would have built.
   *
   * @param partials one snapshot per partition; not null
   * @return the merged snapshot
   * @since 0.1
   */
  S merge(List<S> partials);
}
