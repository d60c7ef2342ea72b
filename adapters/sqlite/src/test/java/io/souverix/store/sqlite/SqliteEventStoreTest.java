package io.souverix.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.souverix.lifecycle.event.NewEvent;
import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.spi.AppendResult;
import io.souverix.lifecycle.spi.EventStoreException;
import io.souverix.lifecycle.spi.EventStoreException.Code;
import io.souverix.lifecycle.spi.ExpectedVersion;
import io.souverix.lifecycle.spi.Subscription;
import io.souverix.lifecycle.verify.ChainVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteEventStoreTest {
  @TempDir Path dir;
  Path file;
  SqliteEventStore store;
  final TestEvents events = new TestEvents(42);

  @BeforeEach
  void open() throws EventStoreException {
    file = dir.resolve("events.db");
    store = SqliteEventStore.open(file, TestEvents.CLOCK);
  }

  @AfterEach
  void close() throws EventStoreException {
    store.close();
  }

  @Nested
  class Contract {
    @Test
    void append_threeEvents_readBackInOrderWithChainedHashes() throws Exception {
      AppendResult r = store.append("node-1", ExpectedVersion.noStream(), events.batch(3, "a"));

      List<RecordedEvent> read = store.readStream("node-1", 1, 10);
      assertThat(read).containsExactlyElementsOf(r.events());
      assertThat(read).extracting(RecordedEvent::sequence).containsExactly(1L, 2L, 3L);
      assertThat(read).extracting(RecordedEvent::position).containsExactly(1L, 2L, 3L);
      assertThat(read.get(0).prevHash()).isNull();
      assertThat(read.get(1).prevHash()).isEqualTo(read.get(0).hash());
      assertThat(read.get(2).prevHash()).isEqualTo(read.get(1).hash());
      assertThat(read).allMatch(RecordedEvent::hashMatches);
      assertThat(read.get(0).recordedAt()).isEqualTo(TestEvents.CLOCK.instant());
      assertThat(store.readAll(1, 10)).containsExactlyElementsOf(read);
      assertThat(store.readStream("node-1", 3, 10)).containsExactly(read.get(2));
      assertThat(store.streamVersion("node-1")).isEqualTo(3);
      assertThat(store.streamVersion("node-2")).isZero();
      assertThat(store.headPosition()).isEqualTo(3);
    }

    @Test
    void append_staleExpectedVersion_throwsConflictAndWritesNothing() throws Exception {
      store.append("node-1", ExpectedVersion.noStream(), events.batch(2, "a"));

      assertThatThrownBy(
              () -> store.append("node-1", ExpectedVersion.exactly(1), events.batch(2, "b")))
          .isInstanceOfSatisfying(
              EventStoreException.class,
              e -> {
                assertThat(e.code()).isEqualTo(Code.CONCURRENCY_CONFLICT);
                assertThat(e.expectedVersion()).isEqualTo(1);
                assertThat(e.actualVersion()).isEqualTo(2);
              });
      assertThat(store.headPosition()).isEqualTo(2);
    }

    @Test
    void append_retryOfRecordedEvents_returnsOriginalsAsDuplicate() throws Exception {
      List<NewEvent> batch = events.batch(2, "a");
      AppendResult first = store.append("node-1", ExpectedVersion.noStream(), batch);

      AppendResult retry = store.append("node-1", ExpectedVersion.noStream(), batch);

      assertThat(retry.duplicate()).isTrue();
      assertThat(retry.events()).containsExactlyElementsOf(first.events());
      assertThat(store.headPosition()).isEqualTo(2);
    }

    @Test
    void append_batchMixingRecordedAndNewIds_throwsEventIdConflict() throws Exception {
      List<NewEvent> batch = events.batch(2, "a");
      store.append("node-1", ExpectedVersion.any(), batch);

      List<NewEvent> mixed = List.of(batch.get(0), events.event(Payload.empty()));
      assertThatThrownBy(() -> store.append("node-1", ExpectedVersion.any(), mixed))
          .extracting(e -> ((EventStoreException) e).code())
          .isEqualTo(Code.EVENT_ID_CONFLICT);
      assertThat(store.headPosition()).isEqualTo(2);
    }

    @Test
    void append_recordedIdWithOtherContent_throwsEventIdConflict() throws Exception {
      NewEvent original = events.event(Payload.of("v", 1));
      store.append("node-1", ExpectedVersion.any(), List.of(original));
      NewEvent changed =
          NewEvent.builder(original.type(), 1)
              .eventId(original.eventId())
              .occurredAt(original.occurredAt())
              .actor(original.actor())
              .payload(Payload.of("v", 2))
              .build();

      assertThatThrownBy(() -> store.append("node-1", ExpectedVersion.any(), List.of(changed)))
          .extracting(e -> ((EventStoreException) e).code())
          .isEqualTo(Code.EVENT_ID_CONFLICT);
      assertThatThrownBy(() -> store.append("node-2", ExpectedVersion.any(), List.of(original)))
          .extracting(e -> ((EventStoreException) e).code())
          .isEqualTo(Code.EVENT_ID_CONFLICT);
    }

    @Test
    void readAll_inPages_returnsEveryPositionOnceInOrder() throws Exception {
      for (int i = 0; i < 7; i++) {
        store.append("s-" + (i % 3), ExpectedVersion.any(), events.batch(3, "p" + i));
      }
      List<Long> positions = new ArrayList<>();
      long from = 1;
      for (List<RecordedEvent> page = store.readAll(from, 4);
          !page.isEmpty();
          page = store.readAll(from, 4)) {
        assertThat(page.size()).isLessThanOrEqualTo(4);
        page.forEach(e -> positions.add(e.position()));
        from = page.get(page.size() - 1).position() + 1;
      }
      assertThat(positions).hasSize(21).isSorted().doesNotHaveDuplicates();
      assertThat(positions.get(20)).isEqualTo(21);
    }

    @Test
    void subscribe_afterCatchUp_deliversLiveAppendsInOrder() throws Exception {
      store.append("node-1", ExpectedVersion.any(), events.batch(3, "old"));
      List<RecordedEvent> seen = Collections.synchronizedList(new ArrayList<>());
      try (Subscription sub = store.subscribe(1, seen::add)) {
        assertThat(sub.awaitDelivered(3, Duration.ofSeconds(10))).isTrue();
        store.append("node-2", ExpectedVersion.any(), events.batch(2, "new"));
        assertThat(sub.awaitDelivered(5, Duration.ofSeconds(10))).isTrue();
        assertThat(sub.failure()).isEmpty();
      }
      assertThat(seen).extracting(RecordedEvent::position).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void append_concurrentWritersOnOneStream_exactlyOneWinsEachVersion() throws Exception {
      int threads = 4;
      int rounds = 15;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<Integer>> wins = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        for (int t = 0; t < threads; t++) {
          TestEvents mine = new TestEvents(100 + t);
          wins.add(
              pool.submit(
                  () -> {
                    start.await();
                    int won = 0;
                    for (int v = 0; v < rounds * threads; v++) {
                      long current = store.streamVersion("hot");
                      try {
                        store.append("hot", ExpectedVersion.exactly(current), mine.batch(1, "w"));
                        won++;
                      } catch (EventStoreException e) {
                        assertThat(e.code()).isEqualTo(Code.CONCURRENCY_CONFLICT);
                      }
                    }
                    return won;
                  }));
        }
        start.countDown();
        int total = 0;
        for (Future<Integer> f : wins) {
          total += f.get(60, TimeUnit.SECONDS);
        }
        assertThat(store.streamVersion("hot")).isEqualTo(total);
        assertThat(store.readStream("hot", 1, 10_000))
            .extracting(RecordedEvent::sequence)
            .containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(1, total).boxed().toList());
        assertThat(ChainVerifier.verify(store).ok()).isTrue();
      } finally {
        pool.shutdownNow();
      }
    }

    @Test
    void append_unicodePayload_roundTripsExactly() throws Exception {
      Payload p =
          Payload.of(
              "text",
              "grüße 𝄞 \u20ac \"quoted\" \\ \n\t\u0001",
              "emoji😀key",
              List.of("דּ", "\u0080"));
      store.append("node-ü/😀", ExpectedVersion.any(), List.of(events.event(p)));
      store.close();
      store = SqliteEventStore.open(file, TestEvents.CLOCK);

      RecordedEvent e = store.readStream("node-ü/😀", 1, 1).get(0);
      assertThat(e.payload()).isEqualTo(p);
      assertThat(e.payload().text("text")).contains("grüße 𝄞 \u20ac \"quoted\" \\ \n\t\u0001");
      assertThat(e.hashMatches()).isTrue();
    }

    @Test
    void closedStore_everyOperation_throwsClosed() throws Exception {
      store.close();
      store.close(); // idempotent

      assertThatThrownBy(() -> store.append("n", ExpectedVersion.any(), events.batch(1, "x")))
          .extracting(e -> ((EventStoreException) e).code())
          .isEqualTo(Code.CLOSED);
      assertThatThrownBy(() -> store.readAll(1, 1))
          .extracting(e -> ((EventStoreException) e).code())
          .isEqualTo(Code.CLOSED);
      assertThatThrownBy(() -> store.readStream("n", 1, 1))
          .extracting(e -> ((EventStoreException) e).code())
          .isEqualTo(Code.CLOSED);
      assertThatThrownBy(() -> store.headPosition())
          .extracting(e -> ((EventStoreException) e).code())
          .isEqualTo(Code.CLOSED);
    }
  }

  @Nested
  class Storage {
    @Test
    void open_newFile_usesWalAndCurrentSchemaVersion() throws Exception {
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
          Statement st = c.createStatement()) {
        assertThat(scalar(st, "PRAGMA journal_mode")).isEqualTo("wal");
        assertThat(scalar(st, "PRAGMA user_version")).isEqualTo(String.valueOf(1));
      }
    }

    @Test
    void reopen_afterClose_keepsEveryEventAndContinuesTheChain() throws Exception {
      AppendResult before = store.append("node-1", ExpectedVersion.any(), events.batch(3, "a"));
      store.close();
      store = SqliteEventStore.open(file, TestEvents.CLOCK);

      assertThat(store.readAll(1, 10)).containsExactlyElementsOf(before.events());
      AppendResult after = store.append("node-1", ExpectedVersion.exactly(3), events.batch(1, "b"));
      assertThat(after.events().get(0).prevHash()).isEqualTo(before.events().get(2).hash());
      assertThat(after.lastPosition()).isEqualTo(4);
    }

    @Test
    void open_synchronousNormal_appendsAndReopens() throws Exception {
      Path other = dir.resolve("normal.db");
      try (SqliteEventStore s =
          SqliteEventStore.newBuilder(other)
              .clock(TestEvents.CLOCK)
              .synchronous(SqliteEventStore.Synchronous.NORMAL)
              .readConnections(1)
              .open()) {
        s.append("n", ExpectedVersion.any(), events.batch(2, "x"));
      }
      try (SqliteEventStore s = SqliteEventStore.open(other, TestEvents.CLOCK)) {
        assertThat(s.headPosition()).isEqualTo(2);
      }
    }

    @Test
    void twoStoresOnOneFile_interleavedAppends_shareOneValidOrder() throws Exception {
      try (SqliteEventStore second = SqliteEventStore.open(file, TestEvents.CLOCK)) {
        List<RecordedEvent> seen = Collections.synchronizedList(new ArrayList<>());
        try (Subscription sub = store.subscribe(1, seen::add)) {
          TestEvents others = new TestEvents(7);
          for (int i = 0; i < 5; i++) {
            store.append("shared", ExpectedVersion.any(), events.batch(2, "first"));
            second.append("shared", ExpectedVersion.any(), others.batch(2, "second"));
          }
          assertThatThrownBy(
                  () -> second.append("shared", ExpectedVersion.exactly(3), others.batch(1, "z")))
              .extracting(e -> ((EventStoreException) e).code())
              .isEqualTo(Code.CONCURRENCY_CONFLICT);
          // Appends through the other instance reach this one's subscriber by polling.
          assertThat(sub.awaitDelivered(20, Duration.ofSeconds(10))).isTrue();
        }
        assertThat(seen).extracting(RecordedEvent::sequence).isSorted().hasSize(20);
        assertThat(ChainVerifier.verify(store).ok()).isTrue();
        assertThat(second.readAll(1, 100)).containsExactlyElementsOf(store.readAll(1, 100));
      }
    }

    @Test
    void append_whileAnotherConnectionHoldsTheWriteLock_failsAfterBusyTimeout() throws Exception {
      try (SqliteEventStore impatient =
              SqliteEventStore.newBuilder(file)
                  .clock(TestEvents.CLOCK)
                  .busyTimeout(Duration.ofMillis(200))
                  .open();
          Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
          Statement st = other.createStatement()) {
        st.execute("BEGIN IMMEDIATE");
        long started = System.nanoTime();

        assertThatThrownBy(() -> impatient.append("n", ExpectedVersion.any(), events.batch(1, "x")))
            .isInstanceOfSatisfying(
                EventStoreException.class,
                e -> {
                  assertThat(e.code()).isEqualTo(Code.STORAGE_FAILURE);
                  assertThat(e.getMessage()).contains("busy timeout");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - started))
            .isGreaterThanOrEqualTo(Duration.ofMillis(150));
        st.execute("ROLLBACK");

        impatient.append("n", ExpectedVersion.any(), events.batch(1, "y"));
        assertThat(store.headPosition()).isEqualTo(1);
      }
    }

    @Test
    void open_fileWithNewerSchemaVersion_throwsStorageFailure() throws Exception {
      store.close();
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
          Statement st = c.createStatement()) {
        st.execute("PRAGMA user_version = 99");
      }

      assertThatThrownBy(() -> SqliteEventStore.open(file, TestEvents.CLOCK))
          .isInstanceOfSatisfying(
              EventStoreException.class,
              e -> {
                assertThat(e.code()).isEqualTo(Code.STORAGE_FAILURE);
                assertThat(e.getMessage()).contains("expected at most 1, but got 99");
              });
    }

    @Test
    void open_fileThatIsNotADatabase_throwsStorageFailure() throws Exception {
      Path junk = dir.resolve("junk.db");
      Files.writeString(junk, "this is not a SQLite database, just some text ".repeat(100));

      assertThatThrownBy(() -> SqliteEventStore.open(junk, TestEvents.CLOCK))
          .isInstanceOfSatisfying(
              EventStoreException.class,
              e -> {
                assertThat(e.code()).isEqualTo(Code.STORAGE_FAILURE);
                assertThat(e.getMessage()).contains(junk.toString());
              });
    }

    @Test
    void readAll_rowWithMalformedEventId_throwsCorrupted() throws Exception {
      store.append("n", ExpectedVersion.any(), events.batch(2, "x"));
      execute(
          "UPDATE events SET envelope = json_set(envelope, '$.eventId', 'not-a-uuid')"
              + " WHERE position = 2");

      assertThatThrownBy(() -> store.readAll(1, 10))
          .isInstanceOfSatisfying(
              EventStoreException.class,
              e -> {
                assertThat(e.code()).isEqualTo(Code.CORRUPTED);
                assertThat(e.getMessage()).contains("position 2");
              });
      assertThat(store.readAll(1, 1)).hasSize(1);
    }

    @Test
    void uniqueViolation_fromSqlite_mapsToConcurrencyConflict() throws Exception {
      store.append("n", ExpectedVersion.any(), events.batch(1, "x"));
      SQLException violation = null;
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
          Statement st = c.createStatement()) {
        st.executeUpdate(
            "INSERT INTO events SELECT position + 1, event_id, stream_id, 2, envelope FROM events"
                + " WHERE position = 1");
      } catch (SQLException e) {
        violation = e;
      }
      assertThat((Throwable) violation).isNotNull();

      EventStoreException mapped = SqliteErrors.map("insert", violation);
      assertThat(mapped.code()).isEqualTo(Code.CONCURRENCY_CONFLICT);
      assertThat(mapped.getCause()).isSameAs(violation);
      assertThat(SqliteErrors.map("x", new SQLException("disk I/O error", "", 10)).code())
          .isEqualTo(Code.STORAGE_FAILURE);
    }

    @Test
    void builder_optionSetTwice_throwsIllegalState() {
      SqliteEventStore.Builder b = SqliteEventStore.newBuilder(file).readConnections(2);

      assertThatThrownBy(() -> b.readConnections(3)).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> SqliteEventStore.newBuilder(file).readConnections(0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("expected 1 to 64, but got 0");
    }
  }

  void execute(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = c.createStatement()) {
      st.executeUpdate(sql);
    }
  }

  static String scalar(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
