package io.souverix.tck;

import io.souverix.lifecycle.spi.PolicyEngine;
import java.nio.file.Path;

/**
 * Creates a vendor's policy engine for the runner ({@link TckMain} {@code --policy-engine}).
 * Implementations are public classes with a public no-argument constructor. The engine holds the
 * kit's fixture policies, written in the engine's language (see {@link PolicyEngineVerification}).
 *
 * <p>The runner cannot release an unresponsive back-end, so PE-2.4 needs a {@link
 * PolicyEngineVerification} subclass; the runner reports it skipped.
 *
 * @since 0.1
 */
public interface PolicyEngineFactory {
  /**
   * Creates an engine holding the fixture policies {@value PolicyEngineVerification#TRUSTED},
   * {@value PolicyEngineVerification#FAILING} and, with the capabilities below, {@value
   * PolicyEngineVerification#REASONS} and {@value PolicyEngineVerification#UNDEFINED}.
   *
   * @param directory an empty scratch directory the engine may use, deleted after the rule
   * @return the engine
   * @throws Exception if it cannot be created
   */
  PolicyEngine create(Path directory) throws Exception;

  /**
   * Returns whether the engine's policies give their own deny reasons; true runs PE-1.3.
   *
   * @return false by default
   */
  default boolean policiesGiveReasons() {
    return false;
  }

  /**
   * Returns whether the engine's policies can have undefined results; true runs PE-2.2.
   *
   * @return false by default
   */
  default boolean hasUndefinedResults() {
    return false;
  }

  /**
   * Returns whether the engine compiles policy sources; true runs PE-2.3 through {@link
   * #compileInvalidPolicy}.
   *
   * @return false by default
   */
  default boolean supportsCompilation() {
    return false;
  }

  /**
   * Compiles, in the engine's language, a policy named {@code name} whose source has a syntax
   * error; called only when {@link #supportsCompilation()} is true.
   *
   * @param name the policy's name
   * @throws Exception the engine's compile error ({@code PolicyException} with {@code
   *     COMPILE_ERROR} passes the rule)
   */
  default void compileInvalidPolicy(String name) throws Exception {
    throw new UnsupportedOperationException(
        "supportsCompilation() is true, so compileInvalidPolicy(String) must be overridden");
  }
}
