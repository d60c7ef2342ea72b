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
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Behaviour specific to the PostgreSQL store, on a real server. */
class PostgresEventStoreTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-01T10:00:00.123456Z"), ZoneOffset.UTC);
  private static PostgresServer server;

  private final EventIds ids = EventIds.create(CLOCK, new Random(42));
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

  private NewEvent event(String label, int index) {
    return NewEvent.builder("test.something_happened", 1)
        .eventId(ids.next())
        .occurredAt(CLOCK.instant())
        .actor("tester")
        .payload(Payload.of("label", label, "index", index))
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

  @Test
  void twoStores_concurrentAppends_readerSeesEveryPositionInOrderWithoutGaps() throws Exception {
    int perWriter = 60;
    List<List<NewEvent>> work = new ArrayList<>();
    for (int w = 0; w < 3; w++) {
      List<NewEvent> events = new ArrayList<>();
      for (int i = 0; i < perWriter; i++) {
        events.add(event("w" + w, i));
      }
      work.add(events);
    }
    int total = 3 * perWriter;
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (PostgresEventStore a = PostgresEventStore.open(url, CLOCK);
        PostgresEventStore b = PostgresEventStore.open(url, CLOCK);
        PostgresEventStore reader = PostgresEventStore.open(url, CLOCK)) {
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < work.size(); w++) {
        PostgresEventStore store = w % 2 == 0 ? a : b;
        List<NewEvent> events = work.get(w);
        String stream = "node-" + w;
        writers.add(
            pool.submit(
                () -> {
                  for (NewEvent e : events) {
                    store.append(stream, ExpectedVersion.any(), List.of(e));
                  }
                  return null;
                }));
      }
      // A tailing reader: every page must start exactly where the last one ended, so a late
      // commit of a lower position would show up as a gap followed by the missing position.
      List<RecordedEvent> seen = new ArrayList<>();
      long next = 1;
      while (next <= total) {
        List<RecordedEvent> page = reader.readAll(next, 50);
        for (RecordedEvent e : page) {
          assertThat(e.position()).as("position after %d", next - 1).isEqualTo(next);
          seen.add(e);
          next++;
        }
        if (page.isEmpty()) {
          reader.awaitHead(next, java.time.Duration.ofSeconds(10));
        }
      }
      for (Future<?> f : writers) {
        f.get(30, TimeUnit.SECONDS);
      }
      assertThat(seen).hasSize(total);
      assertThat(a.headPosition()).isEqualTo(total);
      for (int w = 0; w < work.size(); w++) {
        assertThat(a.streamVersion("node-" + w)).isEqualTo(perWriter);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void open_twice_appliesEachMigrationOnce() throws Exception {
    PostgresEventStore.open(url, CLOCK).close();
    try (PostgresEventStore store = PostgresEventStore.open(url, CLOCK)) {
      store.append("node-1", ExpectedVersion.noStream(), List.of(event("x", 1)));
    }
    assertThat(queryLong("SELECT count(*) FROM souverix_schema_version"))
        .isEqualTo(PostgresSchema.CURRENT_VERSION);
    assertThat(queryLong("SELECT max(version) FROM souverix_schema_version"))
        .isEqualTo(PostgresSchema.CURRENT_VERSION);
    assertThat(queryLong("SELECT count(*) FROM souverix_events")).isEqualTo(1);
  }

  @Test
  void open_schemaNewerThanCode_failsWithStorageFailure() throws Exception {
    PostgresEventStore.open(url, CLOCK).close();
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement()) {
      st.execute("INSERT INTO souverix_schema_version (version) VALUES (99)");
    }
    EventStoreException e =
        catchThrowableOfType(EventStoreException.class, () -> PostgresEventStore.open(url, CLOCK));
    assertThat(e.code()).isEqualTo(EventStoreException.Code.STORAGE_FAILURE);
    assertThat(e).hasMessageContaining("expected at most 2, but got 99");
  }

  @Test
  void open_notAPostgresUrl_isRejected() {
    assertThatThrownBy(() -> PostgresEventStore.open("jdbc:sqlite:/tmp/x.db", CLOCK))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected one starting with jdbc:postgresql:");
  }

  @Test
  void open_unreachableServer_failsWithStorageFailureWithoutThePassword() {
    EventStoreException e =
        catchThrowableOfType(
            EventStoreException.class,
            () ->
                PostgresEventStore.open(
                    "jdbc:postgresql://127.0.0.1:1/none?user=u&password=secret&connectTimeout=2",
                    CLOCK));
    assertThat(e.code()).isEqualTo(EventStoreException.Code.STORAGE_FAILURE);
    assertThat(e.getMessage()).doesNotContain("secret");
  }

  @Test
  void read_afterServerDroppedTheConnection_failsOnceThenReconnects() throws Exception {
    try (PostgresEventStore store = PostgresEventStore.open(url, CLOCK)) {
      store.append("node-1", ExpectedVersion.noStream(), List.of(event("x", 1)));
      server.execute(
          "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity"
              + " WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()");
      EventStoreException e = catchThrowableOfType(EventStoreException.class, store::headPosition);
      assertThat(e.code()).isEqualTo(EventStoreException.Code.STORAGE_FAILURE);
      assertThat(store.headPosition()).isEqualTo(1);
      assertThat(
              store
                  .append("node-1", ExpectedVersion.exactly(1), List.of(event("x", 2)))
                  .events()
                  .get(0)
                  .position())
          .isEqualTo(2);
    }
  }

  @Test
  void map_uniqueViolation_isConcurrencyConflict() {
    SQLException direct = new SQLException("duplicate key", PostgresErrors.UNIQUE_VIOLATION);
    BatchUpdateException batch = new BatchUpdateException("batch failed", "22000", new int[0]);
    batch.setNextException(new SQLException("duplicate key", PostgresErrors.UNIQUE_VIOLATION));

    assertThat(PostgresErrors.map("insert", direct).code())
        .isEqualTo(EventStoreException.Code.CONCURRENCY_CONFLICT);
    assertThat(PostgresErrors.map("insert", batch).code())
        .isEqualTo(EventStoreException.Code.CONCURRENCY_CONFLICT);
  }

  @Test
  void map_otherFailures_areStorageFailures() {
    SQLException lockTimeout = new SQLException("lock timeout", "55P03");
    SQLException gone = new SQLException("connection lost", "08006");

    assertThat(PostgresErrors.map("take the write lock", lockTimeout).code())
        .isEqualTo(EventStoreException.Code.STORAGE_FAILURE);
    assertThat(PostgresErrors.map("take the write lock", lockTimeout))
        .hasMessageContaining("take the write lock failed")
        .hasMessageContaining("55P03");
    assertThat(PostgresErrors.isConnectionBroken(gone)).isTrue();
    assertThat(PostgresErrors.isConnectionBroken(lockTimeout)).isFalse();
  }
}
