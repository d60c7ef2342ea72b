package io.souverix.drift.federation;

import java.util.Locale;

/**
 * Where a region stands with global control, the {@code sync_status} of {@code FederationSync}.
 *
 * @since 0.1
 */
public enum SyncStatus {
  /** The last sync succeeded and nothing local is waiting. */
  IN_SYNC,
  /** Local writes are waiting, the last attempt was refused, or the region never synced. */
  BEHIND,
  /** Synced, but fields wait for a person's decision. */
  CONFLICTED,
  /** The upstream is unreachable: the region operates isolated. */
  OFFLINE;

  /**
   * Returns the lower-case name used in JSON.
   *
   * @return for example {@code "in_sync"}
   * @since 0.1
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
