package io.souverix.store.postgres;

import io.souverix.lifecycle.spi.EventStoreException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;

/**
 * The tables of one store: {@code <prefix>events}, {@code <prefix>event_ids}, {@code
 * <prefix>layout} and {@code <prefix>schema_version}, in one PostgreSQL schema, and the SQL that
 * uses them. Every name is schema-qualified and quoted, so a later change of {@code search_path}
 * cannot point a running store at other tables.
 *
 * <p>The applied versions are rows of {@link #versions}; {@link #migrations()} entry {@code i}
 * moves the tables from version {@code i} to {@code i + 1} and is the same for both layouts. Add
 * entries to evolve the tables; never edit a released one. The layout (unpartitioned, or hash
 * partitioned by stream id) is separate: {@link #layout} holds its history, one row per change.
 */
final class PostgresSchema {
  /**
   * The advisory lock that serialises migrations across every process of one database (two-key
   * form, so it never collides with the single-key write locks).
   */
  private static final String MIGRATION_LOCK = "SELECT pg_advisory_xact_lock(1398166098, 1)";

  /** The upper half of every write lock key ("SVRX"); the lower half names the event table. */
  private static final long WRITE_LOCK_CLASS = 0x53565258L;

  /** The schema version this code reads and writes. */
  static final int CURRENT_VERSION = 2;

  private final String schemaName;
  private final String prefix;
  final String events;
  final String eventIds;
  final String versions;
  final String layout;

  /** The NOTIFY channel of this event table (at most 55 characters, so always a valid name). */
  final String channel;

  /** The key of the advisory lock that serialises this event table's writers. */
  final long writeLockKey;

  /** The global head: the highest position, 0 when empty (one probe of a unique index). */
  final String head;

  /** Selects {@code position, envelope} of events; append a WHERE clause. */
  final String select;

  /**
   * Inserts a batch into both tables and notifies the new head, in one statement: the arrays of
   * event ids, positions, stream ids, sequences and envelopes, then the channel and the payload.
   */
  final String insert;

  PostgresSchema(String schemaName, String prefix) {
    this.schemaName = schemaName;
    this.prefix = prefix;
    this.events = qualified("events");
    this.eventIds = qualified("event_ids");
    this.versions = qualified("schema_version");
    this.layout = qualified("layout");
    CRC32 crc = new CRC32();
    crc.update((schemaName + "." + prefix + "events").getBytes(StandardCharsets.UTF_8));
    this.writeLockKey = (WRITE_LOCK_CLASS << 32) | crc.getValue();
    this.channel = String.format(Locale.ROOT, "%sevents_%08x", prefix, crc.getValue());
    this.head = "SELECT COALESCE(MAX(position), 0) FROM " + eventIds;
    this.select = "SELECT position, envelope FROM " + events;
    this.insert =
        "WITH ids AS (INSERT INTO "
            + eventIds
            + " (event_id, position) SELECT * FROM unnest(?::uuid[], ?::bigint[])),"
            + " evs AS (INSERT INTO "
            + events
            + " (event_id, position, stream_id, sequence, envelope)"
            + " SELECT * FROM unnest(?::uuid[], ?::bigint[], ?::text[], ?::bigint[], ?::text[]))"
            + " SELECT pg_notify(?, ?)";
  }

  /** Quotes an identifier for SQL. */
  static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  private String qualified(String table) {
    return quote(schemaName) + "." + quote(prefix + table);
  }

  private String partition(int i) {
    return quote(schemaName) + "." + quote(prefix + "events_p" + i);
  }

  /** The schema-qualified name of the event table, for messages. */
  String describe() {
    return schemaName + "." + prefix + "events";
  }

  /** Migration steps; entry {@code i} moves version {@code i} to {@code i + 1}. */
  List<List<String>> migrations() {
    return List.of(
        // 0 -> 1: the event table, as in the SQLite store. position is the primary key, so the
        // global order is an index scan; the unique constraints back idempotency and per-stream
        // sequences. The event itself is one column, its canonical envelope JSON
        // (RecordedEvent.toJson): the bytes the hash covers are the bytes stored.
        List.of(
            "CREATE TABLE "
                + events
                + " ("
                + " position BIGINT PRIMARY KEY,"
                + " event_id UUID NOT NULL UNIQUE,"
                + " stream_id TEXT NOT NULL,"
                + " sequence BIGINT NOT NULL,"
                + " envelope TEXT NOT NULL,"
                + " UNIQUE (stream_id, sequence))"),
        // 1 -> 2: the global keys in a table of their own that is never partitioned, so event ids
        // and positions stay unique across hash partitions of the event table; and the layout
        // history, starting unpartitioned (0).
        List.of(
            "CREATE TABLE "
                + eventIds
                + " (event_id UUID PRIMARY KEY, position BIGINT NOT NULL UNIQUE)",
            "INSERT INTO "
                + eventIds
                + " (event_id, position) SELECT event_id, position FROM "
                + events,
            "CREATE TABLE "
                + layout
                + " (change INTEGER PRIMARY KEY,"
                + " partitions INTEGER NOT NULL CHECK (partitions >= 0),"
                + " changed_at TIMESTAMPTZ NOT NULL DEFAULT now())",
            "INSERT INTO " + layout + " (change, partitions) VALUES (1, 0)"));
  }

  /**
   * The steps that turn the unpartitioned event table into one hash partitioned by stream id: a new
   * table is filled from the old one, which is then dropped, and the new one takes its name. The
   * primary key {@code (stream_id, sequence)} contains the partition key, as PostgreSQL requires;
   * positions get a partitioned (per-partition) index, and their global uniqueness, like that of
   * event ids, is kept by {@link #eventIds}.
   */
  List<String> partitionSteps(int partitions) {
    String next = qualified("events_next");
    List<String> steps = new ArrayList<>();
    steps.add(
        "CREATE TABLE "
            + next
            + " ("
            + " position BIGINT NOT NULL,"
            + " event_id UUID NOT NULL,"
            + " stream_id TEXT NOT NULL,"
            + " sequence BIGINT NOT NULL,"
            + " envelope TEXT NOT NULL,"
            + " PRIMARY KEY (stream_id, sequence))"
            + " PARTITION BY HASH (stream_id)");
    for (int i = 0; i < partitions; i++) {
      steps.add(
          String.format(
              Locale.ROOT,
              "CREATE TABLE %s PARTITION OF %s FOR VALUES WITH (MODULUS %d, REMAINDER %d)",
              partition(i),
              next,
              partitions,
              i));
    }
    steps.add(
        "INSERT INTO "
            + next
            + " (position, event_id, stream_id, sequence, envelope)"
            + " SELECT position, event_id, stream_id, sequence, envelope FROM "
            + events);
    steps.add("CREATE INDEX ON " + next + " (position)");
    steps.add("DROP TABLE " + events);
    steps.add("ALTER TABLE " + next + " RENAME TO " + quote(prefix + "events"));
    steps.add(
        String.format(
            Locale.ROOT,
            "INSERT INTO %s (change, partitions) SELECT MAX(change) + 1, %d FROM %s",
            layout,
            partitions,
            layout));
    return steps;
  }

  /**
   * Brings the tables to {@link #CURRENT_VERSION}, then to the requested layout, in one transaction
   * under a database-wide advisory lock; several processes may race here, and the losers find the
   * work done.
   *
   * @param partitions the requested partition count, or null to keep the current layout
   * @return the partition count in effect, 0 for unpartitioned
   */
  int migrate(Connection conn, @Nullable Integer partitions)
      throws SQLException, EventStoreException {
    conn.setAutoCommit(false);
    boolean done = false;
    try (Statement st = conn.createStatement()) {
      // A large table takes a while to repartition: no statement timeout here.
      st.execute("SET LOCAL statement_timeout = 0; " + MIGRATION_LOCK);
      st.execute(
          "CREATE TABLE IF NOT EXISTS "
              + versions
              + " (version INTEGER PRIMARY KEY,"
              + " applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
      int version;
      try (ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(version), 0) FROM " + versions)) {
        version = rs.next() ? rs.getInt(1) : 0;
      }
      if (version > CURRENT_VERSION) {
        throw EventStoreException.of(
            EventStoreException.Code.STORAGE_FAILURE,
            String.format(
                Locale.ROOT,
                "schema version of %s; expected at most %d, but got %d (written by a newer SDK)",
                describe(),
                CURRENT_VERSION,
                version));
      }
      List<List<String>> migrations = migrations();
      try (PreparedStatement record =
          conn.prepareStatement("INSERT INTO " + versions + " (version) VALUES (?)")) {
        for (int v = version; v < CURRENT_VERSION; v++) {
          for (String sql : migrations.get(v)) {
            st.execute(sql);
          }
          record.setInt(1, v + 1);
          record.executeUpdate();
        }
      }
      int current;
      try (ResultSet rs =
          st.executeQuery("SELECT partitions FROM " + layout + " ORDER BY change DESC LIMIT 1")) {
        current = rs.next() ? rs.getInt(1) : 0;
      }
      if (partitions != null && partitions != current) {
        if (current != 0) {
          throw EventStoreException.of(
              EventStoreException.Code.STORAGE_FAILURE,
              String.format(
                  Locale.ROOT,
                  "partition count of %s; expected %d, but got %d (changing the count of a"
                      + " partitioned table is not supported)",
                  describe(),
                  partitions,
                  current));
        }
        // Writers wait while the table is rebuilt; running stores carry on afterwards, since
        // the table keeps its name, its columns and its write lock.
        st.execute("SELECT pg_advisory_xact_lock(" + writeLockKey + ")");
        for (String sql : partitionSteps(partitions)) {
          st.execute(sql);
        }
        current = partitions;
      }
      conn.commit();
      done = true;
      return current;
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
}
