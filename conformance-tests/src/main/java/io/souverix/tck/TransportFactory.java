package io.souverix.tck;

import io.souverix.lifecycle.spi.SenderKeyResolver;
import java.nio.file.Path;

/**
 * Starts a vendor's transport back-end for the runner ({@link TckMain} {@code --transport}): the
 * same back-end a {@link TransportVerification} subclass would create, by class name.
 * Implementations are public classes with a public no-argument constructor.
 *
 * @since 0.1
 */
public interface TransportFactory {
  /**
   * Starts the back-end under test, empty, trusting exactly the keys {@code keys} resolves.
   *
   * @param directory an empty scratch directory the back-end may use, deleted after the rule
   * @param keys the resolver of the kit's sender keys; its answers change when a rule revokes a key
   * @return the started back-end; the kit closes it after the rule
   * @throws Exception if it cannot be started
   */
  TransportBackend start(Path directory, SenderKeyResolver keys) throws Exception;

  /**
   * Returns whether a poll waits at the head for an envelope ({@code maxWait} honoured); true runs
   * TR-1.4.
   *
   * @return true by default
   */
  default boolean supportsLongPoll() {
    return true;
  }

  /**
   * Returns whether the receiving side verifies envelopes again at delivery, so that revoking a key
   * stops delivery of envelopes accepted before; true runs TR-3.4.
   *
   * @return true by default
   */
  default boolean verifiesOnReceive() {
    return true;
  }
}
