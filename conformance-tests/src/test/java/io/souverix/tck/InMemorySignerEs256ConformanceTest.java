package io.souverix.tck;

import io.souverix.lifecycle.spi.Signer;
import io.souverix.lifecycle.spi.SigningAlgorithm;

/** The Signer kit against {@code Signer.inMemory} with ES256. */
class InMemorySignerEs256ConformanceTest extends SignerVerification {
  @Override
  protected Signer createSigner(TckEnvironment env) throws Exception {
    return InMemorySigners.signer(SigningAlgorithm.ES256);
  }
}
