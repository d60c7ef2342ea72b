package io.souverix.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.souverix.lifecycle.event.EventIds;
import io.souverix.lifecycle.event.EventType;
import io.souverix.lifecycle.event.NewEvent;
import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.projection.CheckpointStore;
import io.souverix.lifecycle.projection.Connectivity;
import io.souverix.lifecycle.projection.CurrentState;
import io.souverix.lifecycle.projection.ProjectionRunner;
import io.souverix.lifecycle.projection.Timeline;
import io.souverix.lifecycle.spi.EventStore;
import io.souverix.lifecycle.spi.EventStoreException;
import io.souverix.lifecycle.spi.ExpectedVersion;
import io.souverix.lifecycle.time.ManualClock;
import io.souverix.store.sqlite.SqliteEventStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Projection rebuild from position 0 (CurrentState, Connectivity and Timeline, reading the SQLite
 * store page by page) against the raw baseline: Jackson decoding the same events' JSON envelopes.
 * Both score events per second; the target is rebuild &gt;= 40% of the baseline.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ProjectionRebuildBenchmark {
  /** The target: rebuild at least 40% of the events/s of the raw Jackson decode. */
  public static final double TARGET_RATIO = 0.4;

  /** Events in the fleet: 1,000 nodes with 20 lifecycle events each. */
  static final int NODES = 1_000;

  static final int EVENTS_PER_NODE = 20;
  static final int EVENTS = NODES * EVENTS_PER_NODE;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  Path dir;
  SqliteEventStore store;
  List<String> envelopes;

  @Setup(Level.Trial)
  public void setUp() throws IOException, EventStoreException {
    dir = TempDirs.create("souverix-rebuild-bench");
    ManualClock clock = ManualClock.at(Instant.parse("2026-01-01T00:00:00Z"));
    store =
        SqliteEventStore.newBuilder(dir.resolve("events.db"))
            .clock(clock)
            .synchronous(SqliteEventStore.Synchronous.NORMAL)
            .open();
    EventIds ids = EventIds.create(clock, new Random(1));
    for (int n = 0; n < NODES; n++) {
      String node = String.format(Locale.ROOT, "node-%06d", n);
      store.append(node, ExpectedVersion.noStream(), nodeEvents(node, n, ids, clock));
      clock.advance(Duration.ofSeconds(1));
    }
    envelopes = new ArrayList<>(EVENTS);
    for (long p = 1; p <= store.headPosition(); p += 1000) {
      for (RecordedEvent e : store.readAll(p, 1000)) {
        envelopes.add(e.toJson());
      }
    }
    if (envelopes.size() != EVENTS) {
      throw new IllegalStateException("fleet has " + envelopes.size() + " events");
    }
  }

  /** A node's life in 20 events of the catalogue: registration to rollout and connectivity. */
  static List<NewEvent> nodeEvents(String node, int n, EventIds ids, ManualClock clock) {
    String region = n % 3 == 0 ? "eu-west" : n % 3 == 1 ? "us-east" : "ap-south";
    List<NewEvent> events = new ArrayList<>(EVENTS_PER_NODE);
    events.add(
        event(
            EventType.NODE_SERIAL_REGISTERED,
            Payload.of(
                "serial", "SX-" + n,
                "model", "sx-" + (n % 4),
                "region", region,
                "cluster", region + "-c" + (n % 5),
                "manufacturing",
                    java.util.Map.of("origin", "plant-" + (n % 2), "batch_id", "B" + (n % 50))),
            ids,
            clock,
            region));
    events.add(stateChanged(null, "REGISTERED", "REGISTER", ids, clock, region));
    events.add(
        event(
            EventType.NODE_FIRMWARE_BASELINE_CAPTURED,
            Payload.of(
                "version", "2.1." + (n % 3),
                "digest", "sha256:" + "ab".repeat(32),
                "signature_chain", List.of("vendor-root", "vendor-fw-2026")),
            ids,
            clock,
            region));
    events.add(
        stateChanged("REGISTERED", "PROVISIONING", "BEGIN_PROVISIONING", ids, clock, region));
    events.add(
        event(
            EventType.NODE_TRUST_CHAIN_ESTABLISHED,
            Payload.of(
                "certificate_serial",
                "0x" + Integer.toHexString(n),
                "issuer",
                "CN=Factory CA",
                "not_after",
                "2030-01-01T00:00:00Z"),
            ids,
            clock,
            region));
    events.add(
        event(
            EventType.NODE_ATTESTATION_COMPLETED,
            Payload.of("kind", "initial", "passed", true, "verifier", "tpm", "reasons", List.of()),
            ids,
            clock,
            region));
    events.add(stateChanged("PROVISIONING", "ACTIVE", "ACTIVATE", ids, clock, region));
    for (int i = 0; i < 6; i++) {
      events.add(
          event(
              EventType.NODE_CONNECTIVITY_CHANGED,
              Payload.of("state", i % 2 == 0 ? "degraded" : "connected"),
              ids,
              clock,
              region));
      events.add(
          event(
              EventType.NODE_HEALTH_VALIDATED,
              Payload.of("healthy", true, "checks", List.of("disk", "net")),
              ids,
              clock,
              region));
    }
    events.add(
        event(
            EventType.ROLLOUT_PROGRESSED,
            Payload.of(
                "rollout_id",
                "r-1",
                "component",
                "agent",
                "version",
                "1.5.0",
                "wave",
                1,
                "status",
                "succeeded"),
            ids,
            clock,
            region));
    return events;
  }

  private static NewEvent stateChanged(
      String from, String to, String command, EventIds ids, ManualClock clock, String region) {
    java.util.Map<String, Object> p = new java.util.LinkedHashMap<>();
    p.put("component_kind", "hardware");
    p.put("from", from);
    p.put("to", to);
    p.put("command", command);
    return event(EventType.LIFECYCLE_STATE_CHANGED, Payload.of(p), ids, clock, region);
  }

  private static NewEvent event(
      EventType type, Payload payload, EventIds ids, ManualClock clock, String region) {
    return NewEvent.builder(type)
        .eventId(ids.next())
        .occurredAt(clock.instant())
        .actor("bench")
        .region(region)
        .payload(payload)
        .build();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException, EventStoreException {
    store.close();
    TempDirs.delete(dir);
  }

  /** Our path: replay the store from position 0 into three projections. */
  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public void rebuildProjections(Blackhole bh) throws EventStoreException {
    CurrentState current = CurrentState.create();
    Connectivity connectivity = Connectivity.create();
    Timeline timeline = Timeline.create();
    try (ProjectionRunner runner =
        ProjectionRunner.builder(store)
            .checkpoints(CheckpointStore.inMemory())
            .add(current)
            .add(connectivity)
            .add(timeline)
            .build()) {
      bh.consume(runner.rebuild());
    }
    bh.consume(current);
  }

  /** Raw baseline: Jackson decodes the same events' JSON envelopes, nothing else. */
  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public void rebuildRaw(Blackhole bh) throws IOException {
    for (String json : envelopes) {
      JsonNode node = MAPPER.readTree(json);
      bh.consume(node);
    }
  }

  /** Where the time goes: reading the store page by page without projecting (unpaired). */
  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public void readStore(Blackhole bh) throws EventStoreException {
    EventStore s = store;
    for (long p = 1; ; ) {
      List<RecordedEvent> page = s.readAll(p, 1000);
      if (page.isEmpty()) {
        break;
      }
      bh.consume(page);
      p = page.get(page.size() - 1).position() + 1;
    }
  }
}
