package io.souverix.benchmarks;

import io.souverix.lifecycle.event.NewEvent;
import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.spi.AppendResult;
import io.souverix.lifecycle.spi.EventStoreException;
import io.souverix.lifecycle.spi.ExpectedVersion;
import io.souverix.store.sqlite.SqliteEventStore;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.sqlite.SQLiteConfig;

/**
 * Batched appends to {@link SqliteEventStore} against a raw JDBC batched insert of the same rows
 * into the same schema, with the same pragmas, in the same run.
 *
 * <p>Each invocation writes one batch to a new node stream in one transaction: the store side calls
 * {@code append(stream, noStream(), events)}, which checks idempotency and the expected version,
 * seals (hashes) every event and inserts them; the raw side binds rows that were sealed before the
 * timer started (same columns, same hash chain) to one {@link PreparedStatement}, runs {@code
 * executeBatch} and commits. Scores are rows per second ({@link OperationsPerInvocation} is the
 * batch size). Each trial writes a fresh database file in a new temporary directory, deleted when
 * the trial ends.
 *
 * <p>Naming: a method {@code xRaw} is the baseline of the method {@code xStore}; {@link Ratios}
 * pairs them by that rule, and JMH, which runs benchmarks in name order, runs each pair back to
 * back so that both sides see the same machine load. {@code synchronous} defaults to {@code FULL};
 * run with {@code -p synchronous=NORMAL} (or {@code FULL,NORMAL}) for the other mode.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SqliteAppendBenchmark {
  /** The target: the store appends at least half the rows/s of the raw insert. */
  public static final double TARGET_RATIO = 0.5;

  private static final int BUSY_TIMEOUT_MILLIS = 10_000;

  /** Creates the benchmark; JMH calls this. */
  public SqliteAppendBenchmark() {}

  /**
   * Appends 100 events to a new stream through the store.
   *
   * @param s the store and the batch to append
   * @return the append's result, so that it is not optimised away
   * @throws EventStoreException if the append fails
   */
  @Benchmark
  @OperationsPerInvocation(100)
  public AppendResult batch100Store(StoreSide s) throws EventStoreException {
    return s.append();
  }

  /**
   * Inserts 100 precomputed rows of a new stream with raw JDBC.
   *
   * @param s the connection and the rows to insert
   * @return the number of rows inserted
   * @throws SQLException if the insert fails
   */
  @Benchmark
  @OperationsPerInvocation(100)
  public int batch100Raw(RawSide s) throws SQLException {
    return s.insert();
  }

  /**
   * Appends 1000 events to a new stream through the store.
   *
   * @param s the store and the batch to append
   * @return the append's result, so that it is not optimised away
   * @throws EventStoreException if the append fails
   */
  @Benchmark
  @OperationsPerInvocation(1000)
  public AppendResult batch1000Store(StoreSide s) throws EventStoreException {
    return s.append();
  }

  /**
   * Inserts 1000 precomputed rows of a new stream with raw JDBC.
   *
   * @param s the connection and the rows to insert
   * @return the number of rows inserted
   * @throws SQLException if the insert fails
   */
  @Benchmark
  @OperationsPerInvocation(1000)
  public int batch1000Raw(RawSide s) throws SQLException {
    return s.insert();
  }

  /** The store under test, on a fresh file per trial. */
  @State(Scope.Thread)
  public static class StoreSide {
    /** How the store syncs commits. */
    @Param({"FULL"})
    public SqliteEventStore.Synchronous synchronous = SqliteEventStore.Synchronous.FULL;

    Clock clock = Clock.systemUTC();
    private @Nullable Path dir;
    private @Nullable SqliteEventStore store;
    private @Nullable FleetEvents fleet;
    private int batchSize;
    private String streamId = "";
    private List<NewEvent> batch = List.of();

    /** Creates the state; JMH calls this. */
    public StoreSide() {}

    /**
     * Opens a store on a new file; the batch size is the benchmark's operations per invocation.
     *
     * @param params the running benchmark's parameters
     * @throws IOException if the temporary directory cannot be made
     * @throws EventStoreException if the store cannot be opened
     */
    @Setup(Level.Trial)
    public void open(BenchmarkParams params) throws IOException, EventStoreException {
      open(params.getOpsPerInvocation());
    }

    void open(int size) throws IOException, EventStoreException {
      batchSize = size;
      dir = TempDirs.create("souverix-bench-store-");
      store =
          SqliteEventStore.newBuilder(dir.resolve("events.db"))
              .clock(clock)
              .synchronous(synchronous)
              .busyTimeout(java.time.Duration.ofMillis(BUSY_TIMEOUT_MILLIS))
              .open();
      fleet = FleetEvents.create(clock, 42);
    }

    /** Makes the next batch: new event ids for a new stream, outside the timed code. */
    @Setup(Level.Invocation)
    public void nextBatch() {
      FleetEvents f = checkOpen(fleet);
      streamId = f.nextStreamId();
      batch = f.batch(streamId, batchSize);
    }

    AppendResult append() throws EventStoreException {
      return checkOpen(store).append(streamId, ExpectedVersion.noStream(), batch);
    }

    SqliteEventStore store() {
      return checkOpen(store);
    }

    /**
     * Closes the store and deletes its file.
     *
     * @throws IOException if the directory cannot be deleted
     * @throws EventStoreException if the store fails to close
     */
    @TearDown(Level.Trial)
    public void close() throws IOException, EventStoreException {
      if (store != null) {
        store.close();
        store = null;
      }
      if (dir != null) {
        TempDirs.delete(dir);
      }
    }

    @Nullable Path dir() {
      return dir;
    }
  }

  /**
   * The raw baseline: one JDBC connection to a file whose schema the store itself created, with the
   * store's pragmas (WAL, the same {@code synchronous}, the same busy timeout).
   */
  @State(Scope.Thread)
  public static class RawSide {
    /** How the connection syncs commits. */
    @Param({"FULL"})
    public SqliteEventStore.Synchronous synchronous = SqliteEventStore.Synchronous.FULL;

    Clock clock = Clock.systemUTC();
    private @Nullable Path dir;
    private @Nullable Path file;
    private @Nullable Connection conn;
    private @Nullable PreparedStatement insert;
    private @Nullable FleetEvents fleet;
    private int batchSize;
    private long position;
    private List<EventRow> rows = List.of();

    /** Creates the state; JMH calls this. */
    public RawSide() {}

    /**
     * Creates a fresh file with the store's schema and opens the raw connection; the batch size is
     * the benchmark's operations per invocation.
     *
     * @param params the running benchmark's parameters
     * @throws IOException if the temporary directory cannot be made
     * @throws EventStoreException if the store cannot create the schema
     * @throws SQLException if the connection cannot be opened
     */
    @Setup(Level.Trial)
    public void open(BenchmarkParams params) throws IOException, EventStoreException, SQLException {
      open(params.getOpsPerInvocation());
    }

    void open(int size) throws IOException, EventStoreException, SQLException {
      batchSize = size;
      dir = TempDirs.create("souverix-bench-raw-");
      file = dir.resolve("events.db");
      // The store creates the table, its constraints and WAL mode: the baseline writes into exactly
      // the schema the store would, without a copy of its DDL here.
      SqliteEventStore.newBuilder(file).synchronous(synchronous).open().close();
      conn = connect(file, synchronous);
      conn.setAutoCommit(false);
      insert = conn.prepareStatement(EventRow.INSERT);
      fleet = FleetEvents.create(clock, 42);
      position = 0;
    }

    /** Seals the next batch (hashes and all) outside the timed code. */
    @Setup(Level.Invocation)
    public void nextBatch() {
      FleetEvents f = checkOpen(fleet);
      String streamId = f.nextStreamId();
      prepare(streamId, f.batch(streamId, batchSize), clock.instant());
    }

    /** Seals {@code events} into rows of a new stream, as the store's append would. */
    void prepare(String streamId, List<NewEvent> events, Instant recordedAt) {
      List<EventRow> sealed = new ArrayList<>(events.size());
      String prev = null;
      long sequence = 0;
      for (NewEvent e : events) {
        RecordedEvent r = RecordedEvent.seal(e, streamId, ++sequence, prev, recordedAt, ++position);
        sealed.add(EventRow.of(r));
        prev = r.hash();
      }
      rows = sealed;
    }

    int insert() throws SQLException {
      PreparedStatement ps = checkOpen(insert);
      for (EventRow row : rows) {
        row.bind(ps);
        ps.addBatch();
      }
      ps.executeBatch();
      checkOpen(conn).commit();
      return rows.size();
    }

    /**
     * Closes the connection and deletes the file.
     *
     * @throws IOException if the directory cannot be deleted
     * @throws SQLException if the connection fails to close
     */
    @TearDown(Level.Trial)
    public void close() throws IOException, SQLException {
      if (conn != null) {
        conn.close();
        conn = null;
        insert = null;
      }
      if (dir != null) {
        TempDirs.delete(dir);
      }
    }

    @Nullable Path dir() {
      return dir;
    }

    Path file() {
      return checkOpen(file);
    }

    private static Connection connect(Path file, SqliteEventStore.Synchronous synchronous)
        throws SQLException {
      SQLiteConfig config = new SQLiteConfig();
      config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
      config.setSynchronous(
          synchronous == SqliteEventStore.Synchronous.FULL
              ? SQLiteConfig.SynchronousMode.FULL
              : SQLiteConfig.SynchronousMode.NORMAL);
      Connection c = config.createConnection("jdbc:sqlite:" + file);
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("PRAGMA journal_mode = WAL")) {
        String mode = rs.next() ? rs.getString(1) : null;
        if (!"wal".equalsIgnoreCase(mode)) {
          throw new SQLException(
              String.format(
                  Locale.ROOT, "journal mode of %s; expected wal, but got %s", file, mode));
        }
      } catch (SQLException | RuntimeException e) {
        c.close();
        throw e;
      }
      return c;
    }
  }

  private static <T> T checkOpen(@Nullable T part) {
    if (part == null) {
      throw new IllegalStateException(
          "benchmark state is not set up; expected open(), but got none");
    }
    return part;
  }
}
