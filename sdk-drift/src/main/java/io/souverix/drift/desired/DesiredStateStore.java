package io.souverix.drift.desired;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where a {@link DesiredStateNode} keeps its {@link NodeCheckpoint} across restarts; the host
 * implements it (a file written atomically, a row in the node's SQLite store). {@link
 * NodeCheckpoint#toJson()} and {@link NodeCheckpoint#parse(String)} give a text form to store.
 *
 * <p>{@link #save} must replace the checkpoint whole or not at all: a node that crashes during a
 * save resumes from the previous checkpoint, and the changes after it are delivered and applied
 * again (harmless: applying is idempotent).
 *
 * @since 0.1
 */
public interface DesiredStateStore {
  /**
   * Loads the last saved checkpoint.
   *
   * @return the checkpoint, or empty if none was ever saved
   * @throws IOException if it cannot be read
   */
  Optional<NodeCheckpoint> load() throws IOException;

  /**
   * Replaces the checkpoint, atomically.
   *
   * @param checkpoint the checkpoint; not null
   * @throws IOException if it cannot be written; the previous checkpoint stays
   */
  void save(NodeCheckpoint checkpoint) throws IOException;

  /**
   * Returns a store in memory, for tests and for nodes that rebuild their state at start.
   *
   * @return an empty store
   * @since 0.1
   */
  static DesiredStateStore inMemory() {
    return new DesiredStateStore() {
      private @Nullable NodeCheckpoint saved;

      @Override
      public synchronized Optional<NodeCheckpoint> load() {
        return Optional.ofNullable(saved);
      }

      @Override
      public synchronized void save(NodeCheckpoint checkpoint) {
        saved = Objects.requireNonNull(checkpoint, "checkpoint");
      }
    };
  }
}
