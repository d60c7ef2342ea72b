package io.souverix.benchmarks;

import io.souverix.lifecycle.event.EventType;
import io.souverix.lifecycle.event.NewEvent;
import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.supplychain.hardware.BatchIndex;
import io.souverix.supplychain.hardware.RecallQuery;
import io.souverix.supplychain.hardware.RecallResult;
import io.souverix.supplychain.version.VersionException;
import io.souverix.supplychain.version.VersionScheme;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Recall queries over 1,000,000 nodes in 100 batches (10,000 per batch, 100 regions, 20 firmware
 * versions): "every active node of batch X whose firmware is below Y, per region". The target is
 * under 50 ms per query. {@code recallClean} queries an index whose batch arrays are sorted; {@code
 * recallAfterUpdate} applies one firmware update to the queried batch first, so every query pays
 * the batch's re-sort (the worst case of a live fleet).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx4g"})
public class RecallQueryBenchmark {
  static final int NODES = 1_000_000;
  static final int BATCHES = 100;
  static final int REGIONS = 100;
  static final int VERSIONS = 20;

  private BatchIndex index;
  private RecallQuery query;
  private RecordedEvent[] toggles;
  private int next;

  /** Builds the fleet through a snapshot restore (events would only slow the setup down). */
  @Setup(Level.Trial)
  public void setUp() {
    index = BatchIndex.create(VersionScheme.SEMVER, d -> -1);
    Random random = new Random(42);
    List<BatchIndex.NodeRow> rows = new ArrayList<>(NODES);
    for (int i = 0; i < NODES; i++) {
      int v = random.nextInt(VERSIONS);
      rows.add(
          new BatchIndex.NodeRow(
              "node-" + i,
              "B" + (i % BATCHES),
              "region-" + random.nextInt(REGIONS),
              random.nextInt(20) == 0 ? "DECOMMISSIONED" : "ACTIVE",
              "1." + v + ".0",
              null,
              v));
    }
    index.restore(new BatchIndex.Snapshot(List.of(), rows));
    query = RecallQuery.batch("B42").firmwareBelow("1.10.0");
    toggles = new RecordedEvent[2];
    for (int t = 0; t < 2; t++) {
      NewEvent e =
          NewEvent.builder(EventType.of("maintenance.firmware_updated", 1))
              .eventId(UUID.randomUUID())
              .occurredAt(Instant.parse("2026-01-15T00:00:00Z"))
              .actor("bench")
              .payload(
                  Payload.of(
                      "from_version",
                      "1.0.0",
                      "to_version",
                      t == 0 ? "1.19.0" : "1.0.0",
                      "digest",
                      "sha256:" + "a".repeat(64),
                      "mode",
                      "scheduled"))
              .build();
      toggles[t] = RecordedEvent.seal(e, "node-42", 1, null, Instant.EPOCH, 1);
    }
    try {
      if (index.recall(query).count() == 0) {
        throw new IllegalStateException("the benchmark query matches nothing");
      }
    } catch (VersionException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * One recall query on sorted arrays.
   *
   * @return the result, so that the JIT cannot drop the query
   * @throws VersionException never: the bound is a valid version
   */
  @Benchmark
  public RecallResult recallClean() throws VersionException {
    return index.recall(query);
  }

  /**
   * One firmware update in the queried batch, then the query (which re-sorts the batch).
   *
   * @return the result
   * @throws VersionException never: the bound is a valid version
   */
  @Benchmark
  public RecallResult recallAfterUpdate() throws VersionException {
    index.apply(toggles[next++ & 1]);
    return index.recall(query);
  }
}
