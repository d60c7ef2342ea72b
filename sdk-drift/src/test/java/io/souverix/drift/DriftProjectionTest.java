package io.souverix.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.souverix.lifecycle.event.EventIds;
import io.souverix.lifecycle.event.EventType;
import io.souverix.lifecycle.event.NewEvent;
import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.projection.Partitioning;
import io.souverix.lifecycle.spi.EventStore;
import io.souverix.lifecycle.spi.ExpectedVersion;
import io.souverix.lifecycle.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DriftProjectionTest {
  static final Instant T0 = Instant.parse("2026-02-27T00:00:00Z");
  ManualClock clock;
  EventStore store;
  EventIds ids;

  @BeforeEach
  void setUp() {
    clock = ManualClock.at(T0);
    store = EventStore.inMemory(clock);
    ids = EventIds.create(clock, new Random(1));
  }

  void record(String stream, EventType type, Object... payload) throws Exception {
    clock.advance(Duration.ofMinutes(1));
    store.append(
        stream,
        ExpectedVersion.any(),
        List.of(
            NewEvent.builder(type)
                .eventId(ids.next())
                .occurredAt(clock.instant())
                .actor("test")
                .region("region-a")
                .payload(Payload.of(payload))
                .build()));
  }

  List<RecordedEvent> all() throws Exception {
    return store.readAll(1, 10_000);
  }

  void fleet() throws Exception {
    for (String n : List.of("n1", "n2", "n3")) {
      record(
          n + "/agent",
          EventType.SOFTWARE_REGISTERED,
          "node_id",
          n,
          "name",
          "agent",
          "kind",
          "container_image",
          "version",
          "1.4.6");
      record(
          n,
          EventType.NODE_DESIRED_STATE_CHANGED,
          "component",
          "agent",
          "version",
          "1.4.7",
          "source",
          "global");
    }
    record(
        "n2/agent",
        EventType.MAINTENANCE_PATCH_APPLIED,
        "from_version",
        "1.4.6",
        "to_version",
        "1.4.7",
        "patch_id",
        "p-1");
    record(
        "n3",
        EventType.NODE_DESIRED_STATE_CHANGED,
        "component",
        "policy",
        "policy_version",
        "policy-v2.1",
        "source",
        "global");
    record(
        "n3",
        EventType.NODE_POLICY_COMPLIANCE_EVALUATED,
        "policy",
        "disk-encryption",
        "policy_version",
        "policy-v2.0",
        "compliant",
        false,
        "score",
        0.0,
        "reasons",
        List.of("LUKS off"));
  }

  @Test
  void apply_events_statesAndIndexMatchTheScorer() throws Exception {
    fleet();
    DriftProjection p = DriftProjection.create(DriftScorer.withDefaults());
    for (RecordedEvent e : all()) {
      p.apply(e);
    }

    NodeState n1 = p.nodeState("n1").orElseThrow();
    assertThat(n1.components()).containsExactly(new NodeState.Component("agent", "1.4.7", "1.4.6"));
    assertThat(n1.region()).isEqualTo("region-a");
    assertThat(p.nodeState("n2").orElseThrow().components().get(0).actual()).isEqualTo("1.4.7");
    NodeState n3 = p.nodeState("n3").orElseThrow();
    assertThat(n3.policy().desiredVersion()).isEqualTo("policy-v2.1");
    assertThat(n3.policy().results())
        .containsExactly(new NodeState.PolicyResult("disk-encryption", false, 1.0));

    DriftScorer scorer = DriftScorer.withDefaults();
    DriftAnalysis batch = scorer.analyze(p.nodeStates(), clock.instant());
    assertThat(p.index().fleet()).isEqualTo(batch.fleet());
    assertThat(p.index().score("n2").getAsDouble()).isZero();
    assertThat(p.index().fleet().worst()).containsExactly("n3", "n1");
  }

  @Test
  void partitions_mergeToTheSingleWorkerSnapshot() throws Exception {
    fleet();
    record("n1", EventType.NODE_CONNECTIVITY_CHANGED, "state", "autonomous");
    record(
        "n1",
        EventType.NODE_DESIRED_STATE_CHANGED,
        "component",
        "agent",
        "version",
        "1.4.8",
        "source",
        "global");
    DriftScorer scorer = DriftScorer.withDefaults();
    DriftProjection single = DriftProjection.create(scorer);
    Partitioning parts = Partitioning.of(3);
    List<DriftProjection> workers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      workers.add(DriftProjection.create(scorer));
    }
    for (RecordedEvent e : all()) {
      single.apply(e);
      workers.get(parts.partitionOf(e.streamId())).apply(e);
    }

    DriftProjection.Snapshot merged =
        single.merge(workers.stream().map(DriftProjection::snapshot).toList());
    DriftProjection restored = DriftProjection.create(scorer);
    restored.restore(merged);

    assertThat(restored.nodeStates()).isEqualTo(single.nodeStates());
    assertThat(restored.index().fleet()).isEqualTo(single.index().fleet());
    assertThat(restored.syncDebt("n1", clock.instant(), SyncDebtTest.COSTS))
        .isEqualTo(single.syncDebt("n1", clock.instant(), SyncDebtTest.COSTS));
  }

  @Test
  void syncDebt_whileAutonomous_growsWithMissedDesiredState_zeroAfterReturn() throws Exception {
    fleet();
    DriftProjection p = DriftProjection.create(DriftScorer.withDefaults());
    record("n1", EventType.NODE_CONNECTIVITY_CHANGED, "state", "autonomous");
    Instant left = clock.instant();
    record(
        "n1",
        EventType.NODE_DESIRED_STATE_CHANGED,
        "component",
        "agent",
        "version",
        "1.4.8",
        "source",
        "global");
    record(
        "n1",
        EventType.NODE_DESIRED_STATE_CHANGED,
        "component",
        "policy",
        "policy_version",
        "policy-v3",
        "source",
        "global");
    for (RecordedEvent e : all()) {
      p.apply(e);
    }

    SyncDebt debt = p.syncDebt("n1", clock.instant(), SyncDebtTest.COSTS).orElseThrow();
    assertThat(debt.lastSync()).isEqualTo(left);
    assertThat(debt.backlog()).isEqualTo(new Backlog(2, 0, 1, 1));
    assertThat(p.syncDebt("n2", clock.instant(), SyncDebtTest.COSTS)).isEmpty();

    record("n1", EventType.NODE_CONNECTIVITY_CHANGED, "state", "connected");
    List<RecordedEvent> events = all();
    p.apply(events.get(events.size() - 1));
    assertThat(p.syncDebt("n1", clock.instant(), SyncDebtTest.COSTS)).isEmpty();
  }
}
