package io.souverix.drift.federation;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a region sends upstream in one exchange: its own writes not yet acknowledged, and how far it
 * has read the upstream's log for it.
 *
 * @param region the region; not null
 * @param updates the region's updates (its writes and its people's decisions); not null
 * @param cursor how many of the upstream's updates for this region it has applied; at least 0
 * @since 0.1
 */
public record SyncRequest(String region, List<FieldUpdate> updates, long cursor) {
  /**
   * Checks and copies.
   *
   * @throws IllegalArgumentException if {@code cursor} is negative
   */
  public SyncRequest {
    Objects.requireNonNull(region, "region");
    updates = List.copyOf(updates);
    if (cursor < 0) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "cursor; expected >= 0, but got %d", cursor));
    }
  }
}
