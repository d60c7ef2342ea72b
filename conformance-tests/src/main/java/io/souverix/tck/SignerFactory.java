package io.souverix.tck;

import io.souverix.lifecycle.spi.Signer;
import java.nio.file.Path;

/**
 * Creates a vendor's signer for the runner ({@link TckMain} {@code --signer}). Implementations are
 * public classes with a public no-argument constructor.
 *
 * @since 0.1
 */
public interface SignerFactory {
  /**
   * Creates the signer under test, over a key it may reuse across rules.
   *
   * @param directory an empty scratch directory the signer may use, deleted after the rule
   * @return the signer
   * @throws Exception if it cannot be created
   */
  Signer create(Path directory) throws Exception;
}
