package io.souverix.lifecycle.port;

/**
 * Receives lifecycle state, hardware metadata and software provenance updates for a digital twin of
 * the fleet.
 *
 * <p>Delivery is at least once and in global order per component: after a rebuild or a restart from
 * an older checkpoint a sink sees updates again, and should keep an update only if its position is
 * above the last one it kept for that component. {@link #accept} is called on the projection's
 * thread; a slow sink slows the projection.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface DigitalTwinSink {
  /**
   * Accepts one update.
   *
   * @param update the update; not null
   * @since 0.1
   */
  void accept(TwinUpdate update);

  /**
   * Creates a sink that keeps the latest update per component in memory and counts updates.
   *
   * @return a new empty sink
   * @since 0.1
   */
  static InMemoryDigitalTwin inMemory() {
    return new InMemoryDigitalTwin();
  }
}
