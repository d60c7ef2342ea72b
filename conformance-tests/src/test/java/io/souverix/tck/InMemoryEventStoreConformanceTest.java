package io.souverix.tck;

import io.souverix.lifecycle.spi.EventStore;

/** The in-memory store passes the kit. */
class InMemoryEventStoreConformanceTest extends EventStoreVerification {
  @Override
  protected EventStore createStore(TckEnvironment env) {
    return EventStore.inMemory(env.clock());
  }
}
