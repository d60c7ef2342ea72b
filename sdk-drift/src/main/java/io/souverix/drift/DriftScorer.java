package io.souverix.drift;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Scores the drift of nodes: one explainable score in {@code [0, 100]} per node, deterministic and
 * monotone (adding drift to a node never lowers its score), and aggregates per cluster, region and
 * fleet.
 *
 * <p>The score is {@code 100 * sum(w_f * d_f) / sum(w_f)} over four factors {@code f} with weights
 * {@code w_f} ({@link DriftWeights}) and drift sizes {@code d_f} in {@code [0, 1]}:
 *
 * <ul>
 *   <li>{@code version}: the {@linkplain Severity#level() level} of the worst component drift,
 *       missing security fixes included ({@link VersionDrift#of(NodeState.Component)});
 *   <li>{@code configuration}: drifting objects / objects named on either side;
 *   <li>{@code policy_version}: the level of the policy set version distance, or of the enforcement
 *       state when that is worse ({@link PolicyDrift#setSeverity()});
 *   <li>{@code compliance}: {@code 1 - compliance score}.
 * </ul>
 *
 * Thread-safe and immutable.
 *
 * @since 0.1
 */
public final class DriftScorer {
  private final DriftWeights weights;

  private DriftScorer(DriftWeights weights) {
    this.weights = weights;
  }

  /**
   * Returns a scorer with the given weights.
   *
   * @param weights the factor weights; not null
   * @return the scorer
   * @since 0.1
   */
  public static DriftScorer create(DriftWeights weights) {
    return new DriftScorer(Objects.requireNonNull(weights, "weights"));
  }

  /**
   * Returns a scorer with {@link DriftWeights#defaults()}.
   *
   * @return the scorer
   * @since 0.1
   */
  public static DriftScorer withDefaults() {
    return create(DriftWeights.defaults());
  }

  /**
   * Returns the weights this scorer uses.
   *
   * @return the weights
   */
  public DriftWeights weights() {
    return weights;
  }

  /**
   * Scores one node.
   *
   * @param state the node's desired and actual state; not null
   * @param now the time {@code stale_by} is measured to; not null
   * @return the node's drift with its score, severity and factors
   * @since 0.1
   */
  public NodeDrift score(NodeState state, Instant now) {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(now, "now");
    List<VersionDrift> versions = new ArrayList<>(state.components().size());
    Severity worst = Severity.NONE;
    for (NodeState.Component c : state.components()) {
      VersionDrift v = VersionDrift.of(c);
      versions.add(v);
      if (v.severity().compareTo(worst) > 0) {
        worst = v.severity();
      }
    }
    ConfigDrift config = state.config() == null ? null : ConfigDrift.of(state.config(), now);
    PolicyDrift policy = state.policy() == null ? null : PolicyDrift.of(state.policy());
    double sum = weights.sum();
    List<Factor> factors = new ArrayList<>(4);
    factors.add(factor("version", weights.version(), worst.level(), sum));
    factors.add(
        factor("configuration", weights.configuration(), config == null ? 0 : config.share(), sum));
    factors.add(
        factor(
            "policy_version",
            weights.policyVersion(),
            policy == null ? 0 : policy.setSeverity().level(),
            sum));
    factors.add(
        factor(
            "compliance",
            weights.compliance(),
            policy == null ? 0 : 1 - policy.complianceScore(),
            sum));
    double score = 0;
    for (Factor f : factors) {
      score += f.contribution();
    }
    // Rounding may overshoot 100 by an ulp; clamping keeps the score monotone and in range.
    score = Math.min(100, score);
    return new NodeDrift(
        state.node(),
        state.cluster(),
        state.region(),
        score,
        Severity.ofScore(score),
        versions,
        config,
        policy,
        factors);
  }

  private static Factor factor(String name, double weight, double drift, double sum) {
    return new Factor(name, weight, drift, 100 * weight * drift / sum);
  }

  /**
   * Scores every node of a fleet and aggregates per cluster, region and fleet.
   *
   * @param nodes the nodes, each id at most once; not null
   * @param now the time {@code stale_by} is measured to; not null
   * @return the analysis, with nodes in input order and clusters and regions sorted by name
   * @throws IllegalArgumentException if a node id appears twice
   * @since 0.1
   */
  public DriftAnalysis analyze(List<NodeState> nodes, Instant now) {
    Objects.requireNonNull(nodes, "nodes");
    Objects.requireNonNull(now, "now");
    Set<String> seen = new HashSet<>();
    List<NodeDrift> scored = new ArrayList<>(nodes.size());
    for (NodeState n : nodes) {
      if (!seen.add(n.node())) {
        throw new IllegalArgumentException(
            String.format(Locale.ROOT, "node ids; expected unique, but got %s twice", n.node()));
      }
      scored.add(score(n, now));
    }
    return DriftAnalysis.of(now, scored);
  }
}
