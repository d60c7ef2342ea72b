package io.souverix.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.souverix.attestation.result.AttestationResult;
import io.souverix.attestation.result.AttestationResultException;
import io.souverix.attestation.result.AttestationResultSigner;
import io.souverix.attestation.result.AttestationResultVerifier;
import io.souverix.attestation.result.Tier;
import io.souverix.attestation.result.TrustClaim;
import io.souverix.drift.rollout.DesiredChange;
import io.souverix.drift.rollout.GateResult;
import io.souverix.drift.rollout.HealthReport;
import io.souverix.drift.rollout.NodeAvailability;
import io.souverix.drift.rollout.NodePhase;
import io.souverix.drift.rollout.NodeProgress;
import io.souverix.drift.rollout.Rollout;
import io.souverix.drift.rollout.RolloutCoordinator;
import io.souverix.drift.rollout.RolloutGate;
import io.souverix.drift.rollout.RolloutPlan;
import io.souverix.drift.rollout.Target;
import io.souverix.drift.rollout.WaveSpec;
import io.souverix.lifecycle.schema.EventSchemas;
import io.souverix.lifecycle.spi.Decision;
import io.souverix.lifecycle.spi.EventStore;
import io.souverix.lifecycle.spi.PolicyException;
import io.souverix.lifecycle.spi.Signer;
import io.souverix.lifecycle.spi.SigningAlgorithm;
import io.souverix.lifecycle.time.ManualClock;
import io.souverix.supplychain.sbom.Sbom;
import io.souverix.supplychain.sbom.SbomDiffer;
import io.souverix.supplychain.sbom.SbomGate;
import io.souverix.supplychain.sbom.SbomParseException;
import io.souverix.supplychain.sbom.SbomParser;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rollout engine's health gate with the real attestation and SBOM checks plugged in (the
 * desired-state issue: "define the gate as an interface and test it with real implementations as
 * they land"). This module sees sdk-drift, sdk-attestation and sdk-supply-chain, which do not see
 * each other.
 */
class RolloutGatesIntegrationTest {
  static final Instant T0 = Instant.parse("2024-07-15T10:00:00Z");
  final ManualClock clock = ManualClock.at(T0);
  final EventStore store = EventSchemas.builtIn().validating(EventStore.inMemory(clock));

  /** A node passes when the attestation result in its health report verifies and affirms. */
  static RolloutGate attestationGate(AttestationResultVerifier verifier) {
    return (node, change, report) -> {
      String token = report.attributes().get("attestation_result");
      if (token == null) {
        return GateResult.fail(List.of("attestation"), "no attestation result after the update");
      }
      try {
        AttestationResult r = verifier.verify(token).result();
        if (!r.subject().equals(node)) {
          return GateResult.fail(List.of("attestation"), "result is for " + r.subject());
        }
        return r.status() == Tier.AFFIRMING
            ? GateResult.pass(List.of("attestation"))
            : GateResult.fail(List.of("attestation"), "attestation status " + r.status());
      } catch (AttestationResultException e) {
        return GateResult.fail(List.of("attestation"), e.code() + ": " + e.getMessage());
      }
    };
  }

  /** The change passes when the diff between the running and the new image's SBOM is allowed. */
  static RolloutGate sbomGate(Sbom running, Sbom next) {
    return (node, change, report) -> {
      try {
        Decision d = SbomGate.builtIns().evaluate(SbomDiffer.diff(running, next));
        return d.allow()
            ? GateResult.pass(List.of("sbom"))
            : GateResult.fail(List.of("sbom"), String.join("; ", d.reasons()));
      } catch (PolicyException e) {
        return GateResult.fail(List.of("sbom"), e.getMessage());
      }
    };
  }

  static Sbom bom(String... components) throws SbomParseException {
    String json =
        "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",\"version\":1,\"components\":["
            + String.join(",", components)
            + "]}";
    return SbomParser.defaults().parse(json.getBytes(StandardCharsets.UTF_8));
  }

  static String component(String name, String version, String licence) {
    return String.format(
        "{\"type\":\"library\",\"name\":\"%s\",\"version\":\"%s\",\"purl\":\"pkg:npm/%s@%s\","
            + "\"licenses\":[{\"license\":{\"id\":\"%s\"}}]}",
        name, version, name, version, licence);
  }

  static KeyPair es256() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  Rollout start(RolloutGate gate) throws Exception {
    List<Target> targets = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      targets.add(Target.of(String.format("node-%06d", i), "eu", "2.9.1"));
    }
    return RolloutCoordinator.newBuilder()
        .store(store)
        .clock(clock)
        .gate(gate)
        .availability(NodeAvailability.except(java.util.Set.of()))
        .build()
        .start(
            RolloutPlan.newBuilder("r-gates", DesiredChange.version("agent", "3.0.0"))
                .targets(targets)
                .wave(WaveSpec.canary(1))
                .wave(WaveSpec.percent(100))
                .build());
  }

  @Test
  void attestationGate_contraindicatedNodeFails_affirmingNodesSucceed() throws Exception {
    KeyPair key = es256();
    AttestationResultSigner signer =
        AttestationResultSigner.create(Signer.inMemory(key, SigningAlgorithm.ES256));
    String kid = Signer.inMemory(key, SigningAlgorithm.ES256).keyId();
    AttestationResultVerifier verifier =
        AttestationResultVerifier.newBuilder().key(kid, key.getPublic()).clock(clock).build();
    Rollout r = start(attestationGate(verifier));

    for (int round = 0; round < 6; round++) {
      r.step();
      for (NodeProgress p : r.status().nodes()) {
        if (p.phase() == NodePhase.UPDATING) {
          Tier tier = p.node().equals("node-000003") ? Tier.CONTRAINDICATED : Tier.AFFIRMING;
          String token =
              signer.sign(
                  AttestationResult.newBuilder()
                      .issuer("verifier.eu")
                      .subject(p.node())
                      .nonce(new byte[] {1, 2, 3, 4, 5, 6, 7, 8})
                      .issuedAt(clock.instant())
                      .expiresAt(clock.instant().plus(Duration.ofMinutes(10)))
                      .claim(TrustClaim.EXECUTABLES, tier, "measured boot appraised")
                      .build());
          r.reportHealth(
              p.node(),
              new HealthReport(Map.of("endpoint", true), Map.of("attestation_result", token)));
        }
      }
      clock.advance(Duration.ofSeconds(30));
    }

    Map<String, NodePhase> phases = new java.util.TreeMap<>();
    r.status().nodes().forEach(p -> phases.put(p.node(), p.phase()));
    assertThat(phases.get("node-000003")).isIn(NodePhase.FAILED, NodePhase.ROLLED_BACK);
    assertThat(phases.get("node-000001")).isEqualTo(NodePhase.SUCCEEDED);
  }

  @Test
  void sbomGate_newGplComponent_failsTheCanary() throws Exception {
    Sbom running = bom(component("left-pad", "1.3.0", "MIT"));
    Sbom next =
        bom(component("left-pad", "1.3.0", "MIT"), component("gpl-thing", "1.0.0", "GPL-3.0-only"));
    Rollout r = start(sbomGate(running, next));

    r.step();
    for (NodeProgress p : r.status().nodes()) {
      if (p.phase() == NodePhase.UPDATING) {
        r.reportHealth(p.node(), HealthReport.passing("endpoint"));
      }
    }
    r.step();

    assertThat(r.status().nodes()).filteredOn(p -> p.phase() == NodePhase.SUCCEEDED).isEmpty();
    assertThat(r.status().toJson()).contains("gpl-thing");
  }
}
