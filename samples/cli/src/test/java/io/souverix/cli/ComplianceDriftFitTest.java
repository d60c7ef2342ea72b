package io.souverix.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.souverix.attestation.policy.CelPolicyEngine;
import io.souverix.attestation.policy.ComplianceScore;
import io.souverix.attestation.policy.ComplianceScore.WeightedPolicy;
import io.souverix.drift.DriftScorer;
import io.souverix.drift.FleetState;
import io.souverix.drift.NodeDrift;
import io.souverix.lifecycle.spi.PolicyInput;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * sdk-attestation's compliance score feeds sdk-drift's policy drift: the two modules do not depend
 * on each other, so the application (here, the CLI's classpath) joins them through the drift
 * module's fleet-state JSON.
 */
class ComplianceDriftFitTest {
  @Test
  void complianceScore_asDriftPolicyInput_givesTheSameComplianceScore() throws Exception {
    CelPolicyEngine engine =
        CelPolicyEngine.compile(
            Map.of(
                "secure_boot", "input.security.secure_boot",
                "tpm_2", "input.tpm.version == \"2.0\"",
                "tpm_vendor", "input.tpm.vendor == \"acme\""));
    ComplianceScore compliance =
        ComplianceScore.evaluate(
            engine,
            List.of(
                new WeightedPolicy("secure_boot", 3),
                new WeightedPolicy("tpm_2", 2),
                new WeightedPolicy("tpm_vendor", 0.5)),
            PolicyInput.parse(
                "{\"security\": {\"secure_boot\": true}, \"tpm\": {\"version\": \"1.2\"}}"));
    String fleet =
        "{\"now\": \"2026-03-01T00:00:00Z\", \"nodes\": [{\"node\": \"srv-0042\","
            + " \"cluster\": \"c1\", \"region\": \"eu-1\", \"components\": [], \"policy\": "
            + compliance.toDriftPolicyJson("policies-7", "policies-7")
            + "}]}";
    FleetState state = FleetState.parse(fleet);
    NodeDrift drift = DriftScorer.withDefaults().score(state.nodes().get(0), state.now());
    assertThat(compliance.score()).isEqualTo(3 / 5.5);
    assertThat(drift.policyDrift()).isNotNull();
    assertThat(drift.policyDrift().complianceScore()).isEqualTo(compliance.score());
  }
}
