package io.souverix.drift;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What one node should run and what it reports: the input of {@link DriftScorer#score}.
 *
 * @param node the node id
 * @param cluster the cluster the node belongs to
 * @param region the region the node belongs to
 * @param components desired and actual version per component; may be empty
 * @param config desired and actual configuration; null when not tracked for this node
 * @param policy desired and actual policy state; null when not tracked for this node
 * @since 0.1
 */
public record NodeState(
    String node,
    String cluster,
    String region,
    List<Component> components,
    @Nullable Config config,
    @Nullable Policy policy) {
  /** Checks the fields and copies the list. */
  public NodeState {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(region, "region");
    components = List.copyOf(components);
  }

  /**
   * One component's desired and actual version.
   *
   * @param name the component name
   * @param desired the desired version
   * @param actual the running version; null when not installed
   * @since 0.1
   */
  public record Component(String name, String desired, @Nullable String actual) {
    /** Checks the required fields. */
    public Component {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(desired, "desired");
    }
  }

  /**
   * Desired and actual configuration documents, each a map from object name to a fingerprint of the
   * object: its canonical JSON (RFC 8785) or a digest of it. Two objects are equal when their
   * fingerprints are.
   *
   * @param desired object name to fingerprint, as the master of record wants it
   * @param actual object name to fingerprint, as the node reports it
   * @param lastSync when the node last synchronised its configuration; null if never
   * @since 0.1
   */
  public record Config(
      Map<String, String> desired, Map<String, String> actual, @Nullable Instant lastSync) {
    /** Copies the maps into sorted, unmodifiable maps. */
    public Config {
      desired = sorted(desired);
      actual = sorted(actual);
    }

    private static Map<String, String> sorted(Map<String, String> m) {
      return java.util.Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(m)));
    }
  }

  /**
   * Desired and actual policy set version and the node's latest policy results.
   *
   * @param desiredVersion the policy set version the node should enforce
   * @param actualVersion the policy set version the node enforces; null if unknown
   * @param results the result of each evaluated policy; may be empty
   * @since 0.1
   */
  public record Policy(
      String desiredVersion, @Nullable String actualVersion, List<PolicyResult> results) {
    /** Checks the fields and copies the list. */
    public Policy {
      Objects.requireNonNull(desiredVersion, "desiredVersion");
      results = List.copyOf(results);
    }
  }

  /**
   * The outcome of one policy on a node.
   *
   * @param policy the policy name
   * @param passed whether the node complies
   * @param weight the policy's importance in the compliance score; finite and at least 0
   * @since 0.1
   */
  public record PolicyResult(String policy, boolean passed, double weight) {
    /**
     * Checks the fields.
     *
     * @throws IllegalArgumentException if {@code weight} is negative or not finite
     */
    public PolicyResult {
      Objects.requireNonNull(policy, "policy");
      if (!(weight >= 0) || Double.isInfinite(weight)) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT, "policy %s weight; expected >= 0, but got %s", policy, weight));
      }
    }
  }
}
