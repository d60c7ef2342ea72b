package io.souverix.tck;

import io.souverix.lifecycle.projection.CheckpointStore;

/** The in-memory checkpoint store passes the kit. */
class InMemoryCheckpointStoreConformanceTest extends CheckpointStoreVerification {
  @Override
  protected CheckpointStore createCheckpointStore(TckEnvironment env) {
    return CheckpointStore.inMemory();
  }
}
