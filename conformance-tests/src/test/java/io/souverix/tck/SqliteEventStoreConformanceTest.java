package io.souverix.tck;

import io.souverix.lifecycle.spi.EventStore;
import io.souverix.store.sqlite.SqliteEventStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The embedded SQLite store passes the kit on a real database file. */
class SqliteEventStoreConformanceTest extends EventStoreVerification {
  @TempDir Path dir;

  @Override
  protected EventStore createStore(TckEnvironment env) throws Exception {
    return SqliteEventStore.open(dir.resolve("events.db"), env.clock());
  }
}
