package io.souverix.lifecycle.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.souverix.lifecycle.ComponentKind;
import io.souverix.lifecycle.event.EventType;
import io.souverix.lifecycle.schema.EventSchemas;
import io.souverix.lifecycle.spi.EventStore;
import io.souverix.lifecycle.spi.EventStoreException;
import io.souverix.lifecycle.view.SoftwareLifecycle;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CurrentStateTest {
  private final TestClock clock = TestClock.at("2026-03-01T08:00:00Z");
  private final EventStore store = EventStore.inMemory(clock);
  private final FleetFixture fleet = new FleetFixture(store, clock);
  private final CurrentState state = CurrentState.create();

  private void project() throws Exception {
    ProjectionRunner.builder(store).add(state).build().catchUp();
  }

  @Test
  void apply_provisionedNode_foldsEveryHardwareField() throws Exception {
    fleet.register("node-000001", "eu-west", "c1", "edge-a1");
    fleet.activate("node-000001");
    fleet.connectivity("node-000001", "connected");
    fleet.firmwareUpdate("node-000001", "1.0.0", "1.1.0");
    project();

    NodeRecord n = state.node("node-000001").orElseThrow();
    assertThat(n.kind()).isEqualTo(ComponentKind.HARDWARE);
    assertThat(n.serial()).isEqualTo("SN-node-000001");
    assertThat(n.model()).isEqualTo("edge-a1");
    assertThat(n.region()).isEqualTo("eu-west");
    assertThat(n.cluster()).isEqualTo("c1");
    assertThat(n.lifecycleState()).isEqualTo("ACTIVE");
    assertThat(n.manufacturingOrigin()).isEqualTo("plant-lyon");
    assertThat(n.manufacturingBatchId()).isEqualTo("B-7");
    assertThat(n.manufacturingDate()).isEqualTo("2026-01-15");
    assertThat(n.qcSignature()).isEqualTo("qc-sig-1");
    assertThat(n.firmwareBaseline()).isEqualTo("1.0.0");
    assertThat(n.firmwareVersion()).isEqualTo("1.1.0");
    assertThat(n.firmwareDigest()).isEqualTo("sha256:" + "e".repeat(64));
    assertThat(n.firmwareSignatureChain()).containsExactly("vendor-root", "vendor-fw");
    assertThat(n.attestationKind()).isEqualTo("initial");
    assertThat(n.attestationPassed()).isTrue();
    assertThat(n.attestationAt()).isEqualTo(Instant.parse("2026-03-01T08:00:06Z"));
    assertThat(n.certificateSerial()).isEqualTo("C-node-000001");
    assertThat(n.connectivityState()).isEqualTo("connected");
    assertThat(n.connectivitySince()).isEqualTo(Instant.parse("2026-03-01T08:00:09Z"));
    assertThat(n.version()).isEqualTo(10);
    assertThat(n.position()).isEqualTo(10);
    assertThat(n.updatedAt()).isEqualTo(Instant.parse("2026-03-01T08:00:10Z"));
  }

  @Test
  void apply_serialRegisteredV1_readsTopLevelBatchId() throws Exception {
    fleet.writeVersion(
        "node-000009",
        "node.serial_registered",
        1,
        "serial",
        "S9",
        "model",
        "edge-old",
        "region",
        "eu-north",
        "cluster",
        "c0",
        "batch_id",
        "B-OLD");
    project();

    NodeRecord n = state.node("node-000009").orElseThrow();
    assertThat(n.manufacturingBatchId()).isEqualTo("B-OLD");
    assertThat(n.model()).isEqualTo("edge-old");
    assertThat(n.lifecycleState()).isNull();
  }

  @Test
  void apply_rotationThenRevocation_clearsCurrentSerial() throws Exception {
    fleet.register("node-000002", "eu-west", "c1", "edge-a1");
    fleet.activate("node-000002");
    fleet.rotateCertificate("node-000002", "C-node-000002", "C2");
    project();
    assertThat(state.node("node-000002").orElseThrow().certificateSerial()).isEqualTo("C2");

    fleet.write(
        "node-000002",
        EventType.EMERGENCY_TRUST_REVOKED,
        "serials",
        List.of("C2"),
        "reason",
        "compromised");
    ProjectionRunner.builder(store).add(state).build().catchUp();

    assertThat(state.node("node-000002").orElseThrow().certificateSerial()).isNull();
  }

  @Test
  void apply_certificateAuthorityStream_isNoComponent() throws Exception {
    fleet.write(
        "ca-devices",
        EventType.CERTIFICATE_CRL_PUBLISHED,
        "issuer",
        "CN=Device CA",
        "crl_number",
        1,
        "this_update",
        "2026-03-01T08:00:00Z",
        "next_update",
        "2026-03-08T08:00:00Z",
        "entries",
        0,
        "digest",
        "sha256:" + "ab".repeat(32));
    project();

    assertThat(state.component("ca-devices")).isEmpty();
    assertThat(state.components()).isEmpty();
  }

  @Test
  void apply_softwareStream_foldsProvenanceAndPatches() throws Exception {
    fleet.register("node-000003", "us-east", "c2", "edge-b2");
    fleet.deploy("node-000003", "agent", "container_image", "2.0");
    fleet.patch("node-000003/agent", "2.0", "2.0.1");
    project();

    SoftwareRecord s = state.software("node-000003/agent").orElseThrow();
    assertThat(s.kind()).isEqualTo(ComponentKind.SOFTWARE);
    assertThat(s.nodeId()).isEqualTo("node-000003");
    assertThat(s.name()).isEqualTo("agent");
    assertThat(s.softwareKind()).isEqualTo("container_image");
    assertThat(s.softwareVersion()).isEqualTo("2.0.1");
    assertThat(s.image()).isEqualTo("registry.example/agent");
    assertThat(s.digest()).isEqualTo("sha256:" + "c".repeat(64));
    assertThat(s.lifecycleState()).isEqualTo("RUNNING");
    assertThat(s.region()).isEqualTo("us-east");
    assertThat(s.version()).isEqualTo(7);
    assertThat(state.node("node-000003/agent")).isEmpty();
    assertThat(state.size()).isEqualTo(2);
  }

  private static final String PULLED = "sha256:" + "c".repeat(64);
  private static final String PATCHED = "sha256:" + "9".repeat(64);

  @Test
  void apply_patchWithDigest_viewShowsTheNewVersionWithItsDigest() throws Exception {
    FleetFixture checked = new FleetFixture(EventSchemas.builtIn().validating(store), clock);
    checked.register("node-000003", "us-east", "c2", "edge-b2");
    checked.deploy("node-000003", "agent", "container_image", "2.0");
    checked.patch("node-000003/agent", "2.0", "2.1", PATCHED); // accepted by its schema
    project();

    SoftwareLifecycle view =
        SoftwareLifecycle.from(state.software("node-000003/agent").orElseThrow());
    assertThat(view.version()).isEqualTo("2.1");
    assertThat(view.digest()).isEqualTo(PATCHED);
    assertThat(view.provenance().digest()).isEqualTo(PATCHED);
    assertThat(view.provenance().image()).isEqualTo("registry.example/agent");
  }

  @Test
  void apply_patchThenRollBack_restoresTheReplacedDigest() throws Exception {
    fleet.register("node-000003", "us-east", "c2", "edge-b2");
    fleet.deploy("node-000003", "agent", "container_image", "2.0");
    fleet.patch("node-000003/agent", "2.0", "2.1", PATCHED);
    fleet.write(
        "node-000003/agent",
        EventType.ROLLOUT_ROLLED_BACK,
        "rollout_id",
        "R-2.1",
        "component",
        "agent",
        "from_version",
        "2.1",
        "to_version",
        "2.0",
        "reason",
        "health check failed");
    project();

    SoftwareRecord s = state.software("node-000003/agent").orElseThrow();
    assertThat(s.softwareVersion()).isEqualTo("2.0");
    assertThat(s.digest()).isEqualTo(PULLED);
  }

  @Test
  void apply_patchWithoutDigest_keepsTheDigest() throws Exception {
    fleet.register("node-000003", "us-east", "c2", "edge-b2");
    fleet.deploy("node-000003", "agent", "container_image", "2.0");
    fleet.patch("node-000003/agent", "2.0", "2.0.1");
    project();

    assertThat(state.software("node-000003/agent").orElseThrow().digest()).isEqualTo(PULLED);
  }

  @Test
  void append_patchWithMalformedDigest_isRejectedBySchema() {
    FleetFixture checked = new FleetFixture(EventSchemas.builtIn().validating(store), clock);

    assertThatThrownBy(() -> checked.patch("node-000003/agent", "2.0", "2.1", "sha256:ABC"))
        .cause()
        .isInstanceOfSatisfying(
            EventStoreException.class,
            e -> assertThat(e.code()).isEqualTo(EventStoreException.Code.INVALID_EVENT));
  }

  @Test
  void merge_overlappingPartitions_throwsIllegalArgument() throws Exception {
    fleet.register("node-000004", "eu-west", "c1", "edge-a1");
    project();
    CurrentState.Snapshot s = state.snapshot();

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> state.merge(List.of(s, s)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected component node-000004 in one partition");
  }
}
