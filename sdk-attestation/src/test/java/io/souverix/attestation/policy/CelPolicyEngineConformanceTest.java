package io.souverix.attestation.policy;

import io.souverix.lifecycle.spi.PolicyEngine;
import io.souverix.tck.PolicyEngineVerification;
import io.souverix.tck.TckEnvironment;
import java.util.Map;

/** The PolicyEngine conformance kit against the embedded CEL engine. */
class CelPolicyEngineConformanceTest extends PolicyEngineVerification {
  @Override
  protected PolicyEngine createEngine(TckEnvironment env) throws Exception {
    return CelPolicyEngine.compile(
        Map.of(TRUSTED, "input.trusted == true", FAILING, "input.tck_absent.value == 1"));
  }

  @Override
  protected boolean supportsCompilation() {
    return true;
  }

  @Override
  protected void compileInvalidPolicy(String name) throws Exception {
    CelPolicyEngine.compile(Map.of(name, "input.trusted &&"));
  }
}
