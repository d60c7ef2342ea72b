package io.souverix.tck;

import io.souverix.lifecycle.projection.CheckpointStore;
import java.nio.file.Path;

/**
 * Opens a vendor's checkpoint store for the runner ({@link TckMain}). Implementations are public
 * classes with a public no-argument constructor.
 *
 * @since 0.1
 */
public interface CheckpointStoreFactory {
  /**
   * Opens the checkpoint store kept in a directory: empty for an empty directory, the same store
   * again for a directory a durable store was opened in before.
   *
   * @param directory an existing directory the store owns; not null
   * @return the store
   * @throws Exception if the store cannot be opened
   */
  CheckpointStore open(Path directory) throws Exception;

  /**
   * Returns whether saved checkpoints survive reopening; true runs CP-4.1.
   *
   * @return false by default
   */
  default boolean isDurable() {
    return false;
  }
}
