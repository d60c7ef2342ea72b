package io.souverix.store.postgres;

import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.internal.JdbcEvents;
import io.souverix.lifecycle.spi.AbstractEventStore;
import io.souverix.lifecycle.spi.EventStoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
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
 * <p>Layout: unpartitioned, or hash partitioned by stream id ({@link Builder#partitions(int)}).
 * Either way event ids and positions are also kept in an unpartitioned key table written in the
 * same statement, so they stay unique across partitions.
 *
 * <p>Durability: an append returns after its commit; with {@link SynchronousCommit#ON} (the
 * default) the commit is flushed to the write-ahead log first, so an acknowledged append survives a
 * crash of this process and of the server.
 *
 * <p>Subscribers: every append notifies the new head on a channel of the event table inside its
 * transaction ({@code pg_notify}, delivered only on commit); waiting subscribers are woken by a
 * dedicated listening session, opened on the first wait, and reread the head at least every {@link
 * Builder#fallbackPoll(Duration) fallback interval} in case notifications were lost.
 *
 * <p>Thread safe.
 *
 * @since 0.1
 */
public final class PostgresEventStore extends AbstractEventStore {
  /** Whether a commit waits for its write-ahead log flush ({@code synchronous_commit}). */
  public enum SynchronousCommit {
    /**
     * Commits are flushed before an append returns: an acknowledged append survives a crash of the
     * server. A stronger setting of the server or role ({@code remote_write}, {@code remote_apply})
     * is kept. The default.
     */
    ON,
    /**
     * Commits return before the flush: an acknowledged append can be lost if the server crashes (up
     * to about three times {@code wal_writer_delay}, 600 ms by default); the database stays
     * consistent and positions stay gap-free. A crash of this process loses nothing acknowledged.
     */
    OFF
  }

  /** Most idle connections kept for reuse. */
  private static final int MAX_IDLE_CONNECTIONS = 4;

  private final Connections connections;
  private final HeadListener listener;
  private final PostgresSchema schema;
  private final String lockStatement;
  private final long fallbackPollMillis;
  private final int partitions;
  private final String description;
  private volatile @Nullable KnownHead knownHead;

  /** A head read while the listener was at {@code generation}. */
  private record KnownHead(long generation, long head, long readAtNanos) {}

  private PostgresEventStore(
      Builder b,
      Connections connections,
      HeadListener listener,
      PostgresSchema schema,
      int partitions,
      String description) {
    super(b.clock);
    this.connections = connections;
    this.listener = listener;
    this.schema = schema;
    this.lockStatement =
        String.format(
            Locale.ROOT,
            "SET LOCAL lock_timeout = '%dms'; SELECT pg_advisory_xact_lock(%d)",
            b.lockTimeout.toMillis(),
            schema.writeLockKey);
    this.fallbackPollMillis = b.fallbackPoll.toMillis();
    this.partitions = partitions;
    this.description = description;
  }

  /**
   * Opens the store on a data source with default options, creating or migrating its tables if
   * needed. Same as {@code newBuilder(dataSource).clock(clock).open()}.
   *
   * @param dataSource where connections come from; not null
   * @param clock stamps {@code recordedAt}; not null
   * @return the open store; close it when done
   * @throws EventStoreException {@code STORAGE_FAILURE} if the database cannot be reached or holds
   *     a newer schema than this version understands
   */
  public static PostgresEventStore open(DataSource dataSource, Clock clock)
      throws EventStoreException {
    return newBuilder(dataSource).clock(clock).open();
  }

  /**
   * Opens the store on a JDBC URL such as {@code
   * jdbc:postgresql://db:5432/fleet?user=souverix&currentSchema=events} with default options; same
   * as {@code newBuilder(jdbcUrl).clock(clock).open()}.
   *
   * @param jdbcUrl a {@code jdbc:postgresql:} URL; not null
   * @param clock stamps {@code recordedAt}; not null
   * @return the open store; close it when done
   * @throws IllegalArgumentException if the URL is not a PostgreSQL JDBC URL
   * @throws EventStoreException {@code STORAGE_FAILURE} if the database cannot be reached or holds
   *     a newer schema than this version understands
   */
  public static PostgresEventStore open(String jdbcUrl, Clock clock) throws EventStoreException {
    return newBuilder(jdbcUrl).clock(clock).open();
  }

  /**
   * Starts the options of a store on a data source. A pooling data source is used as is (the store
   * keeps up to four idle connections of its own for reuse, and holds one more for listening while
   * subscribed); its sessions get the store's settings, so give the store a pool of its own.
   *
   * @param dataSource where connections come from; not null
   * @return a builder
   */
  public static Builder newBuilder(DataSource dataSource) {
    return new Builder(Objects.requireNonNull(dataSource, "dataSource"));
  }

  /**
   * Starts the options of a store on a JDBC URL; credentials and driver options go in the URL's
   * parameters.
   *
   * @param jdbcUrl a {@code jdbc:postgresql:} URL; not null
   * @return a builder
   * @throws IllegalArgumentException if the URL is not a PostgreSQL JDBC URL
   */
  public static Builder newBuilder(String jdbcUrl) {
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
    return new Builder(ds);
  }

  /**
   * Returns the number of hash partitions of the event table.
   *
   * @return the partition count, 0 if the table is not partitioned
   */
  public int partitions() {
    return partitions;
  }

  /** The listening side, for tests. */
  HeadListener listener() {
    return listener;
  }

  /** The tables, for tests. */
  PostgresSchema tables() {
    return schema;
  }

  /**
   * Waits until the head reaches {@code position}: woken by the NOTIFY of the committing writer, in
   * any process, and rereading the head at least every fallback interval.
   *
   * @param position the position to wait for
   * @param timeout how long to wait at most
   * @return true if the head reached {@code position}
   * @throws EventStoreException {@code CLOSED} or {@code STORAGE_FAILURE}
   * @throws InterruptedException if interrupted
   */
  @Override
  public boolean awaitHead(long position, Duration timeout)
      throws EventStoreException, InterruptedException {
    Objects.requireNonNull(timeout, "timeout");
    checkOpen();
    listener.start();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      HeadListener.State state = listener.state();
      if (state.highestNotified() >= position || knownHead(state) >= position) {
        return true;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      listener.awaitChange(
          state.generation(), Math.max(1, Math.min(fallbackPollMillis, left / 1_000_000)));
    }
  }

  /**
   * The head, from memory while the listener has stayed connected and nothing was notified since it
   * was last read (and it was read within the fallback interval), else from the database.
   */
  private long knownHead(HeadListener.State state) throws EventStoreException {
    KnownHead known = knownHead;
    long now = System.nanoTime();
    if (known != null
        && state.connected()
        && known.generation() == state.generation()
        && now - known.readAtNanos() < fallbackPollMillis * 1_000_000) {
      return known.head();
    }
    long head = headPosition();
    knownHead = state.connected() ? new KnownHead(state.generation(), head, now) : null;
    return head;
  }

  @Override
  protected <T> T inWriteTransaction(TransactionWork<T> work) throws EventStoreException {
    checkOpen();
    Connection conn = null;
    boolean broken = true;
    Tx tx = null;
    try {
      conn = connections.borrow();
      tx = new Tx(conn, schema);
      conn.setAutoCommit(false);
      tx.context = "take the write lock";
      try (Statement st = conn.createStatement()) {
        st.execute(lockStatement);
      }
      T result = work.run(tx);
      tx.context = "commit";
      conn.commit();
      listener.wakeAll();
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
        schema.select + " WHERE stream_id = ? AND sequence >= ? ORDER BY sequence LIMIT ?",
        ps -> {
          ps.setString(1, streamId);
          ps.setLong(2, fromSequence);
          ps.setInt(3, maxCount);
          return JdbcEvents.list(ps);
        });
  }

  @Override
  public List<RecordedEvent> readAll(long fromPosition, int maxCount) throws EventStoreException {
    checkRead(fromPosition, maxCount);
    return read(
        "read all from position " + fromPosition,
        schema.select + " WHERE position >= ? ORDER BY position LIMIT ?",
        ps -> {
          ps.setLong(1, fromPosition);
          ps.setInt(2, maxCount);
          return JdbcEvents.list(ps);
        });
  }

  @Override
  public long streamVersion(String streamId) throws EventStoreException {
    Objects.requireNonNull(streamId, "streamId");
    return read(
        "read version of stream '" + streamId + "'",
        "SELECT COALESCE(MAX(sequence), 0) FROM " + schema.events + " WHERE stream_id = ?",
        ps -> {
          ps.setString(1, streamId);
          return JdbcEvents.firstLong(ps);
        });
  }

  @Override
  public long headPosition() throws EventStoreException {
    return read("read head position", schema.head, JdbcEvents::firstLong);
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
      listener.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
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

  /**
   * Options of a {@link PostgresEventStore}. Mutable and not thread-safe; each option may be set
   * once.
   */
  public static final class Builder {
    private static final java.util.regex.Pattern PREFIX =
        java.util.regex.Pattern.compile("[a-z][a-z0-9_]{0,39}");

    private final DataSource dataSource;
    private Clock clock = Clock.systemUTC();
    private @Nullable String schema;
    private String tablePrefix = "souverix_";
    private @Nullable Integer partitions;
    private @Nullable Duration statementTimeout;
    private Duration lockTimeout = Duration.ofSeconds(10);
    private SynchronousCommit synchronousCommit = SynchronousCommit.ON;
    private String applicationName = "souverix-event-store";
    private Duration fallbackPoll = Duration.ofSeconds(1);
    private final Set<String> set = new java.util.HashSet<>();

    private Builder(DataSource dataSource) {
      this.dataSource = dataSource;
    }

    private void once(String option) {
      if (!set.add(option)) {
        throw new IllegalStateException(option + " was already set");
      }
    }

    private static Duration checkDuration(String what, Duration value, Duration min, Duration max) {
      Objects.requireNonNull(value, what);
      if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "%s; expected %d ms to %d ms, but got %s",
                what,
                min.toMillis(),
                max.toMillis(),
                value));
      }
      return value;
    }

    /**
     * Sets the clock that stamps {@code recordedAt}; defaults to the system UTC clock.
     *
     * @param clock the clock; not null
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder clock(Clock clock) {
      Objects.requireNonNull(clock, "clock");
      once("clock");
      this.clock = clock;
      return this;
    }

    /**
     * Sets the PostgreSQL schema of the tables; it must exist. Defaults to the connection's current
     * schema ({@code currentSchema} in the JDBC URL, else the first existing schema of {@code
     * search_path}).
     *
     * @param schema the schema name as stored (case-sensitive), 1 to 63 characters
     * @return this builder
     * @throws IllegalArgumentException if empty, longer than 63 characters or containing NUL
     * @throws IllegalStateException if already set
     */
    public Builder schema(String schema) {
      Objects.requireNonNull(schema, "schema");
      if (schema.isEmpty() || schema.length() > 63 || schema.indexOf(0) >= 0) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "schema name; expected 1 to 63 characters without NUL, but got '%s'",
                schema));
      }
      once("schema");
      this.schema = schema;
      return this;
    }

    /**
     * Sets the prefix of the table names ({@code <prefix>events}, {@code <prefix>event_ids}, {@code
     * <prefix>layout}, {@code <prefix>schema_version}); defaults to {@code souverix_}. Stores with
     * different prefixes in one schema are independent.
     *
     * @param prefix a lower-case letter, then up to 39 lower-case letters, digits or underscores
     * @return this builder
     * @throws IllegalArgumentException if malformed
     * @throws IllegalStateException if already set
     */
    public Builder tablePrefix(String prefix) {
      Objects.requireNonNull(prefix, "prefix");
      if (!PREFIX.matcher(prefix).matches()) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT, "table prefix; expected to match %s, but got '%s'", PREFIX, prefix));
      }
      once("tablePrefix");
      this.tablePrefix = prefix;
      return this;
    }

    /**
     * Partitions the event table by a hash of the stream id into {@code count} partitions. A new
     * store is created so; an existing unpartitioned one is converted when opened (the rows are
     * copied in one transaction, during which writers wait). Unset, an existing table keeps its
     * layout and a new one is unpartitioned. Changing the count of a partitioned table is not
     * supported.
     *
     * @param count 1 to 1024
     * @return this builder
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if already set
     */
    public Builder partitions(int count) {
      if (count < 1 || count > 1024) {
        throw new IllegalArgumentException(
            String.format(Locale.ROOT, "partition count; expected 1 to 1024, but got %d", count));
      }
      once("partitions");
      this.partitions = count;
      return this;
    }

    /**
     * Sets {@code statement_timeout} for the store's sessions: a statement running longer fails
     * with {@code STORAGE_FAILURE} (an append then writes nothing). Unset, the server's setting
     * applies. Migrations run without a timeout.
     *
     * @param timeout 1 ms to 1 h
     * @return this builder
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if already set
     */
    public Builder statementTimeout(Duration timeout) {
      checkDuration("statement timeout", timeout, Duration.ofMillis(1), Duration.ofHours(1));
      once("statementTimeout");
      this.statementTimeout = timeout;
      return this;
    }

    /**
     * Sets how long a writer waits for another writer's lock before failing with {@code
     * STORAGE_FAILURE}; defaults to 10 s. 0 waits without limit.
     *
     * @param timeout 0 ms to 1 h
     * @return this builder
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if already set
     */
    public Builder lockTimeout(Duration timeout) {
      checkDuration("lock timeout", timeout, Duration.ZERO, Duration.ofHours(1));
      once("lockTimeout");
      this.lockTimeout = timeout;
      return this;
    }

    /**
     * Sets whether commits wait for their write-ahead log flush; defaults to {@link
     * SynchronousCommit#ON}. {@link SynchronousCommit#OFF} trades durability of the last
     * acknowledged appends on a server crash for latency.
     *
     * @param mode the mode; not null
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder synchronousCommit(SynchronousCommit mode) {
      Objects.requireNonNull(mode, "mode");
      once("synchronousCommit");
      this.synchronousCommit = mode;
      return this;
    }

    /**
     * Sets {@code application_name} of the store's sessions, shown in {@code pg_stat_activity};
     * defaults to {@code souverix-event-store}. The listening session gets {@code " listener"}
     * appended.
     *
     * @param name 1 to 50 characters
     * @return this builder
     * @throws IllegalArgumentException if empty or longer than 50 characters
     * @throws IllegalStateException if already set
     */
    public Builder applicationName(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isEmpty() || name.length() > 50) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT, "application name; expected 1 to 50 characters, but got '%s'", name));
      }
      once("applicationName");
      this.applicationName = name;
      return this;
    }

    /**
     * Sets how often a waiting subscriber rereads the head even without a notification, in case the
     * listening session died silently; defaults to 1 s. Notifications wake subscribers at once, and
     * a reconnected listening session wakes them too, so this bounds only the rare case.
     *
     * @param interval 10 ms to 10 min
     * @return this builder
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if already set
     */
    public Builder fallbackPoll(Duration interval) {
      checkDuration(
          "fallback poll interval", interval, Duration.ofMillis(10), Duration.ofMinutes(10));
      once("fallbackPoll");
      this.fallbackPoll = interval;
      return this;
    }

    /**
     * Opens the store, creating its tables, migrating them and converting the layout if needed.
     *
     * @return the open store; close it when done
     * @throws EventStoreException {@code STORAGE_FAILURE} if the database cannot be reached, the
     *     schema does not exist, the tables hold a newer schema than this version understands, or
     *     another partition count was asked for a partitioned table
     */
    public PostgresEventStore open() throws EventStoreException {
      SessionSettings settings =
          new SessionSettings(
              applicationName,
              statementTimeout == null ? -1 : statementTimeout.toMillis(),
              synchronousCommit == SynchronousCommit.OFF);
      Connections connections = new Connections(dataSource, MAX_IDLE_CONNECTIONS, settings);
      Connection conn = null;
      boolean broken = true;
      String where = "PostgreSQL database";
      try {
        conn = connections.borrow();
        // The URL's parameters may carry a password: keep them out of messages.
        String url = conn.getMetaData().getURL();
        where = url == null ? where : url.split("\\?", 2)[0];
        String schemaName = resolveSchema(conn, where);
        where = where + " schema " + schemaName;
        PostgresSchema tables = new PostgresSchema(schemaName, tablePrefix);
        int parts = tables.migrate(conn, partitions);
        broken = false;
        HeadListener listener = new HeadListener(dataSource, settings, tables.channel);
        return new PostgresEventStore(
            this, connections, listener, tables, parts, where + " table " + tablePrefix + "events");
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

    private String resolveSchema(Connection conn, String where)
        throws SQLException, EventStoreException {
      String sql =
          schema == null
              ? "SELECT current_schema()"
              : "SELECT nspname FROM pg_namespace WHERE nspname = ?";
      try (PreparedStatement ps = conn.prepareStatement(sql)) {
        if (schema != null) {
          ps.setString(1, schema);
        }
        try (ResultSet rs = ps.executeQuery()) {
          String found = rs.next() ? rs.getString(1) : null;
          if (found == null) {
            throw EventStoreException.of(
                EventStoreException.Code.STORAGE_FAILURE,
                String.format(
                    Locale.ROOT,
                    "schema of the event store in %s; expected %s, but got none",
                    where,
                    schema == null
                        ? "an existing schema from currentSchema or search_path"
                        : "existing schema '" + schema + "'"));
          }
          return found;
        }
      }
    }
  }

  /** One write transaction on one connection. */
  private static final class Tx implements WriteTransaction {
    private final Connection conn;
    private final PostgresSchema schema;
    private String context = "begin write transaction";

    Tx(Connection conn, PostgresSchema schema) {
      this.conn = conn;
      this.schema = schema;
    }

    @Override
    public Map<UUID, RecordedEvent> findByIds(Set<UUID> eventIds) throws EventStoreException {
      context = "look up event ids";
      try {
        // The key table first: one probe of its primary key per id, whatever the layout. Only a
        // retry finds anything, and only then are the events read.
        List<Long> positions = new ArrayList<>();
        try (PreparedStatement ps =
            conn.prepareStatement(
                "SELECT position FROM " + schema.eventIds + " WHERE event_id = ANY(?)")) {
          ps.setArray(1, conn.createArrayOf("uuid", eventIds.toArray()));
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              positions.add(rs.getLong(1));
            }
          }
        }
        Map<UUID, RecordedEvent> found = new HashMap<>();
        if (positions.isEmpty()) {
          return found;
        }
        try (PreparedStatement ps =
            conn.prepareStatement(schema.select + " WHERE position = ANY(?)")) {
          ps.setArray(1, conn.createArrayOf("bigint", positions.toArray()));
          for (RecordedEvent e : JdbcEvents.list(ps)) {
            found.put(e.eventId(), e);
          }
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
              schema.select + " WHERE stream_id = ? ORDER BY sequence DESC LIMIT 1")) {
        ps.setString(1, streamId);
        List<RecordedEvent> last = JdbcEvents.list(ps);
        return last.isEmpty() ? null : last.get(0);
      } catch (SQLException e) {
        throw PostgresErrors.map(context, e);
      }
    }

    @Override
    public long headPosition() throws EventStoreException {
      context = "read head position";
      try (PreparedStatement ps = conn.prepareStatement(schema.head)) {
        return JdbcEvents.firstLong(ps);
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
      int n = events.size();
      UUID[] ids = new UUID[n];
      Long[] positions = new Long[n];
      String[] streams = new String[n];
      Long[] sequences = new Long[n];
      String[] envelopes = new String[n];
      for (int i = 0; i < n; i++) {
        RecordedEvent e = events.get(i);
        ids[i] = e.eventId();
        positions[i] = e.position();
        streams[i] = e.streamId();
        sequences[i] = e.sequence();
        envelopes[i] = e.toJson();
      }
      // One statement, one round trip: the key table, the event table and the NOTIFY of the new
      // head, which PostgreSQL delivers only if and when this transaction commits.
      try (PreparedStatement ps = conn.prepareStatement(schema.insert)) {
        ps.setArray(1, conn.createArrayOf("uuid", ids));
        ps.setArray(2, conn.createArrayOf("bigint", positions));
        ps.setArray(3, conn.createArrayOf("uuid", ids));
        ps.setArray(4, conn.createArrayOf("bigint", positions));
        ps.setArray(5, conn.createArrayOf("text", streams));
        ps.setArray(6, conn.createArrayOf("bigint", sequences));
        ps.setArray(7, conn.createArrayOf("text", envelopes));
        ps.setString(8, schema.channel);
        ps.setString(9, Long.toString(events.get(n - 1).position()));
        ps.executeQuery().close();
      } catch (SQLException e) {
        throw PostgresErrors.map(context, e);
      }
    }
  }
}
