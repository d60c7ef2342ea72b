package io.souverix.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.souverix.lifecycle.spi.EventStore;
import io.souverix.tck.EventStoreFactory;
import io.souverix.tck.EventStoreVerification;
import io.souverix.tck.TckEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The PostgreSQL store with its event table hash partitioned by stream id passes the conformance
 * kit against a real PostgreSQL server, including the crash rule.
 */
class PartitionedPostgresEventStoreConformanceTest extends EventStoreVerification {
  private static PostgresServer server;
  private final PartitionedPostgresStoreFactory factory = new PartitionedPostgresStoreFactory();

  @BeforeAll
  static void startServer() throws Exception {
    server = PostgresServer.start();
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  @Override
  protected EventStore createStore(TckEnvironment env) throws Exception {
    PostgresStoreFactory.register(env.directory(), server.baseUrl());
    EventStore store = factory.open(env.directory(), env.clock());
    assertThat(((PostgresEventStore) store).partitions())
        .isEqualTo(PartitionedPostgresStoreFactory.PARTITIONS);
    return store;
  }

  @Override
  protected boolean isDurable() {
    return true;
  }

  @Override
  protected EventStore reopen(TckEnvironment env) throws Exception {
    return factory.open(env.directory(), env.clock());
  }

  @Override
  protected Class<? extends EventStoreFactory> crashableStoreFactory() {
    return PartitionedPostgresStoreFactory.class;
  }
}
