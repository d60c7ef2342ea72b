package io.souverix.attestation.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.souverix.attestation.policy.ComplianceScore.Outcome;
import io.souverix.attestation.policy.ComplianceScore.Status;
import io.souverix.attestation.policy.ComplianceScore.WeightedPolicy;
import io.souverix.lifecycle.internal.Json;
import io.souverix.lifecycle.spi.PolicyEngine;
import io.souverix.lifecycle.spi.PolicyException;
import io.souverix.lifecycle.spi.PolicyInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ComplianceScoreTest {
  private static final CelPolicyEngine ENGINE;

  static {
    try {
      ENGINE =
          CelPolicyEngine.compile(
              Map.of(
                  "secure_boot", "input.security.secure_boot",
                  "tpm_2", "input.tpm.version == \"2.0\"",
                  "tpm_vendor", "input.tpm.vendor == \"acme\"",
                  "heartbeat", "input.agent.last_heartbeat_s < 300"));
    } catch (PolicyException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static PolicyInput node(boolean secureBoot, String tpm) throws PolicyException {
    return PolicyInput.parse(
        String.format(
            "{\"security\": {\"secure_boot\": %s}, \"tpm\": {\"version\": \"%s\"},"
                + " \"agent\": {\"last_heartbeat_s\": 41}}",
            secureBoot, tpm));
  }

  @Test
  void evaluate_passDenyAndError_scoresWeightedShareAndListsEach() throws Exception {
    ComplianceScore c =
        ComplianceScore.evaluate(
            ENGINE,
            List.of(
                new WeightedPolicy("secure_boot", 3),
                new WeightedPolicy("tpm_2", 2),
                new WeightedPolicy("tpm_vendor", 1),
                new WeightedPolicy("heartbeat", 2)),
            node(true, "1.2"));
    assertThat(c.score()).isEqualTo(5.0 / 8.0);
    assertThat(c.outcomes())
        .extracting(Outcome::status)
        .containsExactly(Status.PASSED, Status.FAILED, Status.ERROR, Status.PASSED);
    assertThat(c.failures())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.policy()).isEqualTo("tpm_2");
              assertThat(o.reasons()).containsExactly("policy tpm_2 is false");
              assertThat(o.errorCode()).isNull();
            });
    assertThat(c.errors())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.policy()).isEqualTo("tpm_vendor");
              assertThat(o.errorCode()).isEqualTo(PolicyException.Code.EVALUATION_ERROR);
              assertThat(o.reasons()).singleElement().asString().contains("'vendor'");
              assertThat(o.passed()).isFalse();
            });
  }

  @Test
  void evaluate_engineErrorsOfAnyKind_countAsFailedAndAreListedAsErrors() {
    PolicyEngine undefinedAndDown =
        new PolicyEngine() {
          @Override
          public Set<String> policies() {
            return Set.of("a", "b");
          }

          @Override
          public io.souverix.lifecycle.spi.Decision evaluate(String policy, PolicyInput input)
              throws PolicyException {
            throw new PolicyException(
                policy.equals("a")
                    ? PolicyException.Code.UNDEFINED
                    : PolicyException.Code.UNAVAILABLE,
                policy,
                null,
                "no answer",
                null);
          }
        };
    ComplianceScore c =
        ComplianceScore.evaluate(
            undefinedAndDown,
            List.of(new WeightedPolicy("a", 1), new WeightedPolicy("b", 1)),
            parse("{}"));
    assertThat(c.score()).isZero();
    assertThat(c.failures()).isEmpty();
    assertThat(c.errors())
        .extracting(Outcome::errorCode)
        .containsExactly(PolicyException.Code.UNDEFINED, PolicyException.Code.UNAVAILABLE);
  }

  @Test
  void evaluate_noPoliciesOrZeroWeights_scoresOne() throws Exception {
    assertThat(ComplianceScore.evaluate(ENGINE, List.of(), node(false, "1.2")).score()).isOne();
    assertThat(
            ComplianceScore.evaluate(
                    ENGINE, List.of(new WeightedPolicy("tpm_2", 0)), node(false, "1.2"))
                .score())
        .isOne();
  }

  @Test
  void evaluate_duplicateOrBadPolicies_rejected() {
    assertThatThrownBy(
            () ->
                ComplianceScore.evaluate(
                    ENGINE,
                    List.of(new WeightedPolicy("tpm_2", 1), new WeightedPolicy("tpm_2", 2)),
                    parse("{}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tpm_2 twice");
    assertThatThrownBy(() -> new WeightedPolicy("x", -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new WeightedPolicy("x", Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * The shape sdk-drift's fleet-state parser reads for a node's {@code policy} (DriftJson), and the
   * formula of its PolicyDrift, restated here: sdk-attestation does not depend on sdk-drift. The
   * CLI's ComplianceDriftFitTest joins the two modules for real.
   */
  @Test
  void toDriftPolicyJson_matchesTheDriftModulesPolicyShapeAndFormula() throws Exception {
    ComplianceScore c =
        ComplianceScore.evaluate(
            ENGINE,
            List.of(
                new WeightedPolicy("secure_boot", 3),
                new WeightedPolicy("tpm_2", 2),
                new WeightedPolicy("tpm_vendor", 1.5)),
            node(true, "1.2"));
    JsonNode j = Json.MAPPER.readTree(c.toDriftPolicyJson("policies-7", null));
    assertThat(fieldNames(j)).containsExactly("desired_version", "actual_version", "results");
    assertThat(j.get("desired_version").textValue()).isEqualTo("policies-7");
    assertThat(j.get("actual_version").isNull()).isTrue();
    double total = 0;
    double passed = 0;
    for (JsonNode r : j.get("results")) {
      assertThat(fieldNames(r)).containsExactly("policy", "passed", "weight");
      total += r.get("weight").doubleValue();
      passed += r.get("passed").booleanValue() ? r.get("weight").doubleValue() : 0;
    }
    assertThat(j.get("results"))
        .extracting(r -> r.get("passed").booleanValue())
        .containsExactly(true, false, false);
    assertThat(Math.min(1, passed / total)).isEqualTo(c.score());
  }

  @Property(tries = 200)
  void score_isTheWeightedShareOfPassedPolicies(
      @ForAll @Size(max = 6) List<Boolean> passes,
      @ForAll @DoubleRange(min = 0, max = 100) double weight)
      throws Exception {
    List<WeightedPolicy> weighted = new ArrayList<>();
    Map<String, String> sources = new java.util.LinkedHashMap<>();
    double passedWeight = 0;
    double total = 0;
    for (int i = 0; i < passes.size(); i++) {
      double w = weight + i;
      sources.put("p" + i, passes.get(i) ? "true" : "false");
      weighted.add(new WeightedPolicy("p" + i, w));
      total += w;
      passedWeight += passes.get(i) ? w : 0;
    }
    ComplianceScore c =
        ComplianceScore.evaluate(CelPolicyEngine.compile(sources), weighted, parse("{}"));
    double expected = total == 0 ? 1 : Math.min(1, passedWeight / total);
    assertThat(c.score()).isEqualTo(expected).isBetween(0.0, 1.0);
    assertThat(c.failures()).hasSize((int) passes.stream().filter(p -> !p).count());
  }

  private static List<String> fieldNames(JsonNode n) {
    List<String> names = new ArrayList<>();
    n.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static PolicyInput parse(String json) {
    try {
      return PolicyInput.parse(json);
    } catch (PolicyException e) {
      throw new AssertionError(e);
    }
  }
}
