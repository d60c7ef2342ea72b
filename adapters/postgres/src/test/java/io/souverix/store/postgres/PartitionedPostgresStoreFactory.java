package io.souverix.store.postgres;

import io.souverix.lifecycle.spi.EventStore;
import io.souverix.tck.EventStoreFactory;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Opens a PostgreSQL store with its event table hash partitioned by stream id into {@value
 * #PARTITIONS} partitions, for a directory, in any JVM (see {@link PostgresStoreFactory}).
 */
public final class PartitionedPostgresStoreFactory implements EventStoreFactory {
  /** The partition count of every store opened here. */
  static final int PARTITIONS = 4;

  /** Creates the factory. */
  public PartitionedPostgresStoreFactory() {}

  @Override
  public EventStore open(Path directory, Clock clock) throws Exception {
    return PostgresEventStore.newBuilder(PostgresStoreFactory.schemaUrl(directory))
        .clock(clock)
        .partitions(PARTITIONS)
        .open();
  }

  @Override
  public boolean isDurable() {
    return true;
  }
}
