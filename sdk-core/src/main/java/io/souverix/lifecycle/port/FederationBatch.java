package io.souverix.lifecycle.port;

import io.souverix.lifecycle.event.RecordedEvent;
import java.util.List;
import java.util.Objects;

/**
 * A batch of one region's events exported for another region's store.
 *
 * @param sourceRegion the exporting region
 * @param events the region's events, in the source store's global order
 * @param nextPosition the source position to export from next (the last position scanned)
 * @since 0.1
 */
public record FederationBatch(String sourceRegion, List<RecordedEvent> events, long nextPosition) {
  /** Validates and copies. */
  public FederationBatch {
    Objects.requireNonNull(sourceRegion, "sourceRegion");
    events = List.copyOf(events);
  }
}
