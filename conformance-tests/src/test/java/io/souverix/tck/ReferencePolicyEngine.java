package io.souverix.tck;

import io.souverix.lifecycle.spi.Decision;
import io.souverix.lifecycle.spi.PolicyEngine;
import io.souverix.lifecycle.spi.PolicyException;
import io.souverix.lifecycle.spi.PolicyInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * A minimal, correct policy engine over Java functions, holding the kit's fixture policies: the
 * kit's own reference, so that the PolicyEngine rules are exercised in this module (which sees
 * sdk-core only), and the base of the broken engines.
 */
class ReferencePolicyEngine implements PolicyEngine {
  private static final Function<Map<String, Object>, Map<String, Object>> SAME = m -> m;

  @Override
  public Set<String> policies() {
    return Set.of(
        PolicyEngineVerification.TRUSTED,
        PolicyEngineVerification.FAILING,
        PolicyEngineVerification.REASONS,
        PolicyEngineVerification.UNDEFINED);
  }

  @Override
  public Decision evaluate(String policy, PolicyInput input) throws PolicyException {
    Objects.requireNonNull(policy, "policy");
    Map<String, Object> in = Objects.requireNonNull(input, "input").engineValue(SAME);
    switch (policy) {
      case PolicyEngineVerification.TRUSTED -> {
        return Boolean.TRUE.equals(in.get("trusted"))
            ? Decision.allowed()
            : Decision.denied(List.of("policy " + policy + ": input is not trusted"));
      }
      case PolicyEngineVerification.FAILING ->
          throw new PolicyException(
              PolicyException.Code.EVALUATION_ERROR, policy, null, "no such key: tck_absent", null);
      case PolicyEngineVerification.REASONS -> {
        List<String> reasons = new ArrayList<>();
        for (Object r : (List<?>) in.get("reasons")) {
          reasons.add((String) r);
        }
        return Decision.denied(reasons);
      }
      case PolicyEngineVerification.UNDEFINED ->
          throw new PolicyException(
              PolicyException.Code.UNDEFINED, policy, null, "no result", null);
      default ->
          throw new PolicyException(
              PolicyException.Code.UNKNOWN_POLICY, policy, null, "unknown policy " + policy, null);
    }
  }
}
