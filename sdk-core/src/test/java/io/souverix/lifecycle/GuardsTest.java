package io.souverix.lifecycle;

import static io.souverix.lifecycle.Fixtures.NODE;
import static io.souverix.lifecycle.Fixtures.SERIAL;
import static io.souverix.lifecycle.Fixtures.SOFTWARE;
import static io.souverix.lifecycle.Fixtures.attestation;
import static io.souverix.lifecycle.Fixtures.health;
import static io.souverix.lifecycle.Fixtures.revocation;
import static io.souverix.lifecycle.Fixtures.trustChain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.souverix.lifecycle.LifecycleException.Code;
import io.souverix.lifecycle.event.EventType;
import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.spi.EventStore;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GuardsTest {
  private final EventStore store = Fixtures.store();
  private final Lifecycle lc = Fixtures.unvalidatedLifecycle(store);

  /** Runs a default guard against a component's current stream, as Lifecycle would. */
  private GuardResult check(String guardId, String componentId, LifecycleCommand command)
      throws LifecycleException {
    GuardContext ctx =
        GuardContext.of(lc.state(componentId), command, lc.history(componentId), Fixtures.NOW);
    return Guards.defaults().get(guardId).orElseThrow().check(ctx);
  }

  private ComponentState provisioning() throws LifecycleException {
    lc.registerHardware(NODE, Fixtures.nodeRegistration("SX-42"));
    return lc.execute(NODE, HardwareCommand.BEGIN_PROVISIONING);
  }

  @Nested
  @DisplayName("attestation-passed")
  class AttestationPassed {
    @Test
    void activate_latestAttestationPassed_passes() throws Exception {
      lc.registerHardware(NODE, Fixtures.nodeRegistration("SX-42"));
      // When activating, an attestation from before provisioning counts.
      lc.record(NODE, EventType.NODE_ATTESTATION_COMPLETED, attestation(true));
      lc.execute(NODE, HardwareCommand.BEGIN_PROVISIONING);
      assertThat(check(Guards.ATTESTATION_PASSED, NODE, HardwareCommand.ACTIVATE).passed())
          .isTrue();
    }

    @Test
    void activate_latestAttestationFailed_failsEvenAfterAnEarlierPass() throws Exception {
      provisioning();
      lc.record(NODE, EventType.NODE_ATTESTATION_COMPLETED, attestation(true));
      lc.record(NODE, EventType.NODE_ATTESTATION_COMPLETED, attestation(false));
      GuardResult r = check(Guards.ATTESTATION_PASSED, NODE, HardwareCommand.ACTIVATE);
      assertThat(r.passed()).isFalse();
      assertThat(r.reason())
          .isEqualTo(
              "latest attestation (sequence 5); expected passed=true, but got false, reasons"
                  + " [pcr7 mismatch]");
    }

    @Test
    void activate_noAttestation_fails() throws Exception {
      provisioning();
      assertThat(check(Guards.ATTESTATION_PASSED, NODE, HardwareCommand.ACTIVATE).reason())
          .isEqualTo("node.attestation_completed; expected one in the stream, but got none");
    }

    @Test
    void completeMaintenance_onlyAttestationBeforeMaintenance_fails() throws Exception {
      Fixtures.activeNode(lc);
      ComponentState m = lc.execute(NODE, HardwareCommand.ENTER_MAINTENANCE);
      GuardResult r = check(Guards.ATTESTATION_PASSED, NODE, HardwareCommand.COMPLETE_MAINTENANCE);
      assertThat(r.reason())
          .isEqualTo(
              "node.attestation_completed; expected one recorded since entering MAINTENANCE"
                  + " (after sequence "
                  + m.stateSince()
                  + "), but got none");
    }

    @Test
    void completeMaintenance_passedAttestationInMaintenance_passes() throws Exception {
      Fixtures.activeNode(lc);
      lc.execute(NODE, HardwareCommand.ENTER_MAINTENANCE);
      lc.record(NODE, EventType.NODE_ATTESTATION_COMPLETED, attestation(true));
      assertThat(
              check(Guards.ATTESTATION_PASSED, NODE, HardwareCommand.COMPLETE_MAINTENANCE).passed())
          .isTrue();
    }
  }

  @Nested
  @DisplayName("trust-chain-established")
  class TrustChainEstablished {
    @Test
    void validChain_passes() throws Exception {
      provisioning();
      lc.record(
          NODE, EventType.NODE_TRUST_CHAIN_ESTABLISHED, trustChain(SERIAL, "2030-01-01T00:00:00Z"));
      assertThat(check(Guards.TRUST_CHAIN_ESTABLISHED, NODE, HardwareCommand.ACTIVATE))
          .isEqualTo(GuardResult.pass());
    }

    @Test
    void noChain_fails() throws Exception {
      provisioning();
      assertThat(check(Guards.TRUST_CHAIN_ESTABLISHED, NODE, HardwareCommand.ACTIVATE).passed())
          .isFalse();
    }

    @Test
    void expiredChain_fails() throws Exception {
      provisioning();
      lc.record(
          NODE, EventType.NODE_TRUST_CHAIN_ESTABLISHED, trustChain(SERIAL, "2026-03-01T11:59:59Z"));
      assertThat(check(Guards.TRUST_CHAIN_ESTABLISHED, NODE, HardwareCommand.ACTIVATE).reason())
          .isEqualTo(
              "certificate 'CERT-1' (sequence 4) validity; expected not_after after"
                  + " 2026-03-01T12:00:00Z, but got 2026-03-01T11:59:59Z");
    }

    @Test
    void unparseableNotAfter_fails() throws Exception {
      provisioning();
      lc.record(NODE, EventType.NODE_TRUST_CHAIN_ESTABLISHED, trustChain(SERIAL, "next year"));
      assertThat(check(Guards.TRUST_CHAIN_ESTABLISHED, NODE, HardwareCommand.ACTIVATE).passed())
          .isFalse();
    }

    @Test
    void chainRevokedLater_fails() throws Exception {
      provisioning();
      lc.record(
          NODE, EventType.NODE_TRUST_CHAIN_ESTABLISHED, trustChain(SERIAL, "2030-01-01T00:00:00Z"));
      lc.record(NODE, EventType.EMERGENCY_TRUST_REVOKED, revocation(SERIAL));
      assertThat(check(Guards.TRUST_CHAIN_ESTABLISHED, NODE, HardwareCommand.ACTIVATE).reason())
          .contains("expected not revoked, but emergency.trust_revoked (sequence 5) revoked it");
    }

    @Test
    void rotatedCertificate_decidesByTheRotation() throws Exception {
      provisioning();
      lc.record(
          NODE, EventType.NODE_TRUST_CHAIN_ESTABLISHED, trustChain(SERIAL, "2030-01-01T00:00:00Z"));
      lc.record(
          NODE,
          EventType.MAINTENANCE_CERTIFICATE_ROTATED,
          Payload.of(
              "old_serial", SERIAL, "new_serial", "CERT-2", "not_after", "2020-01-01T00:00:00Z"));
      assertThat(check(Guards.TRUST_CHAIN_ESTABLISHED, NODE, HardwareCommand.ACTIVATE).reason())
          .startsWith("certificate 'CERT-2' (sequence 5) validity");
    }
  }

  @Nested
  @DisplayName("graceful decommission guards")
  class Graceful {
    private ComponentState decommissioning() throws LifecycleException {
      Fixtures.activeNode(lc);
      return lc.execute(NODE, HardwareCommand.BEGIN_DECOMMISSION);
    }

    private GuardResult check(String guardId) throws LifecycleException {
      return GuardsTest.this.check(guardId, NODE, HardwareCommand.COMPLETE_DECOMMISSION);
    }

    @Test
    void allEvidenceInDecommissioning_allPass() throws Exception {
      decommissioning();
      Fixtures.recordGracefulEvidence(lc);
      for (String g : TransitionTable.hardware().guards(HardwareCommand.COMPLETE_DECOMMISSION)) {
        assertThat(check(g)).as(g).isEqualTo(GuardResult.pass());
      }
    }

    @Test
    void workloadMigratedBeforeDecommissioning_fails() throws Exception {
      Fixtures.activeNode(lc);
      lc.record(
          NODE,
          EventType.DECOMMISSION_WORKLOAD_MIGRATED,
          Payload.of("target_node", "node-000043", "workloads", List.of("db")));
      lc.execute(NODE, HardwareCommand.BEGIN_DECOMMISSION);
      assertThat(check(Guards.WORKLOAD_MIGRATED).reason())
          .contains("expected one recorded since entering DECOMMISSIONING");
    }

    @Test
    void workloadMigratedWithoutTarget_fails() throws Exception {
      decommissioning();
      lc.record(NODE, EventType.DECOMMISSION_WORKLOAD_MIGRATED, Payload.of("workloads", List.of()));
      assertThat(check(Guards.WORKLOAD_MIGRATED).reason())
          .contains("field 'target_node'; expected a non-empty value, but got none");
    }

    @Test
    void dataExportedWithoutDigest_fails() throws Exception {
      decommissioning();
      lc.record(NODE, EventType.DECOMMISSION_DATA_EXPORTED, Payload.of("location", "s3://x"));
      assertThat(check(Guards.DATA_EXPORTED).reason()).contains("field 'digest'");
      assertThat(check(Guards.WORKLOAD_MIGRATED).passed()).isFalse();
    }

    @Test
    void certificatesRevokedWithoutCurrentSerial_fails() throws Exception {
      decommissioning();
      lc.record(NODE, EventType.DECOMMISSION_CERTIFICATES_REVOKED, revocation("CERT-OTHER"));
      assertThat(check(Guards.CERTIFICATES_REVOKED).reason())
          .contains("expected to include the current certificate 'CERT-1', but got [CERT-OTHER]");
    }

    @Test
    void certificatesRevoked_afterRotation_needsTheNewSerial() throws Exception {
      decommissioning();
      lc.record(
          NODE,
          EventType.MAINTENANCE_CERTIFICATE_ROTATED,
          Payload.of(
              "old_serial", SERIAL, "new_serial", "CERT-2", "not_after", "2031-01-01T00:00:00Z"));
      lc.record(NODE, EventType.DECOMMISSION_CERTIFICATES_REVOKED, revocation(SERIAL));
      assertThat(check(Guards.CERTIFICATES_REVOKED).passed()).isFalse();
      lc.record(NODE, EventType.DECOMMISSION_CERTIFICATES_REVOKED, revocation(SERIAL, "CERT-2"));
      assertThat(check(Guards.CERTIFICATES_REVOKED).passed()).isTrue();
    }

    @Test
    void auditWithWrongHeadHash_fails() throws Exception {
      decommissioning();
      long head = lc.state(NODE).version();
      lc.record(
          NODE,
          EventType.DECOMMISSION_AUDIT_COMPLETED,
          Payload.of("events", head, "head_hash", "0".repeat(64)));
      assertThat(check(Guards.AUDIT_COMPLETED).reason())
          .contains("head_hash of event " + head + "; expected ")
          .endsWith("but got " + "0".repeat(64));
    }

    @Test
    void auditCoveringOnlyEventsBeforeDecommissioning_fails() throws Exception {
      ComponentState d = decommissioning();
      RecordedEvent early = lc.history(NODE).get(0);
      lc.record(
          NODE,
          EventType.DECOMMISSION_AUDIT_COMPLETED,
          Payload.of("events", 1, "head_hash", early.hash()));
      assertThat(check(Guards.AUDIT_COMPLETED).reason())
          .contains("events; expected " + d.stateSince() + " to " + d.version());
    }

    @Test
    void noAudit_fails() throws Exception {
      decommissioning();
      assertThat(check(Guards.AUDIT_COMPLETED).passed()).isFalse();
    }
  }

  @Nested
  @DisplayName("emergency decommission guards")
  class Emergency {
    private GuardResult check(String guardId) throws LifecycleException {
      return GuardsTest.this.check(guardId, NODE, HardwareCommand.COMPLETE_EMERGENCY_DECOMMISSION);
    }

    @Test
    void allEvidenceWhileIsolated_allPass() throws Exception {
      Fixtures.activeNode(lc);
      lc.execute(NODE, HardwareCommand.ISOLATE);
      Fixtures.recordEmergencyEvidence(lc);
      for (String g : List.of(Guards.ISOLATED, Guards.TRUST_REVOKED, Guards.SECURE_WIPE_RECORDED)) {
        assertThat(check(g)).as(g).isEqualTo(GuardResult.pass());
      }
    }

    @Test
    void isolationRecordedBeforeIsolate_fails() throws Exception {
      lc.registerHardware(NODE, Fixtures.nodeRegistration("SX-42"));
      lc.record(NODE, EventType.EMERGENCY_ISOLATED, Payload.of("reason", "x"));
      lc.execute(NODE, HardwareCommand.ISOLATE);
      assertThat(check(Guards.ISOLATED).reason())
          .isEqualTo(
              "emergency.isolated; expected one recorded since entering ISOLATED (after sequence"
                  + " 4), but got none");
    }

    @Test
    void trustRevokedMissingCurrentSerial_fails() throws Exception {
      Fixtures.activeNode(lc);
      lc.execute(NODE, HardwareCommand.ISOLATE);
      lc.record(NODE, EventType.EMERGENCY_TRUST_REVOKED, revocation("CERT-9"));
      assertThat(check(Guards.TRUST_REVOKED).passed()).isFalse();
    }

    @Test
    void trustRevokedWithoutKnownCertificate_passes() throws Exception {
      lc.registerHardware(NODE, Fixtures.nodeRegistration("SX-42"));
      lc.execute(NODE, HardwareCommand.ISOLATE);
      lc.record(NODE, EventType.EMERGENCY_TRUST_REVOKED, revocation());
      assertThat(check(Guards.TRUST_REVOKED).passed()).isTrue();
    }

    @Test
    void secureWipeWithoutVerifier_fails() throws Exception {
      lc.registerHardware(NODE, Fixtures.nodeRegistration("SX-42"));
      lc.execute(NODE, HardwareCommand.ISOLATE);
      lc.record(NODE, EventType.EMERGENCY_SECURE_WIPED, Payload.of("method", "purge"));
      assertThat(check(Guards.SECURE_WIPE_RECORDED).reason()).contains("field 'verified_by'");
    }
  }

  @Nested
  @DisplayName("healthy")
  class Healthy {
    @Test
    void healthyValidationInCurrentState_passes() throws Exception {
      lc.registerSoftware(SOFTWARE, Fixtures.softwareRegistration(NODE, "os"));
      lc.execute(SOFTWARE, SoftwareCommand.DEPLOY);
      lc.record(SOFTWARE, EventType.NODE_HEALTH_VALIDATED, health(true));
      assertThat(check(Guards.HEALTHY, SOFTWARE, SoftwareCommand.CONFIRM_RUNNING).passed())
          .isTrue();
    }

    @Test
    void latestValidationUnhealthy_fails() throws Exception {
      lc.registerSoftware(SOFTWARE, Fixtures.softwareRegistration(NODE, "os"));
      lc.execute(SOFTWARE, SoftwareCommand.DEPLOY);
      lc.record(SOFTWARE, EventType.NODE_HEALTH_VALIDATED, health(true));
      lc.record(SOFTWARE, EventType.NODE_HEALTH_VALIDATED, health(false));
      assertThat(check(Guards.HEALTHY, SOFTWARE, SoftwareCommand.CONFIRM_RUNNING).reason())
          .isEqualTo(
              "latest health validation (sequence 5); expected healthy=true, but got false,"
                  + " checks [liveness]");
    }

    @Test
    void validationOnlyBeforeCurrentState_fails() throws Exception {
      lc.registerSoftware(SOFTWARE, Fixtures.softwareRegistration(NODE, "os"));
      lc.record(SOFTWARE, EventType.NODE_HEALTH_VALIDATED, health(true));
      lc.execute(SOFTWARE, SoftwareCommand.DEPLOY);
      assertThat(check(Guards.HEALTHY, SOFTWARE, SoftwareCommand.CONFIRM_RUNNING).passed())
          .isFalse();
    }
  }

  @Nested
  @DisplayName("registry")
  class Registry {
    @Test
    void emptyRegistry_rejectsGuardedTransitionFailClosed() throws Exception {
      Lifecycle bare = Fixtures.lifecycle(store, Guards.builder().build());
      bare.registerHardware(NODE, Fixtures.nodeRegistration("SX-42"));
      bare.execute(NODE, HardwareCommand.BEGIN_PROVISIONING); // unguarded: allowed
      Fixtures.satisfy(bare, NODE, Guards.ATTESTATION_PASSED);
      Fixtures.satisfy(bare, NODE, Guards.TRUST_CHAIN_ESTABLISHED);

      LifecycleException e =
          (LifecycleException)
              org.assertj.core.api.Assertions.catchThrowable(
                  () -> bare.execute(NODE, HardwareCommand.ACTIVATE));

      assertThat(e.code()).isEqualTo(Code.GUARD_FAILED);
      assertThat(e.failedGuards())
          .containsEntry(
              "attestation-passed",
              "guard 'attestation-passed'; expected a registered guard, but got none")
          .containsKey("trust-chain-established");
    }

    @Test
    void replacedGuard_isTheOneConsulted() throws Exception {
      Guards custom =
          Guards.defaults().toBuilder()
              .replace(
                  Guard.of(
                      Guards.ATTESTATION_PASSED,
                      "verified by the attestation module",
                      c -> GuardResult.pass()))
              .build();
      Lifecycle withCustom = Fixtures.lifecycle(store, custom);
      provisioning();
      Fixtures.satisfy(lc, NODE, Guards.TRUST_CHAIN_ESTABLISHED);

      assertThat(withCustom.execute(NODE, HardwareCommand.ACTIVATE).state())
          .isEqualTo(HardwareState.ACTIVE);
      assertThat(custom.get(Guards.ATTESTATION_PASSED).orElseThrow().description())
          .isEqualTo("verified by the attestation module");
    }

    @Test
    void throwingGuard_failsTheTransition() throws Exception {
      Guards custom =
          Guards.defaults().toBuilder()
              .replace(
                  Guard.of(
                      Guards.HEALTHY,
                      "broken",
                      c -> {
                        throw new IllegalStateException("probe down");
                      }))
              .build();
      Lifecycle withCustom = Fixtures.lifecycle(store, custom);
      lc.registerSoftware(SOFTWARE, Fixtures.softwareRegistration(NODE, "os"));
      lc.execute(SOFTWARE, SoftwareCommand.DEPLOY);
      lc.record(SOFTWARE, EventType.NODE_HEALTH_VALIDATED, health(true));
      long head = store.headPosition();

      LifecycleException e =
          (LifecycleException)
              org.assertj.core.api.Assertions.catchThrowable(
                  () -> withCustom.execute(SOFTWARE, SoftwareCommand.CONFIRM_RUNNING));

      assertThat(e.code()).isEqualTo(Code.GUARD_FAILED);
      assertThat(e.failedGuards().get("healthy")).contains("threw").contains("probe down");
      assertThat(store.headPosition()).isEqualTo(head);
    }

    @Test
    void add_existingId_isRejected() {
      assertThatThrownBy(
              () ->
                  Guards.defaults().toBuilder()
                      .add(Guard.of(Guards.HEALTHY, "x", c -> GuardResult.pass())))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("already registered (use replace)");
    }

    @Test
    void replace_unknownId_isRejected() {
      assertThatThrownBy(
              () -> Guards.builder().replace(Guard.of("x", "x", c -> GuardResult.pass())))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("(use add)");
    }

    @Test
    void add_newId_isRegisteredAndRemoveDropsIt() {
      Guards g =
          Guards.defaults().toBuilder()
              .add(Guard.of("acme-approved", "ACME approval", c -> GuardResult.pass()))
              .remove(Guards.HEALTHY)
              .build();
      assertThat(g.ids()).contains("acme-approved").doesNotContain(Guards.HEALTHY);
      assertThat(Guards.defaults().ids()).contains(Guards.HEALTHY);
    }

    @Test
    void defaults_haveDescriptions() {
      assertThat(Guards.defaults().all())
          .allSatisfy(g -> assertThat(g.description()).isNotEqualTo(g.id()).endsWith("."));
    }

    @Test
    void guardContext_historyNotMatchingState_isRejected() throws Exception {
      ComponentState s = lc.registerHardware(NODE, Fixtures.nodeRegistration("SX-42"));
      assertThatThrownBy(() -> GuardContext.of(s, HardwareCommand.ISOLATE, List.of(), Fixtures.NOW))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("history length; expected 2 events, but got 0");
    }

    @Test
    void guardResult_failWithoutReason_isRejected() {
      assertThatThrownBy(() -> GuardResult.fail("")).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
