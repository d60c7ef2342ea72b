package io.souverix.drift;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The object-level difference between a node's desired and actual configuration.
 *
 * @param missing objects desired but absent on the node, sorted
 * @param extra objects on the node that are not desired, sorted
 * @param different objects present on both sides with different content, sorted
 * @param compared how many distinct objects the two sides name together
 * @param lastSync when the node last synchronised; null if never
 * @param staleBy {@code now - lastSync}, zero if {@code lastSync} is after {@code now} (clock
 *     skew); null if never synchronised
 * @since 0.1
 */
public record ConfigDrift(
    List<String> missing,
    List<String> extra,
    List<String> different,
    int compared,
    @Nullable Instant lastSync,
    @Nullable Duration staleBy) {
  /** Copies the lists. */
  public ConfigDrift {
    missing = List.copyOf(missing);
    extra = List.copyOf(extra);
    different = List.copyOf(different);
  }

  /**
   * Returns how many objects drift: missing, extra or different.
   *
   * @return the count, at least 0
   * @since 0.1
   */
  public int objects() {
    return missing.size() + extra.size() + different.size();
  }

  /**
   * Returns the share of drifting objects among all objects named on either side.
   *
   * @return {@code objects() / compared()}, 0 when nothing is compared
   * @since 0.1
   */
  public double share() {
    return compared == 0 ? 0 : (double) objects() / compared;
  }

  static ConfigDrift of(NodeState.Config c, Instant now) {
    Objects.requireNonNull(now, "now");
    java.util.List<String> missing = new java.util.ArrayList<>();
    java.util.List<String> different = new java.util.ArrayList<>();
    java.util.List<String> extra = new java.util.ArrayList<>();
    c.desired()
        .forEach(
            (k, v) -> {
              String a = c.actual().get(k);
              if (a == null) {
                missing.add(k);
              } else if (!a.equals(v)) {
                different.add(k);
              }
            });
    for (String k : c.actual().keySet()) {
      if (!c.desired().containsKey(k)) {
        extra.add(k);
      }
    }
    int compared = c.desired().size() + extra.size();
    Duration stale = null;
    if (c.lastSync() != null) {
      stale = Duration.between(c.lastSync(), now);
      if (stale.isNegative()) {
        stale = Duration.ZERO;
      }
    }
    return new ConfigDrift(missing, extra, different, compared, c.lastSync(), stale);
  }
}
