package io.souverix.drift;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

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
    double[] d = drifts(worst, config, policy);
    double sum = weights.sum();
    List<Factor> factors = new ArrayList<>(4);
    factors.add(new Factor("version", weights.version(), d[0], contribution(0, d[0], sum)));
    factors.add(
        new Factor("configuration", weights.configuration(), d[1], contribution(1, d[1], sum)));
    factors.add(
        new Factor("policy_version", weights.policyVersion(), d[2], contribution(2, d[2], sum)));
    factors.add(new Factor("compliance", weights.compliance(), d[3], contribution(3, d[3], sum)));
    double score = total(d, sum);
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

  /**
   * Scores one node without building its explanation: the same number as {@code score(state,
   * now).score()}, without allocating per component. For ranking or re-scoring many nodes; {@link
   * DriftIndex} uses it.
   *
   * @param state the node's desired and actual state; not null
   * @param now the time {@code stale_by} is measured to; not null
   * @return the score in {@code [0, 100]}
   * @since 0.1
   */
  public double scoreValue(NodeState state, Instant now) {
    Severity worst = Severity.NONE;
    List<NodeState.Component> components = state.components();
    for (int i = 0, n = components.size(); i < n; i++) {
      Severity s = VersionDrift.severityOf(components.get(i));
      if (s.compareTo(worst) > 0) {
        worst = s;
      }
    }
    if (state.config() == null && state.policy() == null) {
      double sum = weights.sum();
      double score = contribution(0, worst.level(), sum);
      return Math.min(
          100, score + contribution(1, 0, sum) + contribution(2, 0, sum) + contribution(3, 0, sum));
    }
    ConfigDrift config = state.config() == null ? null : ConfigDrift.of(state.config(), now);
    PolicyDrift policy = state.policy() == null ? null : PolicyDrift.of(state.policy());
    return total(drifts(worst, config, policy), weights.sum());
  }

  /** The four drift sizes, in factor order: version, configuration, policy_version, compliance. */
  private static double[] drifts(
      Severity worst, @Nullable ConfigDrift config, @Nullable PolicyDrift policy) {
    return new double[] {
      worst.level(),
      config == null ? 0 : config.share(),
      policy == null ? 0 : policy.setSeverity().level(),
      policy == null ? 0 : 1 - policy.complianceScore()
    };
  }

  /** The points factor {@code i} adds: {@code 100 * w_i * d / sum(w)}. */
  private double contribution(int i, double drift, double sum) {
    double w =
        switch (i) {
          case 0 -> weights.version();
          case 1 -> weights.configuration();
          case 2 -> weights.policyVersion();
          default -> weights.compliance();
        };
    return 100 * w * drift / sum;
  }

  /**
   * The score: the contributions added in factor order, clamped (rounding may overshoot 100 by an
   * ulp; clamping keeps the score monotone and in range).
   */
  private double total(double[] d, double sum) {
    double score = 0;
    for (int i = 0; i < d.length; i++) {
      score += contribution(i, d[i], sum);
    }
    return Math.min(100, score);
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
