package io.souverix.store.postgres;

import io.souverix.lifecycle.spi.EventStore;
import io.souverix.tck.EventStoreFactory;
import io.souverix.tck.EventStoreVerification;
import io.souverix.tck.TckEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The PostgreSQL store passes the conformance kit against a real PostgreSQL server, including the
 * crash rule (writers in forked JVMs killed with SIGKILL mid-append).
 */
class PostgresEventStoreConformanceTest extends EventStoreVerification {
  private static PostgresServer server;
  private final PostgresStoreFactory factory = new PostgresStoreFactory();

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
    return factory.open(env.directory(), env.clock());
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
    return PostgresStoreFactory.class;
  }
}
