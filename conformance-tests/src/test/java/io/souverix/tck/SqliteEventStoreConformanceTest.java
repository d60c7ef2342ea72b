package io.souverix.tck;

import io.souverix.lifecycle.spi.EventStore;
import io.souverix.store.sqlite.SqliteEventStore;

/** The embedded SQLite store passes the kit on a real database file, including the crash rule. */
class SqliteEventStoreConformanceTest extends EventStoreVerification {
  @Override
  protected EventStore createStore(TckEnvironment env) throws Exception {
    return SqliteEventStore.open(env.directory().resolve("events.db"), env.clock());
  }

  @Override
  protected boolean isDurable() {
    return true;
  }

  @Override
  protected EventStore reopen(TckEnvironment env) throws Exception {
    return SqliteEventStore.open(env.directory().resolve("events.db"), env.clock());
  }

  @Override
  protected Class<? extends EventStoreFactory> crashableStoreFactory() {
    return SqliteStoreFactory.class;
  }
}
