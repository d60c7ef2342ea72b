package io.souverix.store.postgres;

import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.spi.AbstractEventStore;
import io.souverix.lifecycle.spi.EventStoreException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * An {@link io.souverix.lifecycle.spi.EventStore} on PostgreSQL, for fleets that outgrow the
 * embedded SQLite store: many processes on many machines append to one database.
 *
 * <p>Global order: every write transaction first takes a transaction-level advisory lock ({@code
 * pg_advisory_xact_lock}) on a key of this event table, then reads the head and inserts at head +
 * 1, and releases the lock only when it commits. Writers are therefore serialised, so positions are
 * gap-free and commit order equals position order: a subscriber that has read up to position {@code
 * p} never later finds a lower position that committed late. Sessions run in READ COMMITTED, so the
 * head read after the lock sees the previous writer's commit; SERIALIZABLE is not needed. The price
 * is one writer at a time per event table (see {@code docs/postgres.md}).
 *
 * <p>Durability: an append returns after its commit; with the server's default {@code
 * synchronous_commit = on} the commit is flushed to the write-ahead log first, so an acknowledged
 * append survives a crash of this process and of the server.
 *
 * <p>Subscribers poll the head (about every 20 ms) for appends made by other processes, and wake at
 * once on appends made through this instance.
 *
 * <p>Tables live in the connection's current schema ({@code currentSchema} in the JDBC URL). Thread
 * safe.
 *
 * @since 0.1
 */
public final class PostgresEventStore extends AbstractEventStore {
  /** How long a writer waits for another writer's lock before failing with STORAGE_FAILURE. */
  private static final int LOCK_TIMEOUT_MILLIS = 10_000;

  /** Most idle connections kept for reuse. */
  private static final int MAX_IDLE_CONNECTIONS = 4;

  private final Connections connections;
  private final String lockStatement;
  private final String description;

  private PostgresEventStore(
      Clock clock, Connections connections, long lockKey, String description) {
    super(clock);
    this.connections = connections;
    this.lockStatement =
        String.format(
            Locale.ROOT,
            "SET LOCAL lock_timeout = '%dms'; SELECT pg_advisory_xact_lock(%d)",
            LOCK_TIMEOUT_MILLIS,
            lockKey);
    this.description = description;
  }

  /**
   * Opens the store on a data source, creating or migrating its tables if needed. A pooling data
   * source is used as is; the store keeps up to four idle connections of its own for reuse.
   *
   * @param dataSource where connections come from; not null
   * @param clock stamps {@code recordedAt}; not null
   * @return the open store; close it when done
   * @throws EventStoreException {@code STORAGE_FAILURE} if the database cannot be reached or holds
   *     a newer schema than this version understands
   */
  public static PostgresEventStore open(DataSource dataSource, Clock clock)
      throws EventStoreException {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(clock, "clock");
    Connections connections = new Connections(dataSource, MAX_IDLE_CONNECTIONS);
    Connection conn = null;
    boolean broken = true;
    String where = "PostgreSQL database";
    try {
      conn = connections.borrow();
      // The URL's parameters may carry a password: keep them out of messages.
      where = conn.getMetaData().getURL().split("\\?", 2)[0] + " schema " + conn.getSchema();
      PostgresSchema.migrate(conn);
      long key = PostgresSchema.writeLockKey(conn);
      broken = false;
      return new PostgresEventStore(clock, connections, key, where);
    } catch (SQLException e) {
      throw PostgresErrors.storage("open event store in " + where, e);
    } finally {
      connections.release(conn, broken);
      if (broken) {
        try {
          connections.close();
        } catch (SQLException ignored) {
          // The first failure is the one reported.
        }
      }
    }
  }

  /**
   * Opens the store on a JDBC URL such as {@code
   * jdbc:postgresql://db:5432/fleet?user=souverix&currentSchema=events}; credentials and options go
   * in the URL's parameters.
   *
   * @param jdbcUrl a {@code jdbc:postgresql:} URL; not null
   * @param clock stamps {@code recordedAt}; not null
   * @return the open store; close it when done
   * @throws IllegalArgumentException if the URL is not a PostgreSQL JDBC URL
   * @throws EventStoreException {@code STORAGE_FAILURE} if the database cannot be reached or holds
   *     a newer schema than this version understands
   */
  public static PostgresEventStore open(String jdbcUrl, Clock clock) throws EventStoreException {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "JDBC URL; expected one starting with jdbc:postgresql:, but got %s",
              jdbcUrl.split("\\?", 2)[0]));
    }
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(jdbcUrl);
    return open(ds, clock);
  }

  @Override
  protected <T> T inWriteTransaction(TransactionWork<T> work) throws EventStoreException {
    checkOpen();
    Connection conn = null;
    boolean broken = true;
    Tx tx = null;
    try {
      conn = connections.borrow();
      tx = new Tx(conn);
      conn.setAutoCommit(false);
      tx.context = "take the write lock";
      try (Statement st = conn.createStatement()) {
        st.execute(lockStatement);
      }
      T result = work.run(tx);
      tx.context = "commit";
      conn.commit();
      conn.setAutoCommit(true);
      broken = false;
      return result;
    } catch (SQLException e) {
      broken = PostgresErrors.isConnectionBroken(e);
      throw PostgresErrors.map(tx == null ? "connect" : tx.context, e);
    } catch (EventStoreException | RuntimeException e) {
      broken = false;
      throw e;
    } finally {
      if (conn != null && tx != null) {
        broken = !rollbackIfOpen(conn) || broken;
      }
      connections.release(conn, broken);
    }
  }

  /** Rolls back an unfinished transaction; returns false if the connection is unusable. */
  private static boolean rollbackIfOpen(Connection conn) {
    try {
      if (!conn.getAutoCommit()) {
        conn.rollback();
        conn.setAutoCommit(true);
      }
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  @Override
  public List<RecordedEvent> readStream(String streamId, long fromSequence, int maxCount)
      throws EventStoreException {
    Objects.requireNonNull(streamId, "streamId");
    checkRead(fromSequence, maxCount);
    return read(
        "read stream '" + streamId + "'",
        Rows.SELECT + " WHERE stream_id = ? AND sequence >= ? ORDER BY sequence LIMIT ?",
        ps -> {
          ps.setString(1, streamId);
          ps.setLong(2, fromSequence);
          ps.setInt(3, maxCount);
          return Rows.list(ps);
        });
  }

  @Override
  public List<RecordedEvent> readAll(long fromPosition, int maxCount) throws EventStoreException {
    checkRead(fromPosition, maxCount);
    return read(
        "read all from position " + fromPosition,
        Rows.SELECT + " WHERE position >= ? ORDER BY position LIMIT ?",
        ps -> {
          ps.setLong(1, fromPosition);
          ps.setInt(2, maxCount);
          return Rows.list(ps);
        });
  }

  @Override
  public long streamVersion(String streamId) throws EventStoreException {
    Objects.requireNonNull(streamId, "streamId");
    return read(
        "read version of stream '" + streamId + "'",
        "SELECT COALESCE(MAX(sequence), 0) FROM " + PostgresSchema.EVENTS + " WHERE stream_id = ?",
        ps -> {
          ps.setString(1, streamId);
          return Rows.firstLong(ps);
        });
  }

  @Override
  public long headPosition() throws EventStoreException {
    return read("read head position", PostgresSchema.HEAD, Rows::firstLong);
  }

  /** A query on a prepared statement. */
  @FunctionalInterface
  private interface Query<T> {
    T run(PreparedStatement ps) throws SQLException, EventStoreException;
  }

  private <T> T read(String context, String sql, Query<T> query) throws EventStoreException {
    checkOpen();
    Connection conn = null;
    boolean broken = true;
    try {
      conn = connections.borrow();
      T result;
      try (PreparedStatement ps = conn.prepareStatement(sql)) {
        result = query.run(ps);
      }
      broken = false;
      return result;
    } catch (SQLException e) {
      broken = PostgresErrors.isConnectionBroken(e);
      throw PostgresErrors.storage(context, e);
    } catch (EventStoreException | RuntimeException e) {
      broken = false;
      throw e;
    } finally {
      connections.release(conn, broken);
    }
  }

  @Override
  protected void doClose() throws EventStoreException {
    try {
      connections.close();
    } catch (SQLException e) {
      throw PostgresErrors.storage("close " + description, e);
    }
  }

  @Override
  public String toString() {
    return "PostgresEventStore[" + description + "]";
  }

  /** One write transaction on one connection. */
  private static final class Tx implements WriteTransaction {
    private final Connection conn;
    private String context = "begin write transaction";

    Tx(Connection conn) {
      this.conn = conn;
    }

    @Override
    public Map<UUID, RecordedEvent> findByIds(Set<UUID> eventIds) throws EventStoreException {
      context = "look up event ids";
      try (PreparedStatement ps = conn.prepareStatement(Rows.SELECT + " WHERE event_id = ANY(?)")) {
        Array ids = conn.createArrayOf("uuid", eventIds.toArray());
        ps.setArray(1, ids);
        Map<UUID, RecordedEvent> found = new HashMap<>();
        for (RecordedEvent e : Rows.list(ps)) {
          found.put(e.eventId(), e);
        }
        return found;
      } catch (SQLException e) {
        throw PostgresErrors.map(context, e);
      }
    }

    @Override
    public @Nullable RecordedEvent lastOfStream(String streamId) throws EventStoreException {
      context = "read the last event of stream '" + streamId + "'";
      try (PreparedStatement ps =
          conn.prepareStatement(
              Rows.SELECT + " WHERE stream_id = ? ORDER BY sequence DESC LIMIT 1")) {
        ps.setString(1, streamId);
        List<RecordedEvent> last = Rows.list(ps);
        return last.isEmpty() ? null : last.get(0);
      } catch (SQLException e) {
        throw PostgresErrors.map(context, e);
      }
    }

    @Override
    public long headPosition() throws EventStoreException {
      context = "read head position";
      try (PreparedStatement ps = conn.prepareStatement(PostgresSchema.HEAD)) {
        return Rows.firstLong(ps);
      } catch (SQLException e) {
        throw PostgresErrors.map(context, e);
      }
    }

    @Override
    public void insert(List<RecordedEvent> events) throws EventStoreException {
      RecordedEvent first = events.get(0);
      context =
          String.format(
              Locale.ROOT,
              "insert %d events into stream '%s' from sequence %d at position %d",
              events.size(),
              first.streamId(),
              first.sequence(),
              first.position());
      try (PreparedStatement ps = conn.prepareStatement(Rows.INSERT)) {
        for (RecordedEvent e : events) {
          Rows.bind(ps, e);
          ps.addBatch();
        }
        ps.executeBatch();
      } catch (SQLException e) {
        throw PostgresErrors.map(context, e);
      }
    }
  }
}
