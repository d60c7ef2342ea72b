package io.souverix.drift;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A node's policy drift: how far its policy set version is behind, and how compliant it is.
 *
 * @param desiredVersion the policy set version the node should enforce
 * @param actualVersion the version it enforces; null if unknown
 * @param versionSeverity the distance between the two versions (as for components)
 * @param complianceScore the weighted share of passed policies in {@code [0, 1]}: {@code sum of
 *     weights of passed / sum of all weights}, 1 when there are no results or all weights are 0
 * @param enforcement whether the node enforces the policy set; null when not reported
 * @since 0.1
 */
public record PolicyDrift(
    String desiredVersion,
    @Nullable String actualVersion,
    Severity versionSeverity,
    double complianceScore,
    NodeState.@Nullable Enforcement enforcement) {
  /** Checks the fields. */
  public PolicyDrift {
    Objects.requireNonNull(desiredVersion, "desiredVersion");
    Objects.requireNonNull(versionSeverity, "versionSeverity");
  }

  static PolicyDrift of(NodeState.Policy p) {
    double total = 0;
    double passed = 0;
    for (NodeState.PolicyResult r : p.results()) {
      total += r.weight();
      if (r.passed()) {
        passed += r.weight();
      }
    }
    // Clamped: rounding must never push the share above 1.
    double score = total == 0 ? 1 : Math.min(1, passed / total);
    return new PolicyDrift(
        p.desiredVersion(),
        p.actualVersion(),
        Versions.distance(p.desiredVersion(), p.actualVersion()),
        score,
        p.enforcement());
  }

  /**
   * Returns the drift of the policy set itself: the worse of the version distance and the
   * enforcement state (an unreported state counts as enforced).
   *
   * @return the severity the score's {@code policy_version} factor uses
   * @since 0.1
   */
  public Severity setSeverity() {
    Severity e = enforcement == null ? Severity.NONE : enforcement.severity();
    return e.compareTo(versionSeverity) > 0 ? e : versionSeverity;
  }
}
