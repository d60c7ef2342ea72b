package io.souverix.tck;

import io.souverix.lifecycle.spi.EventStore;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Opens a vendor's event store for the conformance kit when it runs outside the vendor's own test
 * classes: by the runner ({@link TckMain}) and in the forked JVM of the crash rule (ES-5.2).
 *
 * <p>Implementations are public classes with a public no-argument constructor, so that the kit can
 * create them by class name in any JVM.
 *
 * @since 0.1
 */
public interface EventStoreFactory {
  /**
   * Opens the store kept in a directory: a new, empty store for an empty directory, and the same
   * store again for a directory a durable store was opened in before.
   *
   * @param directory an existing directory the store owns; not null
   * @param clock stamps {@code recordedAt}; not null
   * @return the open store
   * @throws Exception if the store cannot be opened
   */
  EventStore open(Path directory, Clock clock) throws Exception;

  /**
   * Returns whether acknowledged appends survive closing the store and a crash of the process; true
   * makes the durability rules (ES-5.x) run.
   *
   * @return true for durable stores; false by default
   */
  default boolean isDurable() {
    return false;
  }

  /**
   * Returns whether the store may be called from several threads at once; false skips the
   * concurrent-writer rules (reported as skipped, not passed).
   *
   * @return true by default
   */
  default boolean supportsConcurrentAppenders() {
    return true;
  }
}
