package io.souverix.tck;

import io.souverix.lifecycle.spi.PolicyEngine;

/** The PolicyEngine kit against its own reference engine, every capability declared. */
class ReferencePolicyEngineConformanceTest extends PolicyEngineVerification {
  @Override
  protected PolicyEngine createEngine(TckEnvironment env) {
    return new ReferencePolicyEngine();
  }

  @Override
  protected boolean policiesGiveReasons() {
    return true;
  }

  @Override
  protected boolean hasUndefinedResults() {
    return true;
  }
}
