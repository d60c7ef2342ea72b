package io.souverix.drift.rollout;

import java.util.Objects;
import java.util.Set;

/**
 * Tells a rollout whether a node can be reached now. A node that cannot (autonomous or offline) is
 * deferred when its turn comes and updated after {@link Rollout#nodeReturned(String)}.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface NodeAvailability {
  /**
   * Returns whether the node is reachable now.
   *
   * @param node the node id
   * @return true if the node can be updated now
   */
  boolean isReachable(String node);

  /**
   * Returns an availability in which every node is reachable.
   *
   * @return the availability
   */
  static NodeAvailability always() {
    return node -> true;
  }

  /**
   * Returns an availability in which the given nodes are unreachable, read at each call (pass a
   * concurrent or otherwise live set to change it).
   *
   * @param unreachable the unreachable node ids
   * @return the availability
   */
  static NodeAvailability except(Set<String> unreachable) {
    Objects.requireNonNull(unreachable, "unreachable");
    return node -> !unreachable.contains(node);
  }
}
