package io.souverix.drift.federation;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How a region federates: the policy half of the {@code FederationSync} document.
 *
 * @param localAutonomy the regional master accepts local desired-state writes and decisions; when
 *     false only global control writes
 * @param canOperateIsolated the regional master keeps accepting local writes while the upstream is
 *     unreachable; when false they are refused until the link returns
 * @param syncsOpportunistically sync as soon as the link returns or a local write is waiting,
 *     besides the schedule
 * @param syncInterval the time between scheduled syncs; positive
 * @since 0.1
 */
public record FederationPolicy(
    boolean localAutonomy,
    boolean canOperateIsolated,
    boolean syncsOpportunistically,
    Duration syncInterval) {
  /**
   * Checks the fields.
   *
   * @throws IllegalArgumentException if {@code syncInterval} is not positive
   */
  public FederationPolicy {
    Objects.requireNonNull(syncInterval, "syncInterval");
    if (syncInterval.isNegative() || syncInterval.isZero()) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "sync interval; expected > 0, but got %s", syncInterval));
    }
  }

  /**
   * Returns the default policy: local autonomy, can operate isolated, syncs opportunistically, and
   * a scheduled sync every 5 minutes.
   *
   * @return the policy
   * @since 0.1
   */
  public static FederationPolicy defaults() {
    return new FederationPolicy(true, true, true, Duration.ofMinutes(5));
  }
}
