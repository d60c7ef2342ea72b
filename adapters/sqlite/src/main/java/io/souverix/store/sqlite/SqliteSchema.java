package io.souverix.store.sqlite;

import io.souverix.lifecycle.spi.EventStoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import org.sqlite.SQLiteConfig;

/**
 * The file's schema and connection settings. The schema version lives in {@code PRAGMA
 * user_version}; {@link #MIGRATIONS} entry {@code i} moves a file from version {@code i} to {@code
 * i + 1}. Add entries to evolve the schema; never edit a released one.
 */
final class SqliteSchema {
  /** The global head: the highest position, 0 when empty. */
  static final String HEAD = "SELECT COALESCE(MAX(position), 0) FROM events";

  static final List<List<String>> MIGRATIONS =
      List.of(
          // 0 -> 1: the event table. position is the rowid, so the global order is the table's
          // own order; the unique constraints back idempotency and per-stream sequences. The
          // event itself is one column, its canonical envelope JSON (RecordedEvent.toJson): the
          // bytes the hash covers are the bytes stored, and a read costs one column, not fifteen
          // (each column read is a JNI call, which dominated replay).
          List.of(
              "CREATE TABLE events ("
                  + " position INTEGER PRIMARY KEY,"
                  + " event_id TEXT NOT NULL UNIQUE,"
                  + " stream_id TEXT NOT NULL,"
                  + " sequence INTEGER NOT NULL,"
                  + " envelope TEXT NOT NULL,"
                  + " UNIQUE (stream_id, sequence))"));

  /** The schema version this code reads and writes. */
  static final int CURRENT_VERSION = MIGRATIONS.size();

  private SqliteSchema() {}

  /** What every connection to one file is configured with. */
  record Settings(Path file, SqliteEventStore.Synchronous synchronous, int busyTimeoutMillis) {}

  /**
   * Opens a connection. The writer also switches the file to WAL (persistent, so readers inherit
   * it); readers are made query-only.
   */
  static Connection connect(Settings s, boolean writer) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(s.busyTimeoutMillis());
    config.setSynchronous(
        s.synchronous() == SqliteEventStore.Synchronous.FULL
            ? SQLiteConfig.SynchronousMode.FULL
            : SQLiteConfig.SynchronousMode.NORMAL);
    Connection conn = config.createConnection("jdbc:sqlite:" + s.file());
    try (Statement st = conn.createStatement()) {
      if (writer) {
        try (ResultSet rs = st.executeQuery("PRAGMA journal_mode = WAL")) {
          String mode = rs.next() ? rs.getString(1) : null;
          if (!"wal".equalsIgnoreCase(mode)) {
            throw new SQLException(
                String.format(
                    Locale.ROOT,
                    "journal mode of %s; expected wal, but got %s (WAL needs a local file system)",
                    s.file(),
                    mode));
          }
        }
      } else {
        st.execute("PRAGMA query_only = 1");
      }
    } catch (SQLException | RuntimeException e) {
      conn.close();
      throw e;
    }
    return conn;
  }

  /**
   * Brings the file to {@link #CURRENT_VERSION} in one write transaction; several processes may
   * race here, and the loser finds the work done.
   */
  static void migrate(Connection conn, Path file) throws SQLException, EventStoreException {
    if (checkVersion(conn, file) == CURRENT_VERSION) {
      return;
    }
    try (Statement st = conn.createStatement()) {
      st.execute("BEGIN IMMEDIATE");
      boolean done = false;
      try {
        int version = checkVersion(conn, file);
        for (int v = version; v < CURRENT_VERSION; v++) {
          for (String sql : MIGRATIONS.get(v)) {
            st.execute(sql);
          }
        }
        st.execute("PRAGMA user_version = " + CURRENT_VERSION);
        st.execute("COMMIT");
        done = true;
      } finally {
        if (!done) {
          try {
            st.execute("ROLLBACK");
          } catch (SQLException ignored) {
            // SQLite may have rolled back already.
          }
        }
      }
    }
  }

  private static int checkVersion(Connection conn, Path file)
      throws SQLException, EventStoreException {
    int version;
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA user_version")) {
      version = rs.next() ? rs.getInt(1) : 0;
    }
    if (version > CURRENT_VERSION) {
      throw EventStoreException.of(
          EventStoreException.Code.STORAGE_FAILURE,
          String.format(
              Locale.ROOT,
              "schema version of %s; expected at most %d, but got %d (written by a newer SDK)",
              file,
              CURRENT_VERSION,
              version));
    }
    return version;
  }
}
