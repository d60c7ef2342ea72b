package io.souverix.tck;

import io.souverix.lifecycle.projection.CheckpointStore;
import java.nio.file.Path;

/** Creates in-memory checkpoint stores: what a vendor passes to {@link TckMain}. */
public final class InMemoryCheckpointStoreFactory implements CheckpointStoreFactory {
  /** Creates the factory. */
  public InMemoryCheckpointStoreFactory() {}

  @Override
  public CheckpointStore open(Path directory) {
    return CheckpointStore.inMemory();
  }
}
