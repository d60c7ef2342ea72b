package io.souverix.attestation.result;

import static io.souverix.attestation.result.ResultFixtures.NODE;
import static io.souverix.attestation.result.ResultFixtures.NOW;
import static io.souverix.attestation.result.ResultFixtures.affirming;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.souverix.lifecycle.ComponentState;
import io.souverix.lifecycle.Guards;
import io.souverix.lifecycle.HardwareCommand;
import io.souverix.lifecycle.HardwareState;
import io.souverix.lifecycle.Lifecycle;
import io.souverix.lifecycle.LifecycleException;
import io.souverix.lifecycle.event.EventIds;
import io.souverix.lifecycle.event.EventType;
import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.schema.EventSchemas;
import io.souverix.lifecycle.spi.EventStore;
import io.souverix.lifecycle.spi.Signer;
import io.souverix.lifecycle.time.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AttestationResultsTest {
  private static final Signer EC = ResultFixtures.es256(ResultFixtures.ecKeys());

  private final ManualClock clock = ManualClock.at(NOW);
  private final EventStore store = EventStore.inMemory(clock);
  private final Lifecycle lifecycle =
      Lifecycle.builder()
          .store(store)
          .clock(clock)
          .eventIds(EventIds.create(clock, new Random(42)))
          .actor("attestation-service")
          .guards(Guards.defaults().toBuilder().replace(AttestationResults.passedGuard()).build())
          .build();
  private final AttestationResultVerifier verifier =
      AttestationResultVerifier.newBuilder()
          .jwkSet(ResultFixtures.jwkSet(EC))
          .clock(clock)
          .expectedIssuer(ResultFixtures.ISSUER)
          .build();

  @BeforeEach
  void provisioningNode() throws Exception {
    lifecycle.registerHardware(
        NODE, Payload.of("serial", "SX-42", "model", "sx-1", "region", "eu-west", "cluster", "c1"));
    lifecycle.execute(NODE, HardwareCommand.BEGIN_PROVISIONING);
    lifecycle.record(
        NODE,
        EventType.NODE_TRUST_CHAIN_ESTABLISHED,
        Payload.of(
            "certificate_serial", "CERT-1",
            "issuer", "CN=Souverix Test CA",
            "not_after", "2027-01-01T00:00:00Z"));
  }

  private VerifiedAttestationResult verified(AttestationResult r) throws Exception {
    return verifier.verify(AttestationResultSigner.create(EC).sign(r));
  }

  @Test
  @SuppressWarnings("unchecked")
  void completedPayload_affirming_fitsTheSchemaAndMapsTheResult() throws Exception {
    VerifiedAttestationResult v =
        verified(affirming().claim(TrustClaim.CONFIGURATION, Tier.AFFIRMING, "").build());
    Payload p = AttestationResults.completedPayload(v, AttestationKind.INITIAL);

    EventSchemas.builtIn().validate("node.attestation_completed", 1, p);
    assertThat(p.text("kind")).contains("initial");
    assertThat(p.bool("passed")).contains(true);
    assertThat(p.text("verifier")).contains(ResultFixtures.ISSUER);
    assertThat(p.text("expires_at")).contains("2026-01-01T01:00:00Z");
    assertThat((List<Object>) p.toMap().get("reasons"))
        .containsExactly(
            "status affirming, signed by key '"
                + EC.keyId()
                + "' (ES256), result "
                + v.tokenDigest(),
            "instance-identity: affirming (2): recognised TPM EK",
            "executables: affirming (3): boot chain matches golden PCRs",
            "hardware: affirming (2)",
            "configuration: affirming (2)");
  }

  @Test
  void completedPayload_warning_isNotPassed() throws Exception {
    VerifiedAttestationResult v =
        verified(affirming().claim(TrustClaim.CONFIGURATION, Tier.WARNING, "debug on").build());
    Payload p = AttestationResults.completedPayload(v, AttestationKind.RUNTIME);
    EventSchemas.builtIn().validate("node.attestation_completed", 1, p);
    assertThat(p.bool("passed")).contains(false);
  }

  @Test
  void activate_afterAnAffirmingCurrentResult_passesTheGuard() throws Exception {
    ComponentState s =
        AttestationResults.record(
            lifecycle, verified(affirming().build()), AttestationKind.INITIAL);
    assertThat(s.version()).isEqualTo(5);
    RecordedEvent e = store.readStream(NODE, 5, 1).get(0);
    assertThat(e.type()).isEqualTo("node.attestation_completed");
    assertThat(e.actor()).isEqualTo("attestation-service");

    assertThat(lifecycle.execute(NODE, HardwareCommand.ACTIVATE).state())
        .isEqualTo(HardwareState.ACTIVE);
  }

  @Test
  void activate_afterTheResultExpired_isRejectedByTheGuard() throws Exception {
    AttestationResults.record(lifecycle, verified(affirming().build()), AttestationKind.INITIAL);
    clock.advance(Duration.ofHours(1));

    LifecycleException e =
        catchThrowableOfType(
            LifecycleException.class, () -> lifecycle.execute(NODE, HardwareCommand.ACTIVATE));

    assertThat(e.code()).isEqualTo(LifecycleException.Code.GUARD_FAILED);
    assertThat(e.failedGuards()).containsOnlyKeys(Guards.ATTESTATION_PASSED);
    assertThat(e.failedGuards().get(Guards.ATTESTATION_PASSED))
        .contains("expires_at; expected after 2026-01-01T01:00:00Z, but got 2026-01-01T01:00:00Z");
    assertThat(lifecycle.state(NODE).state()).isEqualTo(HardwareState.PROVISIONING);
  }

  @Test
  void activate_latestResultNotAffirming_isRejectedByTheGuard() throws Exception {
    AttestationResults.record(lifecycle, verified(affirming().build()), AttestationKind.INITIAL);
    AttestationResults.record(
        lifecycle,
        verified(
            affirming()
                .claim(TrustClaim.FILE_SYSTEM, Tier.CONTRAINDICATED, "unknown binary")
                .build()),
        AttestationKind.RUNTIME);

    LifecycleException e =
        catchThrowableOfType(
            LifecycleException.class, () -> lifecycle.execute(NODE, HardwareCommand.ACTIVATE));

    assertThat(e.failedGuards().get(Guards.ATTESTATION_PASSED))
        .contains("expected passed=true, but got false")
        .contains("file-system: contraindicated (96): unknown binary");
  }

  @Test
  void activate_passedEventWithoutExpiry_isRejectedByTheGuard() throws Exception {
    lifecycle.record(
        NODE,
        EventType.NODE_ATTESTATION_COMPLETED,
        Payload.of("kind", "initial", "passed", true, "verifier", "legacy", "reasons", List.of()));

    LifecycleException e =
        catchThrowableOfType(
            LifecycleException.class, () -> lifecycle.execute(NODE, HardwareCommand.ACTIVATE));

    assertThat(e.failedGuards().get(Guards.ATTESTATION_PASSED))
        .contains("expires_at; expected after")
        .endsWith("but got none");
  }

  @Test
  void record_resultForAnUnknownNode_writesNothing() throws Exception {
    long head = store.headPosition();
    AttestationResult other =
        AttestationResult.newBuilder()
            .issuer(ResultFixtures.ISSUER)
            .subject("node-000999")
            .nonce(ResultFixtures.NONCE)
            .issuedAt(NOW)
            .expiresAt(NOW.plusSeconds(60))
            .build();
    LifecycleException e =
        catchThrowableOfType(
            LifecycleException.class,
            () -> AttestationResults.record(lifecycle, verified(other), AttestationKind.INITIAL));
    assertThat(e.code()).isEqualTo(LifecycleException.Code.UNKNOWN_COMPONENT);
    assertThat(store.headPosition()).isEqualTo(head);
  }
}
