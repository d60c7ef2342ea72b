package io.souverix.tck;

import io.souverix.lifecycle.spi.EventStore;
import java.nio.file.Path;
import java.time.Clock;

/** Opens an in-memory store (not durable): what a vendor passes to {@link TckMain}. */
public final class InMemoryStoreFactory implements EventStoreFactory {
  /** Creates the factory. */
  public InMemoryStoreFactory() {}

  @Override
  public EventStore open(Path directory, Clock clock) {
    return EventStore.inMemory(clock);
  }
}
