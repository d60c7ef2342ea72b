package io.souverix.tck;

import io.souverix.lifecycle.spi.PolicyEngine;
import java.nio.file.Path;

/** The kit's reference engine for {@link TckMain} {@code --policy-engine}. */
public final class ReferencePolicyEngineFactory implements PolicyEngineFactory {
  /** Creates the factory. */
  public ReferencePolicyEngineFactory() {}

  @Override
  public PolicyEngine create(Path directory) {
    return new ReferencePolicyEngine();
  }

  @Override
  public boolean policiesGiveReasons() {
    return true;
  }

  @Override
  public boolean hasUndefinedResults() {
    return true;
  }
}
