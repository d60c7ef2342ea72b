package io.souverix.store.postgres;

import io.souverix.lifecycle.spi.EventStoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * The schema in the connection's current schema ({@code currentSchema} in the JDBC URL, else the
 * first entry of {@code search_path}). The applied versions are rows of {@link #VERSIONS}; {@link
 * #MIGRATIONS} entry {@code i} moves a schema from version {@code i} to {@code i + 1}. Add entries
 * to evolve the schema; never edit a released one.
 */
final class PostgresSchema {
  static final String EVENTS = "souverix_events";
  static final String VERSIONS = "souverix_schema_version";

  /** The global head: the highest position, 0 when empty. */
  static final String HEAD = "SELECT COALESCE(MAX(position), 0) FROM " + EVENTS;

  /**
   * The advisory lock that serialises migrations across every process of one database (two-key
   * form, so it never collides with the single-key write locks).
   */
  private static final String MIGRATION_LOCK = "SELECT pg_advisory_xact_lock(1398166098, 1)";

  /** The upper half of every write lock key ("SVRX"); the lower half is the table's oid. */
  private static final long WRITE_LOCK_CLASS = 0x53565258L;

  static final List<List<String>> MIGRATIONS =
      List.of(
          // 0 -> 1: the event table, as in the SQLite store. position is the primary key, so the
          // global order is an index scan; the unique constraints back idempotency and per-stream
          // sequences. The event itself is one column, its canonical envelope JSON
          // (RecordedEvent.toJson): the bytes the hash covers are the bytes stored.
          List.of(
              "CREATE TABLE "
                  + EVENTS
                  + " ("
                  + " position BIGINT PRIMARY KEY,"
                  + " event_id UUID NOT NULL UNIQUE,"
                  + " stream_id TEXT NOT NULL,"
                  + " sequence BIGINT NOT NULL,"
                  + " envelope TEXT NOT NULL,"
                  + " UNIQUE (stream_id, sequence))"));

  /** The schema version this code reads and writes. */
  static final int CURRENT_VERSION = MIGRATIONS.size();

  private PostgresSchema() {}

  /**
   * Brings the current schema to {@link #CURRENT_VERSION} in one transaction under a database-wide
   * advisory lock; several processes may race here, and the losers find the work done.
   */
  static void migrate(Connection conn) throws SQLException, EventStoreException {
    conn.setAutoCommit(false);
    boolean done = false;
    try (Statement st = conn.createStatement()) {
      st.execute(MIGRATION_LOCK);
      st.execute(
          "CREATE TABLE IF NOT EXISTS "
              + VERSIONS
              + " (version INTEGER PRIMARY KEY,"
              + " applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
      int version;
      try (ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(version), 0) FROM " + VERSIONS)) {
        version = rs.next() ? rs.getInt(1) : 0;
      }
      if (version > CURRENT_VERSION) {
        throw EventStoreException.of(
            EventStoreException.Code.STORAGE_FAILURE,
            String.format(
                Locale.ROOT,
                "schema version of %s.%s; expected at most %d, but got %d (written by a newer"
                    + " SDK)",
                conn.getSchema(),
                EVENTS,
                CURRENT_VERSION,
                version));
      }
      try (PreparedStatement record =
          conn.prepareStatement("INSERT INTO " + VERSIONS + " (version) VALUES (?)")) {
        for (int v = version; v < CURRENT_VERSION; v++) {
          for (String sql : MIGRATIONS.get(v)) {
            st.execute(sql);
          }
          record.setInt(1, v + 1);
          record.executeUpdate();
        }
      }
      conn.commit();
      done = true;
    } finally {
      if (!done) {
        try {
          conn.rollback();
        } catch (SQLException ignored) {
          // The first failure is the one reported.
        }
      }
      conn.setAutoCommit(true);
    }
  }

  /**
   * Returns the key of the advisory lock that serialises this event table's writers: the table's
   * oid under a fixed class, so stores in different schemas of one database do not wait for each
   * other.
   */
  static long writeLockKey(Connection conn) throws SQLException {
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT to_regclass('" + EVENTS + "')::oid::bigint")) {
      if (!rs.next() || rs.getObject(1) == null) {
        throw new SQLException("table " + EVENTS + " not found after migration", "42P01");
      }
      return (WRITE_LOCK_CLASS << 32) | (rs.getLong(1) & 0xFFFF_FFFFL);
    }
  }
}
