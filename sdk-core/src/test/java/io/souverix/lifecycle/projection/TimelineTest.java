package io.souverix.lifecycle.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.souverix.lifecycle.event.EventType;
import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.spi.EventStore;
import java.lang.ref.WeakReference;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineTest {
  private final TestClock clock = TestClock.at("2026-03-01T08:00:00Z");
  private final EventStore store = EventStore.inMemory(clock);
  private final FleetFixture fleet = new FleetFixture(store, clock);
  private final Timeline timeline = Timeline.create();

  @Test
  void of_provisionedNode_listsEventsInOrderWithSummaries() throws Exception {
    fleet.register("node-000001", "eu-west", "c1", "edge-a1");
    fleet.activate("node-000001");
    ProjectionRunner.builder(store).add(timeline).build().catchUp();

    List<TimelineEntry> t = timeline.of("node-000001");
    assertThat(t)
        .extracting(TimelineEntry::sequence)
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
    assertThat(t)
        .extracting(TimelineEntry::summary)
        .containsExactly(
            "registered serial SN-node-000001, model edge-a1 in eu-west/c1",
            "manufactured at plant-lyon, batch B-7 on 2026-01-15",
            "firmware baseline 1.0.0 (sha256:" + "a".repeat(64) + ")",
            "(none) -> REGISTERED (REGISTER)",
            "REGISTERED -> PROVISIONING (BEGIN_PROVISIONING)",
            "initial attestation passed by tpm-verifier",
            "certificate C-node-000001 issued by fleet-ca, valid until 2027-01-01T00:00:00Z",
            "PROVISIONING -> ACTIVE (ACTIVATE)");
    assertThat(t.get(7).line())
        .isEqualTo(
            "2026-03-01T08:00:08Z  lifecycle.state_changed  PROVISIONING -> ACTIVE (ACTIVATE)");
    assertThat(t.get(0).recordedAt()).isEqualTo(t.get(0).occurredAt());
  }

  @Test
  void forNode_nodeWithSoftware_interleavesStreamsInGlobalOrder() throws Exception {
    fleet.register("node-000001", "eu-west", "c1", "edge-a1");
    fleet.deploy("node-000001", "os", "os_image", "5.1");
    fleet.connectivity("node-000001", "connected");
    fleet.register("node-000002", "eu-west", "c1", "edge-a1");
    ProjectionRunner.builder(store).add(timeline).build().catchUp();

    List<TimelineEntry> t = timeline.forNode("node-000001");
    assertThat(t).hasSize(4 + 6 + 1);
    assertThat(t).extracting(TimelineEntry::position).isSorted();
    assertThat(t.get(4).componentId()).isEqualTo("node-000001/os");
    assertThat(t.get(4).summary()).isEqualTo("registered os_image os on node-000001 version 5.1");
    assertThat(t.get(10).summary()).isEqualTo("connectivity connected");
    assertThat(timeline.forNode("node-000404")).isEmpty();
  }

  @Test
  void apply_parsedPayload_entryKeepsNeitherPayloadNorTree() throws Exception {
    RecordedEvent written =
        fleet.write(
            "node-000001",
            EventType.NODE_CONNECTIVITY_CHANGED,
            "state",
            "autonomous",
            "reason",
            "uplink lost");
    // As read back from a store, then parsed by another projection before the timeline sees it.
    RecordedEvent read = RecordedEvent.parse(written.toJson(), written.position());
    assertThat(read.payload().text("state")).contains("autonomous");
    WeakReference<Payload> payload = new WeakReference<>(read.payload());

    timeline.apply(read);
    read = null;
    for (int i = 0; i < 50 && payload.get() != null; i++) {
      System.gc();
    }

    assertThat(payload.get()).as("the payload once the event is dropped").isNull();
    TimelineEntry entry = timeline.of("node-000001").get(0);
    assertThat(entry.summary()).isEqualTo("connectivity autonomous: uplink lost");
    assertThat(entry.occurredAt()).isEqualTo(written.occurredAt());
    assertThat(entry.recordedAt()).isEqualTo(written.recordedAt());
    assertThat(entry).isEqualTo(timeline.snapshot().streams().get("node-000001").get(0));
  }
}
