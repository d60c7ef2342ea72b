package io.souverix.attestation.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.souverix.attestation.audit.AuditLogException.Code;
import io.souverix.lifecycle.Guards;
import io.souverix.lifecycle.HardwareCommand;
import io.souverix.lifecycle.HardwareState;
import io.souverix.lifecycle.Lifecycle;
import io.souverix.lifecycle.LifecycleException;
import io.souverix.lifecycle.event.EventIds;
import io.souverix.lifecycle.event.EventType;
import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.spi.EventStore;
import io.souverix.lifecycle.spi.Signer;
import io.souverix.lifecycle.spi.SigningAlgorithm;
import io.souverix.lifecycle.time.ManualClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Anchoring events and the "audit trail completed" guard, through the Lifecycle facade. */
class AuditTrailTest {
  private static final String NODE = "node-000042";
  private static final String SERIAL = "CERT-1";

  @TempDir Path dir;
  private final ManualClock clock = ManualClock.at(Instant.parse("2026-03-01T12:00:00Z"));
  private AuditLog log;
  private AuditTrail trail;
  private Lifecycle lc;

  @BeforeEach
  void setUp() throws Exception {
    log = AuditLog.newBuilder().signer(TestKeys.ed25519()).clock(clock).headEvery(0).create(dir);
    trail = AuditTrail.create(log);
    Guards guards =
        Guards.defaults().toBuilder()
            .replace(trail.completedGuard(TestKeys.ED25519.getPublic()))
            .build();
    EventStore store = EventStore.inMemory(clock);
    lc =
        Lifecycle.builder()
            .store(store)
            .clock(clock)
            .eventIds(EventIds.create(clock, new Random(42)))
            .guards(guards)
            .actor("test-operator")
            .build();
  }

  /** Drives the node to DECOMMISSIONING and records all four pieces of graceful evidence. */
  private void readyToCompleteDecommission() throws LifecycleException {
    lc.registerHardware(
        NODE, Payload.of("serial", "SX-42", "model", "sx-1", "region", "eu-west", "cluster", "c1"));
    lc.execute(NODE, HardwareCommand.BEGIN_PROVISIONING);
    lc.record(
        NODE,
        EventType.NODE_ATTESTATION_COMPLETED,
        Payload.of(
            "kind", "initial", "passed", true, "verifier", "tpm-verifier", "reasons", List.of()));
    lc.record(
        NODE,
        EventType.NODE_TRUST_CHAIN_ESTABLISHED,
        Payload.of(
            "certificate_serial",
            SERIAL,
            "issuer",
            "CN=Fleet CA",
            "not_after",
            "2030-01-01T00:00:00Z"));
    lc.execute(NODE, HardwareCommand.ACTIVATE);
    lc.execute(NODE, HardwareCommand.BEGIN_DECOMMISSION);
    lc.record(
        NODE,
        EventType.DECOMMISSION_WORKLOAD_MIGRATED,
        Payload.of("target_node", "node-000043", "workloads", List.of("db")));
    lc.record(
        NODE,
        EventType.DECOMMISSION_DATA_EXPORTED,
        Payload.of(
            "location", "s3://export/42", "digest", "sha256:" + "ab".repeat(32), "bytes", 10));
    lc.record(
        NODE,
        EventType.DECOMMISSION_CERTIFICATES_REVOKED,
        Payload.of("serials", List.of(SERIAL), "reason", "retired"));
    List<RecordedEvent> h = lc.history(NODE);
    RecordedEvent head = h.get(h.size() - 1);
    lc.record(
        NODE,
        EventType.DECOMMISSION_AUDIT_COMPLETED,
        Payload.of("events", head.sequence(), "head_hash", head.hash()));
  }

  private String auditGuardFailure() {
    LifecycleException e =
        catchThrowableOfType(
            LifecycleException.class,
            () -> lc.execute(NODE, HardwareCommand.COMPLETE_DECOMMISSION));
    assertThat(e.code()).isEqualTo(LifecycleException.Code.GUARD_FAILED);
    assertThat(e.failedGuards()).containsOnlyKeys(Guards.AUDIT_COMPLETED);
    return e.failedGuards().get(Guards.AUDIT_COMPLETED);
  }

  @Test
  void completeDecommission_streamAnchoredUnderASignedHead_passes() throws Exception {
    readyToCompleteDecommission();
    trail.anchorAll(lc.history(NODE));
    log.signTreeHead();
    assertThat(lc.execute(NODE, HardwareCommand.COMPLETE_DECOMMISSION).state())
        .isEqualTo(HardwareState.DECOMMISSIONED);
  }

  @Test
  void completeDecommission_streamNotAnchored_failsNamingTheFirstEvent() throws Exception {
    readyToCompleteDecommission();
    assertThat(auditGuardFailure())
        .startsWith("EVENT_NOT_INCLUDED: event node-000042 #1 (node.serial_registered) anchor;");
  }

  @Test
  void completeDecommission_anchoredButNoHeadSinceThen_fails() throws Exception {
    readyToCompleteDecommission();
    trail.anchorAll(lc.history(NODE));
    assertThat(auditGuardFailure()).contains("EVENT_NOT_INCLUDED").contains("not covered yet");
  }

  @Test
  void completeDecommission_lastEventMissingFromTheLog_fails() throws Exception {
    readyToCompleteDecommission();
    List<RecordedEvent> h = lc.history(NODE);
    trail.anchorAll(h.subList(0, h.size() - 1));
    log.signTreeHead();
    assertThat(auditGuardFailure())
        .contains("#" + h.size() + " (decommission.audit_completed)")
        .contains("got none");
  }

  @Test
  void completeDecommission_defaultEvidenceMissing_failsWithTheDefaultReason() throws Exception {
    lc.registerHardware(
        NODE, Payload.of("serial", "SX-42", "model", "sx-1", "region", "eu-west", "cluster", "c1"));
    lc.execute(NODE, HardwareCommand.BEGIN_PROVISIONING);
    lc.execute(NODE, HardwareCommand.ISOLATE);
    trail.anchorAll(lc.history(NODE));
    log.signTreeHead();
    // The audit guard composes the default one: no decommission.audit_completed, no pass.
    GuardCheck check = new GuardCheck();
    assertThat(check.reason()).contains("decommission.audit_completed");
  }

  /** Runs the composed guard on a context where the default audit evidence is absent. */
  private final class GuardCheck {
    String reason() throws LifecycleException {
      var ctx =
          io.souverix.lifecycle.GuardContext.of(
              lc.state(NODE),
              HardwareCommand.COMPLETE_DECOMMISSION,
              lc.history(NODE),
              clock.instant());
      return trail.completedGuard(TestKeys.ED25519.getPublic()).check(ctx).reason();
    }
  }

  @Test
  void verifyIncluded_headNotSignedByTheTrustedKey_fails() throws Exception {
    readyToCompleteDecommission();
    trail.anchorAll(lc.history(NODE));
    log.signTreeHead();
    AuditLogException e =
        catchThrowableOfType(
            AuditLogException.class,
            () -> trail.verifyIncluded(lc.history(NODE), TestKeys.ED25519_OTHER.getPublic()));
    assertThat(e.code()).isEqualTo(Code.HEAD_SIGNATURE_INVALID);
  }

  @Test
  void anchor_sameEventTwice_returnsTheSameIndex_andTheEntryIsTheRawHash() throws Exception {
    readyToCompleteDecommission();
    RecordedEvent first = lc.history(NODE).get(0);
    AuditAnchor a = trail.anchor(first);
    assertThat(trail.anchor(first)).isEqualTo(a);
    assertThat(log.size()).isEqualTo(1);
    assertThat(a).isEqualTo(new AuditAnchor(first.hash(), 0));
    assertThat(trail.anchorOf(first.hash())).contains(a);
    assertThat(trail.anchorOf("00".repeat(32))).isEmpty();
    assertThat(trail.anchorOf("not hex")).isEmpty();
    assertThat(log.leafHash(0))
        .isEqualTo(MerkleProofs.leafHash(HexFormat.of().parseHex(first.hash())));
  }

  @Test
  void create_overAReopenedLog_rebuildsTheAnchors() throws Exception {
    readyToCompleteDecommission();
    List<RecordedEvent> h = lc.history(NODE);
    List<AuditAnchor> anchors = trail.anchorAll(h);
    log.close();
    Signer signer = Signer.inMemory(TestKeys.ED25519, SigningAlgorithm.ED25519);
    try (AuditLog reopened = AuditLog.newBuilder().signer(signer).clock(clock).open(dir)) {
      AuditTrail again = AuditTrail.create(reopened);
      for (AuditAnchor a : anchors) {
        assertThat(again.anchorOf(a.eventHash())).contains(a);
      }
      assertThat(again.verifyIncluded(h, TestKeys.ED25519.getPublic()).size()).isEqualTo(h.size());
    }
  }
}
