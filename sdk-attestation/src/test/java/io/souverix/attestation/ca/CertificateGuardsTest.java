package io.souverix.attestation.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.souverix.lifecycle.ComponentState;
import io.souverix.lifecycle.Guards;
import io.souverix.lifecycle.HardwareCommand;
import io.souverix.lifecycle.HardwareState;
import io.souverix.lifecycle.Lifecycle;
import io.souverix.lifecycle.LifecycleException;
import io.souverix.lifecycle.event.EventType;
import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.spi.SigningAlgorithm;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificateGuardsTest {
  private static final String NODE = CaFixture.NODE;

  private static Lifecycle lifecycle(CaFixture f) {
    return Lifecycle.builder()
        .store(f.store)
        .clock(f.clock)
        .actor("ops")
        .guards(CertificateGuards.install(Guards.defaults(), f.validator(List.of()), List.of()))
        .build();
  }

  private static Lifecycle provisioning(CaFixture f) throws Exception {
    Lifecycle lc = lifecycle(f);
    f.registerNode(lc, NODE, "eu-west");
    lc.execute(NODE, HardwareCommand.BEGIN_PROVISIONING);
    lc.record(
        NODE,
        EventType.NODE_ATTESTATION_COMPLETED,
        Payload.of("kind", "initial", "passed", true, "verifier", "tpm", "reasons", List.of()));
    return lc;
  }

  private static LifecycleException rejected(Lifecycle lc, HardwareCommand command) {
    try {
      lc.execute(NODE, command);
    } catch (LifecycleException e) {
      return e;
    }
    throw new AssertionError(command + " was not rejected");
  }

  @Test
  void activate_withoutCertificate_failsTrustChainGuard() throws Exception {
    CaFixture f = new CaFixture(SigningAlgorithm.ES256);
    Lifecycle lc = provisioning(f);

    LifecycleException e = rejected(lc, HardwareCommand.ACTIVATE);

    assertThat(e.failedGuards()).containsOnlyKeys(Guards.TRUST_CHAIN_ESTABLISHED);
    assertThat(e.failedGuards().get(Guards.TRUST_CHAIN_ESTABLISHED)).contains("device_identity");
  }

  @Test
  void activate_withIssuedIdentity_passes() throws Exception {
    CaFixture f = new CaFixture(SigningAlgorithm.ES256);
    Lifecycle lc = provisioning(f);
    f.ca.issue(f.deviceRequest(NODE, CaFixture.ec()));

    ComponentState s = lc.execute(NODE, HardwareCommand.ACTIVATE);

    assertThat(s.state()).isEqualTo(HardwareState.ACTIVE);
  }

  @Test
  void activate_revokedIdentity_failsAndWritesNothing() throws Exception {
    CaFixture f = new CaFixture(SigningAlgorithm.ES256);
    Lifecycle lc = provisioning(f);
    IssuedCertificate c = f.ca.issue(f.deviceRequest(NODE, CaFixture.ec()));
    f.ca.revoke(c.serial(), RevocationReason.KEY_COMPROMISE);
    long version = f.store.streamVersion(NODE);

    LifecycleException e = rejected(lc, HardwareCommand.ACTIVATE);

    assertThat(e.failedGuards().get(Guards.TRUST_CHAIN_ESTABLISHED))
        .contains(c.serial() + " revoked");
    assertThat(f.store.streamVersion(NODE)).isEqualTo(version);
  }

  @Test
  void activate_identityFromAnotherCa_failsChainValidation() throws Exception {
    CaFixture f = new CaFixture(SigningAlgorithm.ES256);
    CaFixture foreign = new CaFixture(SigningAlgorithm.ES256, f.store);
    Lifecycle lc = provisioning(f);
    foreign.ca.issue(f.deviceRequest(NODE, CaFixture.ec()));

    LifecycleException e = rejected(lc, HardwareCommand.ACTIVATE);

    assertThat(e.failedGuards().get(Guards.TRUST_CHAIN_ESTABLISHED)).contains("chain invalid");
  }

  @Test
  void activate_expiredIdentity_fails() throws Exception {
    CaFixture f = new CaFixture(SigningAlgorithm.ES256);
    Lifecycle lc = provisioning(f);
    f.ca.issue(f.deviceRequest(NODE, CaFixture.ec()));
    f.clock.advance(Duration.ofDays(366));

    LifecycleException e = rejected(lc, HardwareCommand.ACTIVATE);

    assertThat(e.failedGuards().get(Guards.TRUST_CHAIN_ESTABLISHED)).contains("not valid at");
  }

  @Test
  void completeDecommission_untilEveryCertificateIsRevoked_fails() throws Exception {
    CaFixture f = new CaFixture(SigningAlgorithm.ES256);
    Lifecycle lc = provisioning(f);
    IssuedCertificate identity = f.ca.issue(f.deviceRequest(NODE, CaFixture.ec()));
    lc.execute(NODE, HardwareCommand.ACTIVATE);
    IssuedCertificate workload =
        f.ca.issue(
            CertificateRequest.newBuilder(CertificateProfile.WORKLOAD)
                .csrDer(CaFixture.csr("CN=agent", CaFixture.ec()))
                .dnsNames("agent.node-000042")
                .node(NODE)
                .build());
    lc.execute(NODE, HardwareCommand.BEGIN_DECOMMISSION);
    lc.record(
        NODE,
        EventType.DECOMMISSION_WORKLOAD_MIGRATED,
        Payload.of("target_node", "node-000043", "workloads", List.of("db")));
    lc.record(
        NODE,
        EventType.DECOMMISSION_DATA_EXPORTED,
        Payload.of(
            "location", "s3://export/42", "digest", "sha256:" + "ab".repeat(32), "bytes", 1));
    f.ca.revoke(identity.serial(), RevocationReason.CESSATION_OF_OPERATION);
    audit(lc);

    LifecycleException e = rejected(lc, HardwareCommand.COMPLETE_DECOMMISSION);
    assertThat(e.failedGuards()).containsOnlyKeys(Guards.CERTIFICATES_REVOKED);
    assertThat(e.failedGuards().get(Guards.CERTIFICATES_REVOKED)).contains(workload.serial());

    assertThat(f.ca.revokeAll(NODE, RevocationReason.CESSATION_OF_OPERATION))
        .extracting(CertificateRecord::serial)
        .containsExactly(workload.serial());
    audit(lc);
    assertThat(lc.execute(NODE, HardwareCommand.COMPLETE_DECOMMISSION).state())
        .isEqualTo(HardwareState.DECOMMISSIONED);
  }

  @Test
  void issue_toDecommissionedNode_rejectedAsClosed() throws Exception {
    CaFixture f = new CaFixture(SigningAlgorithm.ES256);
    Lifecycle lc = provisioning(f);
    lc.execute(NODE, HardwareCommand.ISOLATE);
    lc.record(NODE, EventType.EMERGENCY_ISOLATED, Payload.of("reason", "tamper"));
    lc.record(
        NODE,
        EventType.EMERGENCY_TRUST_REVOKED,
        Payload.of("serials", List.of("1"), "reason", "x"));
    lc.record(
        NODE,
        EventType.EMERGENCY_SECURE_WIPED,
        Payload.of("method", "crypto-erase", "verified_by", "sec"));
    lc.execute(NODE, HardwareCommand.COMPLETE_EMERGENCY_DECOMMISSION);

    assertThatThrownBy(() -> f.ca.issue(f.deviceRequest(NODE, CaFixture.ec())))
        .isInstanceOfSatisfying(
            CertificateAuthorityException.class,
            ex -> assertThat(ex.code()).isEqualTo(CertificateAuthorityException.Code.NODE_CLOSED));
  }

  private static void audit(Lifecycle lc) throws LifecycleException {
    List<RecordedEvent> h = lc.history(NODE);
    RecordedEvent head = h.get(h.size() - 1);
    lc.record(
        NODE,
        EventType.DECOMMISSION_AUDIT_COMPLETED,
        Payload.of("events", head.sequence(), "head_hash", head.hash()));
  }
}
