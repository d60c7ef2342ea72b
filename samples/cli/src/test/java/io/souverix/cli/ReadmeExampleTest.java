package io.souverix.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.souverix.lifecycle.HardwareCommand;
import io.souverix.lifecycle.Lifecycle;
import io.souverix.lifecycle.event.EventType;
import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.projection.CurrentState;
import io.souverix.lifecycle.projection.ProjectionRunner;
import io.souverix.lifecycle.verify.ChainVerifier;
import io.souverix.lifecycle.view.HardwareLifecycle;
import io.souverix.store.sqlite.SqliteEventStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keeps the README's Java example compiling and working: the body of the test is the example. */
class ReadmeExampleTest {
  @TempDir Path dir;

  @Test
  void readmeExample_provisionsAndProjectsOneNode() throws Exception {
    String json;
    boolean intact;
    Path file = dir.resolve("fleet.db");
    // --- README example begins
    try (SqliteEventStore store = SqliteEventStore.open(file, Clock.systemUTC())) {
      Lifecycle lifecycle =
          Lifecycle.builder().store(store).actor("provisioner").build(); // validates by default
      lifecycle.registerHardware(
          "node-000042",
          Payload.of(
              "serial", "SX-42", "model", "edge-a1", "region", "eu-west", "cluster", "eu-west-c1"));
      lifecycle.execute("node-000042", HardwareCommand.BEGIN_PROVISIONING);
      lifecycle.record(
          "node-000042",
          EventType.NODE_TRUST_CHAIN_ESTABLISHED,
          Payload.of(
              "certificate_serial",
              "C-42",
              "issuer",
              "CN=Fleet CA",
              "not_after",
              "2030-01-01T00:00:00Z"));
      lifecycle.record(
          "node-000042",
          EventType.NODE_ATTESTATION_COMPLETED,
          Payload.of(
              "kind", "initial", "passed", true, "verifier", "tpm-verifier", "reasons", List.of()));
      lifecycle.execute("node-000042", HardwareCommand.ACTIVATE, "attested and enrolled");

      CurrentState state = CurrentState.create();
      try (ProjectionRunner runner = ProjectionRunner.builder(store).add(state).build()) {
        runner.catchUp();
      }
      json = HardwareLifecycle.from(state.node("node-000042").orElseThrow()).toJson();
      intact = ChainVerifier.verify(store).ok();
    }
    // --- README example ends
    assertThat(intact).isTrue();
    HardwareLifecycle view = HardwareLifecycle.parse(json);
    assertThat(view.lifecycleState()).isEqualTo("ACTIVE");
    assertThat(view.certificates().currentSerial()).isEqualTo("C-42");
    assertThat(view.attestation().lastResult()).isEqualTo("passed");
  }
}
