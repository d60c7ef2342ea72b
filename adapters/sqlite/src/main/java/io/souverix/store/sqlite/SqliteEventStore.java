package io.souverix.store.sqlite;

import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.internal.JdbcEvents;
import io.souverix.lifecycle.spi.AbstractEventStore;
import io.souverix.lifecycle.spi.EventStoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The embedded default {@link io.souverix.lifecycle.spi.EventStore}: one SQLite file in WAL mode.
 *
 * <p>Durability: an append returns only after its transaction committed. With the default {@link
 * Synchronous#FULL} the commit is synced to disk first, so an acknowledged append survives a
 * process crash and a power loss. {@link Synchronous#NORMAL} syncs at checkpoints only: faster,
 * still consistent and crash-safe for the process, but the last acknowledged appends may be lost if
 * the machine loses power.
 *
 * <p>Concurrency: one writer connection serialises this store's appends under a lock, and each
 * append is one {@code BEGIN IMMEDIATE} transaction, so several stores and several processes may
 * open the same file: SQLite's file locks order their writers and a writer that finds the file
 * locked waits up to the busy timeout. Reads use a small pool of separate connections and see a
 * consistent snapshot without blocking writers. Subscribers wake at once on appends made through
 * this instance, and within about 100 ms on appends made by other processes.
 *
 * <p>Layout, pragmas and guarantees are described in {@code docs/storage.md}. Thread-safe.
 *
 * @since 0.1
 */
public final class SqliteEventStore extends AbstractEventStore {
  /** How hard SQLite syncs commits to disk. */
  public enum Synchronous {
    /** Sync every commit: an acknowledged append survives power loss. The default. */
    FULL,
    /**
     * Sync at WAL checkpoints only: an acknowledged append survives a crash of the process, but the
     * most recent ones may be rolled back by a power loss or operating-system crash.
     */
    NORMAL
  }

  private final Path file;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final Writer writer;
  private final ReadPool readers;

  private SqliteEventStore(Builder b, Path file, Writer writer, ReadPool readers) {
    super(b.clock);
    this.file = file;
    this.writer = writer;
    this.readers = readers;
  }

  /**
   * Opens (creating if needed) the store in {@code file} with the default options: {@link
   * Synchronous#FULL}, a 10 s busy timeout and up to 4 read connections.
   *
   * @param file the database file; its directory must exist
   * @param clock stamps {@code recordedAt}; not null
   * @return the open store; close it when done
   * @throws EventStoreException {@code STORAGE_FAILURE} if the file cannot be opened, is not a
   *     SQLite database, or holds a newer schema than this version understands
   */
  public static SqliteEventStore open(Path file, Clock clock) throws EventStoreException {
    return newBuilder(file).clock(clock).open();
  }

  /**
   * Starts a builder for a store with non-default options.
   *
   * @param file the database file; its directory must exist
   * @return a new builder
   */
  public static Builder newBuilder(Path file) {
    return new Builder(Objects.requireNonNull(file, "file"));
  }

  /**
   * Returns the database file.
   *
   * @return the absolute path
   */
  public Path file() {
    return file;
  }

  @Override
  protected <T> T inWriteTransaction(TransactionWork<T> work) throws EventStoreException {
    writeLock.lock();
    try {
      checkOpen();
      return writer.run(work);
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public List<RecordedEvent> readStream(String streamId, long fromSequence, int maxCount)
      throws EventStoreException {
    Objects.requireNonNull(streamId, "streamId");
    checkRead(fromSequence, maxCount);
    checkOpen();
    return readers.read(
        "read stream '" + streamId + "'",
        r -> {
          PreparedStatement ps = r.readStream;
          ps.setString(1, streamId);
          ps.setLong(2, fromSequence);
          ps.setInt(3, maxCount);
          return JdbcEvents.list(ps);
        });
  }

  @Override
  public List<RecordedEvent> readAll(long fromPosition, int maxCount) throws EventStoreException {
    checkRead(fromPosition, maxCount);
    checkOpen();
    return readers.read(
        "read all from position " + fromPosition,
        r -> {
          PreparedStatement ps = r.readAll;
          ps.setLong(1, fromPosition);
          ps.setInt(2, maxCount);
          return JdbcEvents.list(ps);
        });
  }

  @Override
  public long streamVersion(String streamId) throws EventStoreException {
    Objects.requireNonNull(streamId, "streamId");
    checkOpen();
    return readers.read(
        "read version of stream '" + streamId + "'",
        r -> {
          r.streamVersion.setString(1, streamId);
          return JdbcEvents.firstLong(r.streamVersion);
        });
  }

  @Override
  public long headPosition() throws EventStoreException {
    checkOpen();
    return readers.read("read head position", r -> JdbcEvents.firstLong(r.head));
  }

  @Override
  protected void doClose() throws EventStoreException {
    EventStoreException failure = null;
    writeLock.lock();
    try {
      writer.close();
    } catch (SQLException e) {
      failure = SqliteErrors.storage("close " + file, e);
    } finally {
      writeLock.unlock();
    }
    try {
      readers.close();
    } catch (SQLException e) {
      if (failure == null) {
        failure = SqliteErrors.storage("close " + file, e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public String toString() {
    return "SqliteEventStore[" + file + "]";
  }

  /**
   * The one connection this store writes through; used only under {@link #writeLock}. It stays in
   * JDBC auto-commit mode and runs {@code BEGIN IMMEDIATE} / {@code COMMIT} itself, so the driver
   * never holds a transaction (and the file's write lock) open between appends.
   */
  private static final class Writer implements WriteTransaction {
    private final Connection conn;
    private final PreparedStatement begin;
    private final PreparedStatement commit;
    private final PreparedStatement rollback;
    private final PreparedStatement findByIds;
    private final PreparedStatement lastOfStream;
    private final PreparedStatement head;
    private final PreparedStatement insert;
    private @Nullable String context;

    Writer(Connection conn) throws SQLException {
      this.conn = conn;
      this.begin = conn.prepareStatement("BEGIN IMMEDIATE");
      this.commit = conn.prepareStatement("COMMIT");
      this.rollback = conn.prepareStatement("ROLLBACK");
      this.findByIds =
          conn.prepareStatement(
              Rows.SELECT + " WHERE event_id IN (SELECT value FROM json_each(?))");
      this.lastOfStream =
          conn.prepareStatement(
              Rows.SELECT + " WHERE stream_id = ? ORDER BY sequence DESC LIMIT 1");
      this.head = conn.prepareStatement(SqliteSchema.HEAD);
      this.insert = conn.prepareStatement(Rows.INSERT);
    }

    <T> T run(TransactionWork<T> work) throws EventStoreException {
      context = "begin write transaction";
      boolean open = false;
      try {
        begin.execute();
        open = true;
        T result = work.run(this);
        context = "commit";
        commit.execute();
        open = false;
        return result;
      } catch (SQLException e) {
        throw SqliteErrors.map(context, e);
      } finally {
        if (open) {
          try {
            rollback.execute();
          } catch (SQLException ignored) {
            // The transaction is gone already (SQLite rolls back on some errors by itself).
          }
        }
      }
    }

    @Override
    public Map<UUID, RecordedEvent> findByIds(Set<UUID> eventIds) throws EventStoreException {
      context = "look up event ids";
      StringBuilder json = new StringBuilder(eventIds.size() * 39 + 2).append('[');
      for (UUID id : eventIds) {
        if (json.length() > 1) {
          json.append(',');
        }
        json.append('"').append(id).append('"');
      }
      json.append(']');
      try {
        findByIds.setString(1, json.toString());
        Map<UUID, RecordedEvent> found = new HashMap<>();
        for (RecordedEvent e : JdbcEvents.list(findByIds)) {
          found.put(e.eventId(), e);
        }
        return found;
      } catch (SQLException e) {
        throw SqliteErrors.map(context, e);
      }
    }

    @Override
    public @Nullable RecordedEvent lastOfStream(String streamId) throws EventStoreException {
      context = "read the last event of stream '" + streamId + "'";
      try {
        lastOfStream.setString(1, streamId);
        List<RecordedEvent> last = JdbcEvents.list(lastOfStream);
        return last.isEmpty() ? null : last.get(0);
      } catch (SQLException e) {
        throw SqliteErrors.map(context, e);
      }
    }

    @Override
    public long headPosition() throws EventStoreException {
      context = "read head position";
      try {
        return JdbcEvents.firstLong(head);
      } catch (SQLException e) {
        throw SqliteErrors.map(context, e);
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
      try {
        for (RecordedEvent e : events) {
          Rows.bind(insert, e);
          insert.addBatch();
        }
        insert.executeBatch();
      } catch (SQLException e) {
        throw SqliteErrors.map(context, e);
      } finally {
        try {
          insert.clearBatch();
        } catch (SQLException ignored) {
          // Nothing left to clear.
        }
      }
    }

    void close() throws SQLException {
      conn.close();
    }
  }

  /**
   * Options of a {@link SqliteEventStore}. Mutable and not thread-safe; each option may be set
   * once.
   */
  public static final class Builder {
    private final Path file;
    private Clock clock = Clock.systemUTC();
    private Synchronous synchronous = Synchronous.FULL;
    private Duration busyTimeout = Duration.ofSeconds(10);
    private int readConnections = 4;
    private boolean clockSet;
    private boolean synchronousSet;
    private boolean busyTimeoutSet;
    private boolean readConnectionsSet;

    private Builder(Path file) {
      this.file = file;
    }

    /**
     * Sets the clock that stamps {@code recordedAt}; defaults to the system UTC clock.
     *
     * @param clock the clock; not null
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder clock(Clock clock) {
      clockSet = once(clockSet, "clock");
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets how commits are synced; defaults to {@link Synchronous#FULL}. Choose {@link
     * Synchronous#NORMAL} only where losing the last appends on power loss is acceptable.
     *
     * @param synchronous the mode; not null
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder synchronous(Synchronous synchronous) {
      synchronousSet = once(synchronousSet, "synchronous");
      this.synchronous = Objects.requireNonNull(synchronous, "synchronous");
      return this;
    }

    /**
     * Sets how long an operation waits for another writer's lock before failing with {@code
     * STORAGE_FAILURE}; defaults to 10 s.
     *
     * @param timeout 0 ms to 1 h
     * @return this builder
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if already set
     */
    public Builder busyTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException(
            String.format(Locale.ROOT, "busy timeout; expected 0 ms to 1 h, but got %s", timeout));
      }
      busyTimeoutSet = once(busyTimeoutSet, "busyTimeout");
      this.busyTimeout = timeout;
      return this;
    }

    /**
     * Sets the most connections used for concurrent reads; defaults to 4.
     *
     * @param count 1 to 64
     * @return this builder
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if already set
     */
    public Builder readConnections(int count) {
      if (count < 1 || count > 64) {
        throw new IllegalArgumentException(
            String.format(Locale.ROOT, "read connections; expected 1 to 64, but got %d", count));
      }
      readConnectionsSet = once(readConnectionsSet, "readConnections");
      this.readConnections = count;
      return this;
    }

    private static boolean once(boolean alreadySet, String option) {
      if (alreadySet) {
        throw new IllegalStateException(option + " was already set");
      }
      return true;
    }

    /**
     * Opens the store, creating the file and migrating its schema if needed.
     *
     * @return the open store
     * @throws EventStoreException {@code STORAGE_FAILURE} if the file cannot be opened, is not a
     *     SQLite database, or holds a newer schema than this version understands
     */
    public SqliteEventStore open() throws EventStoreException {
      Path absolute = file.toAbsolutePath().normalize();
      SqliteSchema.Settings settings =
          new SqliteSchema.Settings(absolute, synchronous, (int) busyTimeout.toMillis());
      Connection conn = null;
      try {
        conn = SqliteSchema.connect(settings, true);
        SqliteSchema.migrate(conn, absolute);
        Writer writer = new Writer(conn);
        return new SqliteEventStore(
            this, absolute, writer, new ReadPool(settings, readConnections));
      } catch (SQLException e) {
        closeQuietly(conn);
        throw SqliteErrors.storage("open event store " + absolute, e);
      } catch (EventStoreException | RuntimeException e) {
        closeQuietly(conn);
        throw e;
      }
    }

    private static void closeQuietly(@Nullable Connection conn) {
      if (conn != null) {
        try {
          conn.close();
        } catch (SQLException ignored) {
          // Already failing; the first failure is the one reported.
        }
      }
    }
  }

  /** A pooled read connection with its prepared statements. */
  static final class Reader {
    final Connection conn;
    final PreparedStatement readAll;
    final PreparedStatement readStream;
    final PreparedStatement streamVersion;
    final PreparedStatement head;

    Reader(Connection conn) throws SQLException {
      this.conn = conn;
      this.readAll =
          conn.prepareStatement(Rows.SELECT + " WHERE position >= ? ORDER BY position LIMIT ?");
      this.readStream =
          conn.prepareStatement(
              Rows.SELECT + " WHERE stream_id = ? AND sequence >= ? ORDER BY sequence LIMIT ?");
      this.streamVersion =
          conn.prepareStatement(
              "SELECT COALESCE(MAX(sequence), 0) FROM events WHERE stream_id = ?");
      this.head = conn.prepareStatement(SqliteSchema.HEAD);
    }
  }
}
