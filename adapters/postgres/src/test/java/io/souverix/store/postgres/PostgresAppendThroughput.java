package io.souverix.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.souverix.lifecycle.event.EventIds;
import io.souverix.lifecycle.event.NewEvent;
import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.spi.ExpectedVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The append throughput harness of {@code docs/performance.md}: appends per second of the store
 * against a raw JDBC batched insert into an identical event table, in the same run, on one embedded
 * PostgreSQL server, alternating subject and baseline round by round. Not part of the normal build;
 * run with
 *
 * <pre>
 * mvn -q -o -pl adapters/postgres -am test -Dtest=PostgresAppendThroughput \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dsouverix.pg.throughput=true
 * </pre>
 *
 * The table goes to stdout and {@code adapters/postgres/target/postgres-throughput.txt}.
 */
class PostgresAppendThroughput {
  private static final int ROUNDS = Integer.getInteger("souverix.pg.rounds", 5);
  private static final long ROUND_NANOS =
      Long.getLong("souverix.pg.roundMillis", 2_000) * 1_000_000;

  @Test
  void measure() throws Exception {
    assumeTrue(Boolean.getBoolean("souverix.pg.throughput"), "-Dsouverix.pg.throughput=true");
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%-14s %6s %14s %14s %7s%n",
            "layout",
            "batch",
            "store rows/s",
            "raw rows/s",
            "ratio"));
    try (PostgresServer server = PostgresServer.start()) {
      for (int partitions : new int[] {0, 8}) {
        for (int batch : new int[] {100, 1000}) {
          double[] r = measure(server, partitions, batch);
          out.append(
              String.format(
                  Locale.ROOT,
                  "%-14s %6d %14.0f %14.0f %7.2f%n",
                  partitions == 0 ? "unpartitioned" : partitions + " partitions",
                  batch,
                  r[0],
                  r[1],
                  r[0] / r[1]));
        }
      }
    }
    System.out.print(out);
    Files.writeString(
        Path.of("target", "postgres-throughput.txt"), out.toString(), StandardCharsets.UTF_8);
  }

  /** Returns the median rows/s of the store and of the raw insert. */
  private static double[] measure(PostgresServer server, int partitions, int batch)
      throws Exception {
    Clock clock = Clock.systemUTC();
    EventIds ids = EventIds.create(clock, new Random(1));
    String storeUrl = server.freshSchemaUrl();
    String rawUrl = server.freshSchemaUrl();
    PostgresEventStore.Builder sb = PostgresEventStore.newBuilder(storeUrl).clock(clock);
    PostgresEventStore.Builder rb = PostgresEventStore.newBuilder(rawUrl).clock(clock);
    if (partitions > 0) {
      sb.partitions(partitions);
      rb.partitions(partitions);
    }
    rb.open().close(); // the same tables, for the raw insert
    List<Double> storeRates = new ArrayList<>();
    List<Double> rawRates = new ArrayList<>();
    try (PostgresEventStore store = sb.open();
        Connection raw = DriverManager.getConnection(rawUrl);
        PreparedStatement insert =
            raw.prepareStatement(
                "INSERT INTO souverix_events (position, event_id, stream_id, sequence, envelope)"
                    + " VALUES (?, ?, ?, ?, ?)")) {
      raw.setAutoCommit(false);
      String envelope =
          store
              .append("node-template", ExpectedVersion.any(), List.of(event(ids, 0)))
              .events()
              .get(0)
              .toJson();
      long rawPosition = 0;
      long appends = 0;
      for (int round = 0; round <= ROUNDS; round++) {
        // Subject: the store's append, events built outside the timed section as far as the API
        // lets (sealing and hashing is part of the append).
        long rows = 0;
        long start = System.nanoTime();
        while (System.nanoTime() - start < ROUND_NANOS) {
          List<NewEvent> events = new ArrayList<>(batch);
          for (int i = 0; i < batch; i++) {
            events.add(event(ids, i));
          }
          String stream = "node-" + (appends++ % 1000);
          store.append(stream, ExpectedVersion.any(), events);
          rows += batch;
        }
        double storeRate = rows * 1e9 / (System.nanoTime() - start);
        // Baseline: the same number of rows per transaction, batched, then commit.
        rows = 0;
        start = System.nanoTime();
        while (System.nanoTime() - start < ROUND_NANOS) {
          String stream = "raw-" + rawPosition;
          for (int i = 0; i < batch; i++) {
            insert.setLong(1, ++rawPosition);
            insert.setObject(2, UUID.randomUUID());
            insert.setString(3, stream);
            insert.setLong(4, i + 1);
            insert.setString(5, envelope);
            insert.addBatch();
          }
          insert.executeBatch();
          raw.commit();
          rows += batch;
        }
        double rawRate = rows * 1e9 / (System.nanoTime() - start);
        if (round > 0) { // round 0 warms up
          storeRates.add(storeRate);
          rawRates.add(rawRate);
        }
      }
    }
    assertThat(storeRates).isNotEmpty();
    return new double[] {median(storeRates), median(rawRates)};
  }

  private static NewEvent event(EventIds ids, int index) {
    return NewEvent.builder("test.something_happened", 1)
        .eventId(ids.next())
        .occurredAt(java.time.Instant.now())
        .actor("throughput")
        .payload(Payload.of("index", index, "site", "fra-1", "healthy", true))
        .build();
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(Double::compare);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
