package io.souverix.tck;

import io.souverix.lifecycle.spi.Signer;
import io.souverix.lifecycle.spi.SigningAlgorithm;

/** The Signer kit against {@code Signer.inMemory} with ED25519. */
class InMemorySignerEd25519ConformanceTest extends SignerVerification {
  @Override
  protected Signer createSigner(TckEnvironment env) throws Exception {
    return InMemorySigners.signer(SigningAlgorithm.ED25519);
  }
}
