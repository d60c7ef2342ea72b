package io.souverix.drift;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The drift of a fleet: every node scored, aggregated per cluster, region and fleet. This is the
 * design's {@code DriftAnalysis} document ({@link #toJson()}).
 *
 * @param now the time the analysis refers to
 * @param nodes the scored nodes, in input order
 * @param clusters one aggregate per cluster, sorted by name
 * @param regions one aggregate per region, sorted by name
 * @param fleet the aggregate of all nodes (its name is null)
 * @since 0.1
 */
public record DriftAnalysis(
    Instant now,
    List<NodeDrift> nodes,
    List<DriftAggregate> clusters,
    List<DriftAggregate> regions,
    DriftAggregate fleet) {
  /** Checks the fields and copies the lists. */
  public DriftAnalysis {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(fleet, "fleet");
    nodes = List.copyOf(nodes);
    clusters = List.copyOf(clusters);
    regions = List.copyOf(regions);
  }

  static DriftAnalysis of(Instant now, List<NodeDrift> nodes) {
    return new DriftAnalysis(
        now,
        nodes,
        groups(nodes, NodeDrift::cluster),
        groups(nodes, NodeDrift::region),
        DriftAggregate.of(null, nodes));
  }

  private static List<DriftAggregate> groups(
      List<NodeDrift> nodes, Function<NodeDrift, String> key) {
    Map<String, List<NodeDrift>> byName = new TreeMap<>();
    for (NodeDrift n : nodes) {
      byName.computeIfAbsent(key.apply(n), k -> new ArrayList<>()).add(n);
    }
    List<DriftAggregate> out = new ArrayList<>(byName.size());
    byName.forEach((name, group) -> out.add(DriftAggregate.of(name, group)));
    return out;
  }

  /**
   * Returns the {@code DriftAnalysis} JSON document, one line, members in a fixed order (the shape
   * of docs/drift.md and the {@code drift score} CLI contract).
   *
   * @return the JSON text
   * @since 0.1
   */
  public String toJson() {
    return DriftJson.analysis(this);
  }
}
