package io.souverix.tck;

import io.souverix.lifecycle.spi.EventStore;
import io.souverix.store.sqlite.SqliteEventStore;
import java.nio.file.Path;
import java.time.Clock;

/** Opens the SQLite store in a directory: what a vendor passes to {@link TckMain}. */
public final class SqliteStoreFactory implements EventStoreFactory {
  /** Creates the factory. */
  public SqliteStoreFactory() {}

  @Override
  public EventStore open(Path directory, Clock clock) throws Exception {
    return SqliteEventStore.open(directory.resolve("events.db"), clock);
  }

  @Override
  public boolean isDurable() {
    return true;
  }
}
