package io.souverix.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class DriftIndexTest {
  static final Instant NOW = Instant.parse("2026-02-27T03:45:00Z");
  static final String[] VERSIONS = {"1.4.7", "1.4.6", "1.3.0", "0.9.0", "3.0.0", "weird", "1.4.7"};

  /** One step: update node {@code node} to a state built from the numbers, or remove it. */
  record Step(int node, boolean remove, int cluster, int region, int v1, int v2, int failed) {}

  static NodeState state(Step s) {
    List<NodeState.Component> components = new ArrayList<>();
    components.add(new NodeState.Component("a", "1.4.7", VERSIONS[s.v1()]));
    components.add(new NodeState.Component("b", "1.4.7", VERSIONS[s.v2()]));
    List<NodeState.PolicyResult> results = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      results.add(new NodeState.PolicyResult("p" + i, i >= s.failed(), 1.0 + i));
    }
    return new NodeState(
        "node-" + s.node(),
        "cluster-" + s.cluster(),
        "region-" + s.region(),
        components,
        new NodeState.Config(Map.of("x", "1"), Map.of("x", s.v1() % 2 == 0 ? "1" : "2"), NOW),
        new NodeState.Policy("p-v1", "p-v1", results));
  }

  @Provide
  Arbitrary<List<Step>> steps() {
    return steps(12, 80);
  }

  /** Enough nodes to overflow each group's short list of worst offenders, and drain it again. */
  @Provide
  Arbitrary<List<Step>> manySteps() {
    return steps(60, 400);
  }

  private static Arbitrary<List<Step>> steps(int maxNode, int maxSteps) {
    Arbitrary<Integer> small = Arbitraries.integers().between(0, 3);
    Arbitrary<Integer> version = Arbitraries.integers().between(0, VERSIONS.length - 1);
    return Combinators.combine(
            Arbitraries.integers().between(0, maxNode),
            Arbitraries.integers().between(0, 9).map(i -> i == 0),
            small,
            small,
            version,
            version,
            small)
        .as(Step::new)
        .list()
        .ofMaxSize(maxSteps);
  }

  /** The incremental aggregates equal a batch analysis of the same nodes, after every step. */
  @Property(tries = 200)
  void update_anySequence_aggregatesEqualBatchAnalysis(@ForAll("steps") List<Step> steps) {
    check(steps);
  }

  /** The same with more nodes than a group's short list of worst offenders holds. */
  @Property(tries = 60)
  void update_manyNodes_worstOffendersEqualBatchAnalysis(@ForAll("manySteps") List<Step> steps) {
    check(steps, DriftAggregate.WORST_LIMIT);
  }

  private static void check(List<Step> steps) {
    check(steps, 4 * DriftAggregate.WORST_LIMIT);
  }

  private static void check(List<Step> steps, int topCapacity) {
    DriftScorer scorer = DriftScorer.withDefaults();
    DriftIndex index = DriftIndex.create(scorer, topCapacity);
    Map<String, NodeState> current = new LinkedHashMap<>();
    for (Step s : steps) {
      String id = "node-" + s.node();
      if (s.remove()) {
        assertThat(index.remove(id)).isEqualTo(current.remove(id) != null);
      } else {
        NodeState n = state(s);
        current.remove(id);
        current.put(id, n);
        double score = index.update(n, NOW);
        assertThat(score).isEqualTo(scorer.score(n, NOW).score());
      }
      DriftAnalysis batch = scorer.analyze(new ArrayList<>(current.values()), NOW);
      assertThat(index.fleet()).isEqualTo(batch.fleet());
      assertThat(index.clusters()).isEqualTo(batch.clusters());
      assertThat(index.regions()).isEqualTo(batch.regions());
      assertThat(index.size()).isEqualTo(current.size());
    }
  }

  @Test
  void update_nodeMovesCluster_leavesOldGroup() {
    DriftIndex index = DriftIndex.create(DriftScorer.withDefaults());
    index.update(state(new Step(1, false, 0, 0, 1, 0, 0)), NOW);
    index.update(state(new Step(1, false, 1, 0, 1, 0, 0)), NOW);

    assertThat(index.cluster("cluster-0")).isEmpty();
    assertThat(index.cluster("cluster-1").orElseThrow().nodes()).isEqualTo(1);
    assertThat(index.fleet().nodes()).isEqualTo(1);
    assertThat(index.fleet().worst()).containsExactly("node-1");
  }

  @Test
  void emptyIndex_fleetHasNoPercentiles() {
    DriftAggregate fleet = DriftIndex.create(DriftScorer.withDefaults()).fleet();

    assertThat(fleet.nodes()).isZero();
    assertThat(fleet.scoreP50()).isNull();
    assertThat(fleet.worst()).isEmpty();
  }
}
