package io.souverix.lifecycle.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.souverix.lifecycle.projection.CurrentState;
import io.souverix.lifecycle.projection.FleetFixture;
import io.souverix.lifecycle.projection.ProjectionRunner;
import io.souverix.lifecycle.projection.TestClock;
import io.souverix.lifecycle.spi.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LifecycleViewsTest {
  private final TestClock clock = TestClock.at("2026-03-01T08:00:00Z");
  private final EventStore store = EventStore.inMemory(clock);
  private final CurrentState state = CurrentState.create();

  @BeforeEach
  void fleet() throws Exception {
    FleetFixture fleet = new FleetFixture(store, clock);
    fleet.register("node-000001", "eu-west", "c1", "edge-a1"); // 08:00:01..04
    fleet.activate("node-000001"); // 05..08, attestation at 06
    fleet.connectivity("node-000001", "connected"); // 09
    fleet.firmwareUpdate("node-000001", "1.0.0", "1.1.0"); // 10
    fleet.deploy("node-000001", "os", "os_image", "5.1"); // 11..16, image at 14
    fleet.register("node-000002", "us-east", "c2", "edge-b2"); // 17..20
    ProjectionRunner.builder(store).add(state).build().catchUp();
  }

  @Test
  void hardwareToJson_activeNode_writesDesignFieldsInOrder() {
    String json = HardwareLifecycle.from(state.node("node-000001").orElseThrow()).toJson();

    assertThat(json)
        .isEqualTo(
            "{\"node_id\":\"node-000001\",\"serial\":\"SN-node-000001\",\"model\":\"edge-a1\","
                + "\"region\":\"eu-west\",\"cluster\":\"c1\",\"lifecycle_state\":\"ACTIVE\","
                + "\"manufacturing\":{\"origin\":\"plant-lyon\",\"batch_id\":\"B-7\","
                + "\"date\":\"2026-01-15\",\"qc_signature\":\"qc-sig-1\"},"
                + "\"firmware\":{\"baseline\":\"1.0.0\",\"current\":\"1.1.0\",\"digest\":\"sha256:"
                + "e".repeat(64)
                + "\",\"signature_chain\":[\"vendor-root\",\"vendor-fw\"]},"
                + "\"attestation\":{\"last_result\":\"passed\",\"last_at\":\"2026-03-01T08:00:06Z\"},"
                + "\"certificates\":{\"current_serial\":\"C-node-000001\"},"
                + "\"connectivity\":{\"state\":\"connected\",\"since\":\"2026-03-01T08:00:09Z\"},"
                + "\"updated_at\":\"2026-03-01T08:00:10Z\"}");
  }

  @Test
  void hardwareToJson_registeredNode_writesNullsForUnknowns() {
    HardwareLifecycle v = HardwareLifecycle.from(state.node("node-000002").orElseThrow());

    assertThat(v.lifecycleState()).isEqualTo("REGISTERED");
    assertThat(v.toJson())
        .contains("\"attestation\":{\"last_result\":null,\"last_at\":null}")
        .contains("\"certificates\":{\"current_serial\":null}")
        .contains("\"connectivity\":{\"state\":null,\"since\":null}");
  }

  @Test
  void softwareToJson_runningOs_writesDesignFieldsInOrder() {
    String json = SoftwareLifecycle.from(state.software("node-000001/os").orElseThrow()).toJson();

    String digest = "sha256:" + "b".repeat(64);
    assertThat(json)
        .isEqualTo(
            "{\"component_id\":\"node-000001/os\",\"node_id\":\"node-000001\",\"name\":\"os\","
                + "\"kind\":\"os_image\",\"version\":\"5.1\",\"digest\":\""
                + digest
                + "\","
                + "\"lifecycle_state\":\"RUNNING\",\"deployed_at\":\"2026-03-01T08:00:14Z\","
                + "\"updated_at\":\"2026-03-01T08:00:16Z\","
                + "\"provenance\":{\"image\":\"registry.example/os\",\"digest\":\""
                + digest
                + "\"}}");
  }

  @Test
  void parse_toJsonOutput_roundTrips() {
    HardwareLifecycle h = HardwareLifecycle.from(state.node("node-000001").orElseThrow());
    HardwareLifecycle empty = HardwareLifecycle.from(state.node("node-000002").orElseThrow());
    SoftwareLifecycle s = SoftwareLifecycle.from(state.software("node-000001/os").orElseThrow());

    assertThat(HardwareLifecycle.parse(h.toJson())).isEqualTo(h);
    assertThat(HardwareLifecycle.parse(empty.toJson())).isEqualTo(empty);
    assertThat(SoftwareLifecycle.parse(s.toJson())).isEqualTo(s);
  }

  @Test
  void parse_missingNodeId_throwsIllegalArgument() {
    assertThatThrownBy(() -> HardwareLifecycle.parse("{\"updated_at\":\"2026-03-01T08:00:00Z\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("HardwareLifecycle field node_id; expected a string, but got nothing");
    assertThatThrownBy(() -> SoftwareLifecycle.parse("[]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("SoftwareLifecycle must be a JSON object");
  }
}
