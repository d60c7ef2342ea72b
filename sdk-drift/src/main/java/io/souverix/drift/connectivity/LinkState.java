package io.souverix.drift.connectivity;

import java.util.Locale;

/**
 * Where a node sits on the connectivity spectrum, from best to worst. The names are those of the
 * {@code node.connectivity_changed} event's {@code state}.
 *
 * @since 0.1
 */
public enum LinkState {
  /** Heartbeats arrive on time, with latency and loss under the thresholds. */
  CONNECTED,
  /** Heartbeats arrive, but latency or loss is above a threshold. */
  DEGRADED,
  /** The link keeps dropping and returning, or has just returned and is not yet proven. */
  INTERMITTENT,
  /** The node announced that it operates on its own; it accrues sync debt until it returns. */
  AUTONOMOUS,
  /** No heartbeat for longer than the policy allows, and no announcement. */
  OFFLINE;

  /**
   * Returns the lower-case name used in events and JSON.
   *
   * @return for example {@code "intermittent"}
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
