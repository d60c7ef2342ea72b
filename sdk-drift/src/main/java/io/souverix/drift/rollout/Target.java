package io.souverix.drift.rollout;

import org.jspecify.annotations.Nullable;

/**
 * A node a rollout updates.
 *
 * @param node the node id, which is also its event stream id; no whitespace
 * @param region the node's region, which selects the region's maintenance windows; null if unknown
 * @param lastGoodVersion the version the node runs before the rollout, which a rollback restores;
 *     null if unknown (a failed node is then left as it is)
 * @since 0.1
 */
public record Target(String node, @Nullable String region, @Nullable String lastGoodVersion) {
  /**
   * Validates the target.
   *
   * @throws IllegalArgumentException if a field is empty, too long or the node id has whitespace
   */
  public Target {
    Checks.id(node, "node");
    if (region != null) {
      Checks.text(region, "region", 200);
    }
    if (lastGoodVersion != null) {
      Checks.text(lastGoodVersion, "last_good_version", 128);
    }
  }

  /**
   * Returns a target in a region with a known last good version.
   *
   * @param node the node id
   * @param region the region, or null
   * @param lastGoodVersion the last good version, or null
   * @return the target
   */
  public static Target of(String node, @Nullable String region, @Nullable String lastGoodVersion) {
    return new Target(node, region, lastGoodVersion);
  }
}
