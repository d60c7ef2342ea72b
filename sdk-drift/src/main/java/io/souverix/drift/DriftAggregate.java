package io.souverix.drift;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Drift aggregated over a group of nodes: a cluster, a region or the whole fleet.
 *
 * @param name the cluster or region name; null for the fleet
 * @param nodes how many nodes the group holds
 * @param bySeverity node count per severity, every severity present (0 when none)
 * @param scoreP50 the median score (nearest rank); null for an empty group
 * @param scoreP95 the 95th percentile score (nearest rank); null for an empty group
 * @param worst up to {@link #WORST_LIMIT} node ids with a score above 0, highest score first, ties
 *     by node id
 * @since 0.1
 */
public record DriftAggregate(
    @Nullable String name,
    int nodes,
    Map<Severity, Integer> bySeverity,
    @Nullable Double scoreP50,
    @Nullable Double scoreP95,
    List<String> worst) {
  /** How many worst offenders an aggregate lists. */
  public static final int WORST_LIMIT = 5;

  /** Copies the map and list. */
  public DriftAggregate {
    bySeverity = Collections.unmodifiableMap(new EnumMap<>(bySeverity));
    worst = List.copyOf(worst);
  }

  static DriftAggregate of(@Nullable String name, List<NodeDrift> group) {
    Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) {
      counts.put(s, 0);
    }
    double[] scores = new double[group.size()];
    for (int i = 0; i < scores.length; i++) {
      NodeDrift n = group.get(i);
      scores[i] = n.score();
      counts.merge(n.severity(), 1, Integer::sum);
    }
    java.util.Arrays.sort(scores);
    List<NodeDrift> ranked = new ArrayList<>();
    for (NodeDrift n : group) {
      if (n.score() > 0) {
        ranked.add(n);
      }
    }
    ranked.sort(
        Comparator.comparingDouble(NodeDrift::score).reversed().thenComparing(NodeDrift::node));
    List<String> worst = new ArrayList<>();
    for (int i = 0; i < Math.min(WORST_LIMIT, ranked.size()); i++) {
      worst.add(ranked.get(i).node());
    }
    return new DriftAggregate(
        name, group.size(), counts, percentile(scores, 50), percentile(scores, 95), worst);
  }

  /** Nearest-rank percentile of sorted values: the value at rank {@code ceil(p/100 * n)}. */
  static @Nullable Double percentile(double[] sorted, int p) {
    if (sorted.length == 0) {
      return null;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(1, rank) - 1];
  }
}
