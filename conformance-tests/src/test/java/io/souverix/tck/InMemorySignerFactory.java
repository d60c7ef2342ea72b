package io.souverix.tck;

import io.souverix.lifecycle.spi.Signer;
import io.souverix.lifecycle.spi.SigningAlgorithm;
import java.nio.file.Path;

/** An ES256 {@code Signer.inMemory}: what a vendor passes to {@link TckMain} {@code --signer}. */
public final class InMemorySignerFactory implements SignerFactory {
  /** Creates the factory. */
  public InMemorySignerFactory() {}

  @Override
  public Signer create(Path directory) throws Exception {
    return InMemorySigners.signer(SigningAlgorithm.ES256);
  }
}
