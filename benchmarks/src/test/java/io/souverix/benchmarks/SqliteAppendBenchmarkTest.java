package io.souverix.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.souverix.lifecycle.event.NewEvent;
import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.spi.AppendResult;
import io.souverix.lifecycle.spi.ExpectedVersion;
import io.souverix.store.sqlite.SqliteEventStore;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs each benchmark's code once, outside JMH: trial setup, invocation setup, the benchmark method
 * and teardown, and checks what it wrote. A broken benchmark fails {@code mvn verify} here instead
 * of in a long JMH run.
 */
class SqliteAppendBenchmarkTest {
  private static final int BATCH = 7;

  private final SqliteAppendBenchmark bench = new SqliteAppendBenchmark();

  @Test
  void storeMethods_oneInvocationEach_appendIntactNodeStreams() throws Exception {
    SqliteAppendBenchmark.StoreSide s = new SqliteAppendBenchmark.StoreSide();
    s.synchronous = SqliteEventStore.Synchronous.NORMAL;
    s.open(BATCH);
    Path dir = s.dir();
    try {
      s.nextBatch();
      AppendResult first = bench.batch100Store(s);
      s.nextBatch();
      AppendResult second = bench.batch1000Store(s);

      assertThat(first.events()).hasSize(BATCH);
      assertThat(second.events()).hasSize(BATCH);
      assertThat(first.events().get(0).streamId()).isNotEqualTo(second.events().get(0).streamId());
      List<RecordedEvent> all = s.store().readAll(1, 100);
      assertThat(all).hasSize(2 * BATCH);
      assertThat(all).allMatch(RecordedEvent::hashMatches);
      assertThat(all.get(0).type()).isEqualTo("node.serial_registered");
      assertThat(all.get(1).type()).isEqualTo("node.attestation_completed");
      assertThat(all.get(2).type()).isEqualTo("node.health_validated");
    } finally {
      s.close();
    }
    assertThat(dir).doesNotExist();
  }

  @Test
  void rawMethods_oneInvocationEach_insertRowsTheStoreReadsAsIntactChains() throws Exception {
    SqliteAppendBenchmark.RawSide s = new SqliteAppendBenchmark.RawSide();
    s.synchronous = SqliteEventStore.Synchronous.NORMAL;
    s.open(BATCH);
    Path dir = s.dir();
    try {
      s.nextBatch();
      assertThat(bench.batch100Raw(s)).isEqualTo(BATCH);
      s.nextBatch();
      assertThat(bench.batch1000Raw(s)).isEqualTo(BATCH);

      try (SqliteEventStore store = SqliteEventStore.open(s.file(), Clock.systemUTC())) {
        List<RecordedEvent> all = store.readAll(1, 100);
        assertThat(all).hasSize(2 * BATCH);
        assertThat(all).extracting(RecordedEvent::position).containsExactly(positions(2 * BATCH));
        assertThat(all).allMatch(RecordedEvent::hashMatches);
        for (int i = 1; i < all.size(); i++) {
          RecordedEvent prev = all.get(i - 1);
          RecordedEvent e = all.get(i);
          if (e.streamId().equals(prev.streamId())) {
            assertThat(e.prevHash()).isEqualTo(prev.hash());
          } else {
            assertThat(e.sequence()).isEqualTo(1);
            assertThat(e.prevHash()).isNull();
          }
        }
        // The store accepts the next append to a raw-written stream: the chain is its own.
        String stream = all.get(0).streamId();
        NewEvent next = all.get(1).toNewEvent();
        NewEvent fresh =
            NewEvent.builder(next.type(), next.schemaVersion())
                .eventId(java.util.UUID.randomUUID())
                .occurredAt(next.occurredAt())
                .actor(next.actor())
                .payload(next.payload())
                .build();
        assertThat(store.append(stream, ExpectedVersion.exactly(BATCH), List.of(fresh)).events())
            .singleElement()
            .satisfies(r -> assertThat(r.prevHash()).isEqualTo(all.get(BATCH - 1).hash()));
      }
    } finally {
      s.close();
    }
    assertThat(dir).doesNotExist();
  }

  @Test
  void rawSide_sameEventsAndClock_writesRowsIdenticalToTheStore(@TempDir Path tmp)
      throws Exception {
    Clock fixed = Clock.fixed(Instant.parse("2026-05-04T10:15:30.123456Z"), ZoneOffset.UTC);
    FleetEvents fleet = FleetEvents.create(fixed, 7);
    String stream = fleet.nextStreamId();
    List<NewEvent> events = fleet.batch(stream, BATCH);

    Path storeFile = tmp.resolve("store.db");
    try (SqliteEventStore store =
        SqliteEventStore.newBuilder(storeFile)
            .clock(fixed)
            .synchronous(SqliteEventStore.Synchronous.NORMAL)
            .open()) {
      store.append(stream, ExpectedVersion.noStream(), events);
    }
    SqliteAppendBenchmark.RawSide raw = new SqliteAppendBenchmark.RawSide();
    raw.synchronous = SqliteEventStore.Synchronous.NORMAL;
    raw.open(BATCH);
    List<List<Object>> rawRows;
    try {
      raw.prepare(stream, events, fixed.instant());
      raw.insert();
      rawRows = rows(raw.file());
    } finally {
      raw.close();
    }

    List<List<Object>> storeRows = rows(storeFile);
    assertThat(storeRows).hasSize(BATCH);
    assertThat(rawRows).isEqualTo(storeRows);
  }

  @Test
  void benchmarkList_generatedByTheAnnotationProcessor_namesEveryBenchmark() throws Exception {
    String list;
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream("META-INF/BenchmarkList")) {
      assertThat(in).as("META-INF/BenchmarkList on the class path").isNotNull();
      list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(list).contains("batch100Store", "batch100Raw", "batch1000Store", "batch1000Raw");
  }

  private static Long[] positions(int n) {
    Long[] p = new Long[n];
    for (int i = 0; i < n; i++) {
      p[i] = (long) i + 1;
    }
    return p;
  }

  private static List<List<Object>> rows(Path file) throws Exception {
    List<List<Object>> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT * FROM events ORDER BY position")) {
      ResultSetMetaData meta = rs.getMetaData();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.add(String.valueOf(rs.getObject(i)));
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
