package io.souverix.lifecycle.projection;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The in-memory checkpoint store: one map entry per key, replaced as a whole. */
final class InMemoryCheckpointStore implements CheckpointStore {
  private final ConcurrentMap<CheckpointKey, Checkpoint<?>> checkpoints = new ConcurrentHashMap<>();

  @Override
  public Optional<Checkpoint<?>> load(CheckpointKey key) {
    return Optional.ofNullable(checkpoints.get(Objects.requireNonNull(key, "key")));
  }

  @Override
  public void save(Checkpoint<?> checkpoint) {
    Objects.requireNonNull(checkpoint, "checkpoint");
    checkpoints.compute(
        checkpoint.key(),
        (k, old) -> {
          if (old != null && old.position() > checkpoint.position()) {
            throw new IllegalArgumentException(
                String.format(
                    Locale.ROOT,
                    "checkpoint of %s; expected position at least %d, but got %d",
                    k,
                    old.position(),
                    checkpoint.position()));
          }
          return checkpoint;
        });
  }

  @Override
  public void delete(CheckpointKey key) {
    checkpoints.remove(Objects.requireNonNull(key, "key"));
  }
}
