package io.souverix.drift.federation;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What the upstream answers to a {@link SyncRequest}: its updates for the region after the
 * request's cursor, and the cursor to send next time.
 *
 * @param updates the upstream's updates for the region, in the order it recorded them; not null
 * @param cursor the cursor after these updates; at least 0
 * @since 0.1
 */
public record SyncResponse(List<FieldUpdate> updates, long cursor) {
  /**
   * Checks and copies.
   *
   * @throws IllegalArgumentException if {@code cursor} is negative
   */
  public SyncResponse {
    updates = List.copyOf(Objects.requireNonNull(updates, "updates"));
    if (cursor < 0) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "cursor; expected >= 0, but got %d", cursor));
    }
  }
}
