package io.souverix.tck;

import io.souverix.lifecycle.spi.Signer;
import io.souverix.lifecycle.spi.SigningAlgorithm;

/** The Signer kit against {@code Signer.inMemory} with ES384. */
class InMemorySignerEs384ConformanceTest extends SignerVerification {
  @Override
  protected Signer createSigner(TckEnvironment env) throws Exception {
    return InMemorySigners.signer(SigningAlgorithm.ES384);
  }
}
