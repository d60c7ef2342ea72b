package io.souverix.drift;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The scored drift of one node: the node's entry of the {@code DriftAnalysis} document.
 *
 * @param node the node id
 * @param cluster the node's cluster
 * @param region the node's region
 * @param score the drift score in {@code [0, 100]}; 0 exactly when nothing drifts
 * @param severity the band of the score ({@link Severity#ofScore})
 * @param versionDrift one entry per component, in input order
 * @param configDrift the configuration drift; null when configuration is not tracked
 * @param policyDrift the policy drift; null when policy is not tracked
 * @param factors the terms of the score, in a fixed order
 * @since 0.1
 */
public record NodeDrift(
    String node,
    String cluster,
    String region,
    double score,
    Severity severity,
    List<VersionDrift> versionDrift,
    @Nullable ConfigDrift configDrift,
    @Nullable PolicyDrift policyDrift,
    List<Factor> factors) {
  /** Checks the fields and copies the lists. */
  public NodeDrift {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(severity, "severity");
    versionDrift = List.copyOf(versionDrift);
    factors = List.copyOf(factors);
  }
}
