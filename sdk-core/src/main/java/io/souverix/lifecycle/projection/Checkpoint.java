package io.souverix.lifecycle.projection;

import java.util.Locale;
import java.util.Objects;

/**
 * A projection's saved progress: a snapshot of its state together with the global position of the
 * last event folded into it. Both are saved and loaded as one value, so a reader never sees a
 * position without its matching state.
 *
 * @param <S> the snapshot type
 * @param key which projection and partition
 * @param position the last global position reflected in {@code snapshot}, 0 for none
 * @param snapshot the projection's state at {@code position}; immutable
 * @since 0.1
 */
public record Checkpoint<S>(CheckpointKey key, long position, S snapshot) {
  /**
   * Validates the checkpoint.
   *
   * @throws IllegalArgumentException if {@code position} is negative
   */
  public Checkpoint {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(snapshot, "snapshot");
    if (position < 0) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT, "checkpoint position; expected at least 0, but got %d", position));
    }
  }
}
