package io.souverix.lifecycle.projection;

import java.util.Optional;

/**
 * Stores projection checkpoints: each a snapshot of a projection's state plus the position it
 * reflects, saved atomically.
 *
 * <p>Implementations must replace a checkpoint as a whole ({@link #save} is atomic: a concurrent or
 * later {@link #load} sees the old or the new checkpoint, never a mix) and must never move a key's
 * position backwards except through {@link #delete}. Durable stores persist the snapshot with a
 * codec of their own; the in-memory store keeps the snapshot object, which is immutable by contract
 * of {@link Projection#snapshot()}.
 *
 * @since 0.1
 */
public interface CheckpointStore {
  /**
   * Loads the checkpoint of a key.
   *
   * @param key the projection and partition; not null
   * @return the checkpoint, or empty if none was saved
   * @since 0.1
   */
  Optional<Checkpoint<?>> load(CheckpointKey key);

  /**
   * Saves a checkpoint, replacing the key's previous one atomically.
   *
   * @param checkpoint the checkpoint; not null
   * @throws IllegalArgumentException if its position is below the saved position of the same key
   * @since 0.1
   */
  void save(Checkpoint<?> checkpoint);

  /**
   * Deletes a key's checkpoint, e.g. before a rebuild from position 0.
   *
   * @param key the projection and partition; not null
   * @since 0.1
   */
  void delete(CheckpointKey key);

  /**
   * Creates a checkpoint store that lives in memory, for tests and single-process deployments.
   *
   * @return a new empty store; thread-safe
   * @since 0.1
   */
  static CheckpointStore inMemory() {
    return new InMemoryCheckpointStore();
  }
}
