package io.souverix.supplychain.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.souverix.lifecycle.event.EventIds;
import io.souverix.lifecycle.event.EventType;
import io.souverix.lifecycle.event.NewEvent;
import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.projection.ProjectionRunner;
import io.souverix.lifecycle.schema.EventSchemas;
import io.souverix.lifecycle.spi.EventStore;
import io.souverix.lifecycle.spi.ExpectedVersion;
import io.souverix.lifecycle.time.ManualClock;
import io.souverix.supplychain.version.VersionException;
import io.souverix.supplychain.version.VersionScheme;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Batch tracking through a real (validating, in-memory) store and the projection runner. */
class BatchIndexTest {
  private static final String DIGEST_A = "sha256:" + "a".repeat(64);
  private static final String DIGEST_B = "sha256:" + "b".repeat(64);
  private static final String DIGEST_C = "sha256:" + "c".repeat(64);

  private final ManualClock clock = ManualClock.at(Instant.parse("2026-01-15T00:00:00Z"));
  private final EventIds ids = EventIds.create(clock, new Random(7));
  private final Map<String, Long> svn = new HashMap<>(Map.of(DIGEST_A, 3L, DIGEST_B, 5L));
  private EventStore store;
  private BatchIndex index;
  private ProjectionRunner runner;

  @BeforeEach
  void setUp() {
    store = EventSchemas.builtIn().validating(EventStore.inMemory(clock));
    index = BatchIndex.create(VersionScheme.SEMVER, d -> svn.getOrDefault(d, -1L));
    runner = ProjectionRunner.builder(store).add(index).build();
  }

  private NewEvent event(String type, Payload p) {
    return NewEvent.builder(EventType.of(type, 1))
        .eventId(ids.next())
        .occurredAt(clock.instant())
        .actor("provisioner")
        .payload(p)
        .build();
  }

  private NewEvent state(String from, String to, String command) {
    return event(
        "lifecycle.state_changed",
        Payload.of("component_kind", "hardware", "from", from, "to", to, "command", command));
  }

  private void node(
      String id, String batch, String region, String fw, String digest, boolean active)
      throws Exception {
    List<NewEvent> events =
        new java.util.ArrayList<>(
            List.of(
                NewEvent.builder(EventType.of("node.serial_registered", 2))
                    .eventId(ids.next())
                    .occurredAt(clock.instant())
                    .actor("provisioner")
                    .payload(
                        Payload.of(
                            "serial", "SN-" + id, "model", "X1", "region", region, "cluster", "c1"))
                    .build(),
                state(null, "REGISTERED", "REGISTER"),
                ManufacturingRecord.of("Acme", batch, LocalDate.of(2026, 1, 2))
                    .toEvent(ids.next(), clock.instant(), "provisioner"),
                event(
                    "node.firmware_baseline_captured",
                    Payload.of("version", fw, "digest", digest, "signature_chain", List.of("x"))),
                state("REGISTERED", "PROVISIONING", "BEGIN_PROVISIONING")));
    if (active) {
      events.add(state("PROVISIONING", "ACTIVE", "ACTIVATE"));
    }
    store.append(id, ExpectedVersion.noStream(), events);
  }

  @Test
  void recall_batch_everyActiveNodeOnlyOfThatBatch() throws Exception {
    node("n1", "B1", "eu-west", "1.0.0", DIGEST_A, true);
    node("n2", "B1", "us-east", "2.0.0", DIGEST_B, true);
    node("n3", "B1", "eu-west", "1.5.0", DIGEST_A, false);
    node("n4", "B2", "eu-west", "1.0.0", DIGEST_A, true);
    runner.catchUp();

    RecallResult r = index.recall(RecallQuery.batch("B1"));
    assertThat(r.nodeIds()).containsExactly("n1", "n2");
    assertThat(r.byRegion()).isEqualTo(Map.of("eu-west", 1, "us-east", 1));
    assertThat(r.byRegion().keySet()).containsExactly("eu-west", "us-east");
    assertThat(index.activeByRegion("B1")).isEqualTo(Map.of("eu-west", 1, "us-east", 1));
    assertThat(index.recall(RecallQuery.batch("nope")).count()).isZero();
  }

  @Test
  void recall_firmwareBelow_binarySearchPrefix() throws Exception {
    node("n1", "B1", "eu-west", "1.0.0", DIGEST_A, true);
    node("n2", "B1", "us-east", "2.0.0", DIGEST_B, true);
    node("n3", "B1", "eu-west", "1.9.0-rc.1", DIGEST_A, true);
    node("n4", "B1", "eu-west", "not-semver", DIGEST_A, true);
    runner.catchUp();

    assertThat(index.recall(RecallQuery.batch("B1").firmwareBelow("2.0.0")).nodeIds())
        .containsExactly("n4", "n1", "n3");
    assertThat(index.recall(RecallQuery.batch("B1").firmwareBelow("1.9.0")).byRegion())
        .isEqualTo(Map.of("eu-west", 3));
    // A bound between known versions, and one below all of them.
    assertThat(index.recall(RecallQuery.batch("B1").firmwareBelow("1.2.3")).nodeIds())
        .containsExactly("n4", "n1");
    assertThat(index.recall(RecallQuery.batch("B1").firmwareBelow("0.0.1")).nodeIds())
        .containsExactly("n4");
    assertThatThrownBy(() -> index.recall(RecallQuery.batch("B1").firmwareBelow("2.0")))
        .isInstanceOf(VersionException.class);
  }

  @Test
  void recall_securityVersionBelow_unknownCountsAsBelow() throws Exception {
    node("n1", "B1", "eu-west", "1.0.0", DIGEST_A, true);
    node("n2", "B1", "us-east", "2.0.0", DIGEST_B, true);
    node("n3", "B1", "us-east", "2.1.0", DIGEST_C, true);
    runner.catchUp();

    assertThat(index.recall(RecallQuery.batch("B1").securityVersionBelow(5)).nodeIds())
        .containsExactly("n3", "n1");
    assertThat(
            index
                .recall(RecallQuery.batch("B1").firmwareBelow("2.1.0").securityVersionBelow(4))
                .nodeIds())
        .containsExactly("n1");
  }

  @Test
  void recall_afterUpdateAndDecommission_reflectsEvents() throws Exception {
    node("n1", "B1", "eu-west", "1.0.0", DIGEST_A, true);
    node("n2", "B1", "us-east", "1.0.0", DIGEST_A, true);
    runner.catchUp();
    assertThat(index.recall(RecallQuery.batch("B1").firmwareBelow("2.0.0")).count()).isEqualTo(2);

    store.append(
        "n1",
        ExpectedVersion.any(),
        List.of(
            event(
                "maintenance.firmware_updated",
                Payload.of(
                    "from_version",
                    "1.0.0",
                    "to_version",
                    "2.0.0",
                    "digest",
                    DIGEST_B,
                    "mode",
                    "scheduled"))));
    store.append(
        "n2",
        ExpectedVersion.any(),
        List.of(state("ACTIVE", "DECOMMISSIONING", "BEGIN_DECOMMISSION")));
    runner.catchUp();

    assertThat(index.recall(RecallQuery.batch("B1").firmwareBelow("2.0.0")).count()).isZero();
    assertThat(index.recall(RecallQuery.batch("B1")).nodeIds()).containsExactly("n1");
    assertThat(index.activeByRegion("B1")).isEqualTo(Map.of("eu-west", 1));
  }

  @Test
  void snapshotRestore_sameAnswers() throws Exception {
    node("n1", "B1", "eu-west", "1.0.0", DIGEST_A, true);
    node("n2", "B1", "us-east", "2.0.0", DIGEST_B, true);
    runner.catchUp();
    index.registerBatch(new Batch("B1", "Acme", LocalDate.of(2026, 1, 2), "X1"));
    BatchIndex copy = BatchIndex.create(VersionScheme.SEMVER, d -> -1);
    copy.restore(copy.merge(List.of(index.snapshot())));
    assertThat(copy.recall(RecallQuery.batch("B1").firmwareBelow("3.0.0")))
        .isEqualTo(index.recall(RecallQuery.batch("B1").firmwareBelow("3.0.0")));
    assertThat(copy.batch("B1")).contains(new Batch("B1", "Acme", LocalDate.of(2026, 1, 2), "X1"));
    assertThat(copy.activeByRegion("B1")).isEqualTo(index.activeByRegion("B1"));
    copy.restore(null);
    assertThat(copy.recall(RecallQuery.batch("B1")).count()).isZero();
  }
}
