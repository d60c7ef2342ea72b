package io.souverix.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.souverix.lifecycle.event.EventIds;
import io.souverix.lifecycle.event.NewEvent;
import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.spi.EventStoreException;
import io.souverix.lifecycle.spi.ExpectedVersion;
import io.souverix.lifecycle.spi.Subscription;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Scale-out features on a real server: LISTEN/NOTIFY wake-ups and their recovery, the hash
 * partitioned layout and its migration, and the builder's options.
 */
class PostgresScaleOutTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-01T10:00:00.123456Z"), ZoneOffset.UTC);

  /** Far longer than any bound asserted below: only a notification can wake a waiter in time. */
  private static final Duration NO_POLL = Duration.ofSeconds(60);

  private static final Duration WAKE_BOUND = Duration.ofSeconds(10);

  private static PostgresServer server;

  private final EventIds ids = EventIds.create(CLOCK, new Random(7));
  private String url;

  @BeforeAll
  static void startServer() throws Exception {
    server = PostgresServer.start();
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  @BeforeEach
  void freshSchema() throws SQLException {
    url = server.freshSchemaUrl();
  }

  private NewEvent event(int index) {
    return NewEvent.builder("test.something_happened", 1)
        .eventId(ids.next())
        .occurredAt(CLOCK.instant())
        .actor("tester")
        .payload(Payload.of("index", index))
        .build();
  }

  private long queryLong(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String queryString(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** Terminates the sessions with this application name; returns how many. */
  private long terminate(String applicationName) throws SQLException {
    return queryLong(
        "SELECT count(pg_terminate_backend(pid, 5000)) FROM pg_stat_activity"
            + " WHERE application_name = '"
            + applicationName
            + "'");
  }

  /**
   * Starts a thread waiting for the head to reach {@code position} and returns once it is parked in
   * the wait, so what follows happens while it waits. The result is the wait's duration in
   * nanoseconds, or -1 if it timed out.
   */
  private static Waiter waitFor(PostgresEventStore store, long position) {
    Waiter w = new Waiter(store, position);
    w.thread.start();
    long deadline = System.nanoTime() + WAKE_BOUND.toNanos();
    while (w.thread.getState() != Thread.State.TIMED_WAITING
        && w.thread.isAlive()
        && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    return w;
  }

  private static final class Waiter {
    final AtomicLong elapsed = new AtomicLong(Long.MIN_VALUE);
    final AtomicReference<Throwable> failure = new AtomicReference<>();
    final Thread thread;

    Waiter(PostgresEventStore store, long position) {
      thread =
          new Thread(
              () -> {
                long t0 = System.nanoTime();
                try {
                  boolean reached = store.awaitHead(position, NO_POLL);
                  elapsed.set(reached ? System.nanoTime() - t0 : -1);
                } catch (Exception e) {
                  failure.set(e);
                }
              });
      thread.setDaemon(true);
    }

    Duration result() throws Exception {
      thread.join(NO_POLL.toMillis() + 5_000);
      if (failure.get() != null) {
        throw new AssertionError("waiter failed", failure.get());
      }
      return Duration.ofNanos(elapsed.get());
    }
  }

  @Test
  void awaitHead_appendThroughAnotherStore_wakesOnTheNotificationNotThePoll() throws Exception {
    try (PostgresEventStore subscriber =
            PostgresEventStore.newBuilder(url).clock(CLOCK).fallbackPoll(NO_POLL).open();
        PostgresEventStore writer = PostgresEventStore.open(url, CLOCK)) {
      assertThat(subscriber.awaitHead(1, Duration.ofMillis(50))).isFalse();
      assertThat(subscriber.listener().awaitConnections(1, WAKE_BOUND)).isTrue();

      Waiter waiter = waitFor(subscriber, 1);
      writer.append("node-1", ExpectedVersion.noStream(), List.of(event(1)));

      assertThat(waiter.result()).isPositive().isLessThan(WAKE_BOUND);
      assertThat(subscriber.listener().state().highestNotified()).isEqualTo(1);
    }
  }

  @Test
  void subscription_listeningSessionKilled_reconnectsAndMissesNothing() throws Exception {
    List<Long> delivered = new CopyOnWriteArrayList<>();
    try (PostgresEventStore subscriber =
            PostgresEventStore.newBuilder(url)
                .clock(CLOCK)
                .fallbackPoll(NO_POLL)
                .applicationName("killed-listener")
                .open();
        PostgresEventStore writer = PostgresEventStore.open(url, CLOCK);
        Subscription sub = subscriber.subscribe(1, e -> delivered.add(e.position()))) {
      for (int i = 1; i <= 3; i++) {
        writer.append("node-1", ExpectedVersion.any(), List.of(event(i)));
      }
      assertThat(sub.awaitDelivered(3, WAKE_BOUND)).isTrue();
      assertThat(subscriber.listener().awaitConnections(1, WAKE_BOUND)).isTrue();

      // A waiter parked before the kill; the appends land while the session is down or coming
      // back, so their notifications are lost, and the reconnection must wake the waiter.
      Waiter waiter = waitFor(subscriber, 4);
      assertThat(terminate("killed-listener listener")).isEqualTo(1);
      for (int i = 4; i <= 6; i++) {
        writer.append("node-1", ExpectedVersion.any(), List.of(event(i)));
      }
      assertThat(waiter.result()).isPositive().isLessThan(WAKE_BOUND);
      assertThat(sub.awaitDelivered(6, WAKE_BOUND)).isTrue();
      assertThat(subscriber.listener().awaitConnections(2, WAKE_BOUND)).isTrue();

      // Listening again: the next append wakes a waiter by its notification.
      Waiter next = waitFor(subscriber, 7);
      writer.append("node-1", ExpectedVersion.exactly(6), List.of(event(7)));
      assertThat(next.result()).isPositive().isLessThan(WAKE_BOUND);
      assertThat(sub.awaitDelivered(7, WAKE_BOUND)).isTrue();
      assertThat(sub.failure()).isEmpty();
      assertThat(delivered)
          .containsExactlyElementsOf(LongStream.rangeClosed(1, 7).boxed().toList());
    }
  }

  @Test
  void open_partitioned_spreadsStreamsOverHashPartitionsInOneGlobalOrder() throws Exception {
    try (PostgresEventStore store =
        PostgresEventStore.newBuilder(url).clock(CLOCK).partitions(4).open()) {
      assertThat(store.partitions()).isEqualTo(4);
      for (int i = 1; i <= 40; i++) {
        store.append("node-" + (i % 10), ExpectedVersion.any(), List.of(event(i)));
      }
      List<RecordedEvent> all = store.readAll(1, 100);
      assertThat(all)
          .extracting(RecordedEvent::position)
          .containsExactlyElementsOf(LongStream.rangeClosed(1, 40).boxed().toList());
      assertThat(store.readStream("node-3", 1, 10))
          .extracting(RecordedEvent::sequence)
          .containsExactly(1L, 2L, 3L, 4L);
    }
    assertThat(
            queryLong(
                "SELECT count(*) FROM pg_inherits WHERE inhparent = 'souverix_events'::regclass"))
        .isEqualTo(4);
    assertThat(queryLong("SELECT count(DISTINCT tableoid) FROM souverix_events"))
        .as("partitions holding rows")
        .isGreaterThan(1);
    // Event ids and positions are unique across partitions through the key table.
    assertThat(queryLong("SELECT count(*) FROM souverix_event_ids")).isEqualTo(40);
    SQLException dup =
        catchThrowableOfType(
            SQLException.class,
            () ->
                queryLong(
                    "INSERT INTO souverix_event_ids (event_id, position)"
                        + " SELECT event_id, 41 FROM souverix_event_ids WHERE position = 1"
                        + " RETURNING 1"));
    assertThat(dup.getSQLState()).isEqualTo(PostgresErrors.UNIQUE_VIOLATION);
  }

  @Test
  void open_partitionsOnUnpartitionedTable_convertsKeepingEventsAndRunningStores()
      throws Exception {
    try (PostgresEventStore running = PostgresEventStore.open(url, CLOCK)) {
      for (int i = 1; i <= 20; i++) {
        running.append("node-" + (i % 5), ExpectedVersion.any(), List.of(event(i)));
      }
      List<RecordedEvent> before = running.readAll(1, 100);

      try (PostgresEventStore converted =
          PostgresEventStore.newBuilder(url).clock(CLOCK).partitions(3).open()) {
        assertThat(converted.partitions()).isEqualTo(3);
        assertThat(converted.readAll(1, 100)).isEqualTo(before);

        // The store opened before the conversion carries on against the new table.
        RecordedEvent next =
            running
                .append("node-1", ExpectedVersion.exactly(4), List.of(event(21)))
                .events()
                .get(0);
        assertThat(next.position()).isEqualTo(21);
        assertThat(converted.readAll(21, 10)).containsExactly(next);
        NewEvent retried = event(22);
        converted.append("node-9", ExpectedVersion.noStream(), List.of(retried));
        assertThat(
                running.append("node-9", ExpectedVersion.noStream(), List.of(retried)).duplicate())
            .isTrue();
      }
    }
    assertThat(
            queryLong(
                "SELECT count(*) FROM pg_inherits WHERE inhparent = 'souverix_events'::regclass"))
        .isEqualTo(3);
    assertThat(queryLong("SELECT count(*) FROM souverix_layout")).isEqualTo(2);
    try (PostgresEventStore reopened = PostgresEventStore.open(url, CLOCK)) {
      assertThat(reopened.partitions()).as("layout kept when not asked").isEqualTo(3);
      assertThat(reopened.headPosition()).isEqualTo(22);
    }
  }

  @Test
  void open_otherPartitionCountThanTheTable_failsWithStorageFailure() throws Exception {
    PostgresEventStore.newBuilder(url).clock(CLOCK).partitions(2).open().close();

    EventStoreException e =
        catchThrowableOfType(
            EventStoreException.class,
            () -> PostgresEventStore.newBuilder(url).clock(CLOCK).partitions(8).open());

    assertThat(e.code()).isEqualTo(EventStoreException.Code.STORAGE_FAILURE);
    assertThat(e).hasMessageContaining("expected 8, but got 2");
  }

  @Test
  void open_version1Tables_migratesEventIdsIntoTheKeyTable() throws Exception {
    NewEvent first = event(1);
    try (PostgresEventStore store = PostgresEventStore.open(url, CLOCK)) {
      store.append("node-1", ExpectedVersion.noStream(), List.of(first, event(2)));
    }
    // Back to the tables as version 1 left them.
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement()) {
      st.execute("DROP TABLE souverix_event_ids");
      st.execute("DROP TABLE souverix_layout");
      st.execute("DELETE FROM souverix_schema_version WHERE version = 2");
    }

    try (PostgresEventStore store = PostgresEventStore.open(url, CLOCK)) {
      assertThat(queryLong("SELECT count(*) FROM souverix_event_ids")).isEqualTo(2);
      assertThat(queryLong("SELECT max(version) FROM souverix_schema_version")).isEqualTo(2);
      assertThat(store.headPosition()).isEqualTo(2);
      assertThat(store.append("node-1", ExpectedVersion.any(), List.of(first)).duplicate())
          .isTrue();
    }
  }

  @Test
  void builder_options_reachTablesAndSessions() throws Exception {
    server.execute("CREATE SCHEMA \"Fleet Ops\"");
    List<Connection> handedOut = new CopyOnWriteArrayList<>();
    PGSimpleDataSource plain = new PGSimpleDataSource();
    plain.setURL(server.baseUrl());
    DataSource recording = new RecordingDataSource(plain, handedOut);

    try (PostgresEventStore store =
        PostgresEventStore.newBuilder(recording)
            .clock(CLOCK)
            .schema("Fleet Ops")
            .tablePrefix("fleet_")
            .applicationName("options-test")
            .statementTimeout(Duration.ofMillis(4500))
            .synchronousCommit(PostgresEventStore.SynchronousCommit.OFF)
            .open()) {
      store.append("node-1", ExpectedVersion.noStream(), List.of(event(1)));

      Connection session = handedOut.get(0);
      assertThat(queryString(session, "SHOW application_name")).isEqualTo("options-test");
      assertThat(queryString(session, "SHOW statement_timeout")).isEqualTo("4500ms");
      assertThat(queryString(session, "SHOW synchronous_commit")).isEqualTo("off");
      assertThat(queryString(session, "SHOW transaction_isolation")).isEqualTo("read committed");
      assertThat(queryString(session, "SELECT count(*) FROM \"Fleet Ops\".fleet_events"))
          .isEqualTo("1");
      assertThat(store.toString()).contains("Fleet Ops").contains("fleet_events");
    }
  }

  @Test
  void builder_synchronousCommitDefault_raisesOffToOn() throws Exception {
    List<Connection> handedOut = new CopyOnWriteArrayList<>();
    PGSimpleDataSource plain = new PGSimpleDataSource();
    plain.setURL(url + "&options=-c%20synchronous_commit%3Doff");
    try (PostgresEventStore store =
        PostgresEventStore.newBuilder(new RecordingDataSource(plain, handedOut))
            .clock(CLOCK)
            .open()) {
      store.headPosition();
      assertThat(queryString(handedOut.get(0), "SHOW synchronous_commit")).isEqualTo("on");
      assertThat(queryString(handedOut.get(0), "SHOW application_name"))
          .isEqualTo("souverix-event-store");
    }
  }

  @Test
  void append_writeLockHeldPastTheStatementTimeout_failsWithStorageFailureWritingNothing()
      throws Exception {
    try (PostgresEventStore store =
            PostgresEventStore.newBuilder(url)
                .clock(CLOCK)
                .lockTimeout(Duration.ZERO)
                .statementTimeout(Duration.ofMillis(300))
                .open();
        Connection holder = DriverManager.getConnection(url);
        Statement st = holder.createStatement()) {
      st.execute("SELECT pg_advisory_lock(" + store.tables().writeLockKey + ")");

      EventStoreException e =
          catchThrowableOfType(
              EventStoreException.class,
              () -> store.append("node-1", ExpectedVersion.noStream(), List.of(event(1))));

      assertThat(e.code()).isEqualTo(EventStoreException.Code.STORAGE_FAILURE);
      assertThat(e).hasMessageContaining("take the write lock").hasMessageContaining("57014");
      st.execute("SELECT pg_advisory_unlock(" + store.tables().writeLockKey + ")");
      assertThat(store.headPosition()).isZero();
      assertThat(store.append("node-1", ExpectedVersion.noStream(), List.of(event(2))).events())
          .hasSize(1);
    }
  }

  @Test
  void builder_invalidOptions_areRejected() {
    PostgresEventStore.Builder b = PostgresEventStore.newBuilder(url);
    assertThatThrownBy(() -> b.tablePrefix("Fleet-"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("but got 'Fleet-'");
    assertThatThrownBy(() -> b.partitions(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected 1 to 1024, but got 0");
    assertThatThrownBy(() -> b.fallbackPoll(Duration.ofMillis(1)))
        .isInstanceOf(IllegalArgumentException.class);
    b.partitions(2);
    assertThatThrownBy(() -> b.partitions(2))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("partitions was already set");
  }

  @Test
  void open_schemaThatDoesNotExist_failsWithStorageFailure() {
    EventStoreException e =
        catchThrowableOfType(
            EventStoreException.class,
            () -> PostgresEventStore.newBuilder(url).schema("missing").open());
    assertThat(e.code()).isEqualTo(EventStoreException.Code.STORAGE_FAILURE);
    assertThat(e).hasMessageContaining("expected existing schema 'missing', but got none");
  }

  /** Hands out the delegate's connections and remembers them. */
  private static final class RecordingDataSource implements DataSource {
    private final DataSource delegate;
    private final List<Connection> handedOut;

    RecordingDataSource(DataSource delegate, List<Connection> handedOut) {
      this.delegate = delegate;
      this.handedOut = handedOut;
    }

    @Override
    public Connection getConnection() throws SQLException {
      Connection c = delegate.getConnection();
      handedOut.add(c);
      return c;
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
      return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
      delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
      delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
      return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() {
      return Logger.getLogger("recording");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      return delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
      return delegate.isWrapperFor(iface);
    }
  }
}
