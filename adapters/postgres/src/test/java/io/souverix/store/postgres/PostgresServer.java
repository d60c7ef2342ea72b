package io.souverix.store.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/** A real PostgreSQL server for one test class, with a fresh schema per test. */
final class PostgresServer implements AutoCloseable {
  private static final AtomicInteger SCHEMAS = new AtomicInteger();
  private final EmbeddedPostgres server;

  private PostgresServer(EmbeddedPostgres server) {
    this.server = server;
  }

  static PostgresServer start() throws IOException {
    return new PostgresServer(EmbeddedPostgres.start());
  }

  /** The URL of the server's {@code postgres} database, without a schema. */
  String baseUrl() {
    return server.getJdbcUrl("postgres", "postgres");
  }

  /** Creates an empty schema and returns a URL whose connections use it. */
  String freshSchemaUrl() throws SQLException {
    String schema = "test_" + SCHEMAS.incrementAndGet();
    execute("CREATE SCHEMA " + schema);
    return baseUrl() + "&currentSchema=" + schema;
  }

  /** Runs SQL on a connection of its own. */
  void execute(String sql) throws SQLException {
    try (Connection c = server.getPostgresDatabase().getConnection();
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
