package io.souverix.lifecycle.port;

import static org.assertj.core.api.Assertions.assertThat;

import io.souverix.lifecycle.ComponentKind;
import io.souverix.lifecycle.projection.CheckpointStore;
import io.souverix.lifecycle.projection.FleetFixture;
import io.souverix.lifecycle.projection.ProjectionRunner;
import io.souverix.lifecycle.projection.TestClock;
import io.souverix.lifecycle.spi.EventStore;
import io.souverix.lifecycle.view.HardwareLifecycle;
import io.souverix.lifecycle.view.SoftwareLifecycle;
import org.junit.jupiter.api.Test;

class DigitalTwinTest {
  private final TestClock clock = TestClock.at("2026-03-01T08:00:00Z");
  private final EventStore store = EventStore.inMemory(clock);
  private final FleetFixture fleet = new FleetFixture(store, clock);

  @Test
  void publisher_provisioningAndDeploy_emitsOneUpdatePerRelevantEvent() throws Exception {
    fleet.register("node-000001", "eu-west", "c1", "edge-a1"); // 4 relevant
    fleet.activate("node-000001"); // 4 relevant
    fleet.deploy("node-000001", "os", "os_image", "5.1"); // 5 relevant, health_validated is not
    InMemoryDigitalTwin twin = DigitalTwinSink.inMemory();
    ProjectionRunner.builder(store).add(TwinPublisher.create(twin)).build().catchUp();

    assertThat(twin.updateCount()).isEqualTo(13);
    TwinUpdate node = twin.latest("node-000001").orElseThrow();
    assertThat(node.kind()).isEqualTo(ComponentKind.HARDWARE);
    assertThat(node.topic()).isEqualTo(TwinUpdate.Topic.LIFECYCLE_STATE);
    assertThat(node.lifecycleState()).isEqualTo("ACTIVE");
    assertThat(HardwareLifecycle.parse(node.document()).attestation().lastResult())
        .isEqualTo("passed");
    TwinUpdate os = twin.latest("node-000001/os").orElseThrow();
    assertThat(os.lifecycleState()).isEqualTo("RUNNING");
    assertThat(SoftwareLifecycle.parse(os.document()).provenance().image())
        .isEqualTo("registry.example/os");
  }

  @Test
  void publisher_firmwareUpdate_emitsHardwareMetadata() throws Exception {
    fleet.register("node-000001", "eu-west", "c1", "edge-a1");
    fleet.firmwareUpdate("node-000001", "1.0.0", "1.2.0");
    InMemoryDigitalTwin twin = DigitalTwinSink.inMemory();
    ProjectionRunner.builder(store).add(TwinPublisher.create(twin)).build().catchUp();

    TwinUpdate u = twin.latest("node-000001").orElseThrow();
    assertThat(u.topic()).isEqualTo(TwinUpdate.Topic.HARDWARE_METADATA);
    assertThat(u.position()).isEqualTo(store.headPosition());
    assertThat(HardwareLifecycle.parse(u.document()).firmware().current()).isEqualTo("1.2.0");
  }

  @Test
  void sink_rebuildRedelivers_keepsLatestAndCountsDuplicates() throws Exception {
    fleet.register("node-000001", "eu-west", "c1", "edge-a1");
    InMemoryDigitalTwin twin = DigitalTwinSink.inMemory();
    ProjectionRunner runner =
        ProjectionRunner.builder(store).add(TwinPublisher.create(twin)).build();
    runner.catchUp();
    TwinUpdate before = twin.latest("node-000001").orElseThrow();

    runner.rebuild();

    assertThat(twin.updateCount()).isEqualTo(4);
    assertThat(twin.duplicateCount()).isEqualTo(4);
    assertThat(twin.latest("node-000001")).contains(before);
  }

  @Test
  void publisher_restartFromCheckpoint_sendsOnlyNewUpdates() throws Exception {
    CheckpointStore checkpoints = CheckpointStore.inMemory();
    fleet.register("node-000001", "eu-west", "c1", "edge-a1");
    InMemoryDigitalTwin twin = DigitalTwinSink.inMemory();
    ProjectionRunner.builder(store)
        .checkpoints(checkpoints)
        .add(TwinPublisher.create(twin))
        .build()
        .catchUp();
    fleet.connectivity("node-000001", "connected");

    InMemoryDigitalTwin after = DigitalTwinSink.inMemory();
    ProjectionRunner.builder(store)
        .checkpoints(checkpoints)
        .add(TwinPublisher.create(after))
        .build()
        .catchUp();

    assertThat(after.updateCount()).isEqualTo(1);
    assertThat(after.latest("node-000001").orElseThrow().topic())
        .isEqualTo(TwinUpdate.Topic.CONNECTIVITY);
    assertThat(
            HardwareLifecycle.parse(after.latest("node-000001").orElseThrow().document()).serial())
        .isEqualTo("SN-node-000001");
  }
}
