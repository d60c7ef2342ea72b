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

  /**
   * The embedded default's own crash test: sixteen SIGKILLs at seeded random points (set {@code
   * -Dsouverix.crash.seed} to replay a run), some right after the store opened.
   */
  @Override
  protected int[] crashKillPoints() {
    long seed = Long.getLong("souverix.crash.seed", 20261126L);
    System.out.println("SQLite crash rule: seed " + seed);
    java.util.Random random = new java.util.Random(seed);
    int[] points = new int[16];
    for (int i = 0; i < points.length; i++) {
      points[i] = i % 4 == 0 ? 1 + random.nextInt(3) : 5 + random.nextInt(200);
    }
    return points;
  }
}
