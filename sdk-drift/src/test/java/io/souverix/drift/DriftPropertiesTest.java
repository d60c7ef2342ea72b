package io.souverix.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Properties of the drift score: zero without drift, monotone when drift is added. */
class DriftPropertiesTest {
  private static final Instant NOW = Instant.parse("2026-02-27T03:45:00Z");

  /** A node whose state can only gain drift through {@link #apply}. */
  static final class Node {
    final List<NodeState.Component> components = new ArrayList<>();
    final Map<String, String> desired = new LinkedHashMap<>();
    final Map<String, String> actual = new LinkedHashMap<>();
    final List<NodeState.PolicyResult> results = new ArrayList<>();
    String policyActual = "policy-v2.1";
    NodeState.Enforcement enforcement = null;

    Node(int components, int objects, List<Double> policyWeights) {
      for (int i = 0; i < components; i++) {
        this.components.add(new NodeState.Component("c" + i, "1." + i + ".0", "1." + i + ".0"));
      }
      for (int i = 0; i < objects; i++) {
        desired.put("o" + i, "{\"v\":" + i + "}");
        actual.put("o" + i, "{\"v\":" + i + "}");
      }
      for (int i = 0; i < policyWeights.size(); i++) {
        results.add(new NodeState.PolicyResult("p" + i, true, policyWeights.get(i)));
      }
    }

    NodeState state() {
      return new NodeState(
          "n",
          "c",
          "r",
          components,
          new NodeState.Config(desired, actual, NOW.minusSeconds(60)),
          new NodeState.Policy("policy-v2.1", policyActual, results, enforcement));
    }

    /** Adds one piece of drift: never removes any. */
    void apply(Mutation m) {
      switch (m.kind()) {
        case 0 ->
            components.add(new NodeState.Component("x" + components.size(), "2.0.0", m.version()));
        case 1 ->
            desired.keySet().stream()
                .skip(m.index() % Math.max(1, desired.size()))
                .findFirst()
                .ifPresent(actual::remove);
        case 2 -> actual.put("extra-" + m.index(), "{}");
        case 3 ->
            desired.keySet().stream()
                .skip(m.index() % Math.max(1, desired.size()))
                .findFirst()
                .filter(actual::containsKey)
                .ifPresent(k -> actual.put(k, "{\"changed\":true}"));
        case 4 -> {
          if (!results.isEmpty()) {
            int i = m.index() % results.size();
            NodeState.PolicyResult r = results.get(i);
            results.set(i, new NodeState.PolicyResult(r.policy(), false, r.weight()));
          }
        }
        case 5 -> results.add(new NodeState.PolicyResult("f" + results.size(), false, m.weight()));
        case 7 -> {
          if (!components.isEmpty()) {
            int i = m.index() % components.size();
            NodeState.Component c = components.get(i);
            List<NodeState.SecurityFix> fixes = new ArrayList<>(c.securityFixes());
            Severity s = Severity.values()[1 + m.index() % 4];
            fixes.add(new NodeState.SecurityFix(m.version(), s));
            components.set(i, new NodeState.Component(c.name(), c.desired(), c.actual(), fixes));
          }
        }
        case 8 -> {
          NodeState.Enforcement e = NodeState.Enforcement.values()[m.index() % 4];
          if (enforcement == null || e.severity().compareTo(enforcement.severity()) > 0) {
            enforcement = e;
          }
        }
        default -> {
          if (policyActual.equals("policy-v2.1")) {
            policyActual = m.version();
          }
        }
      }
    }
  }

  record Mutation(int kind, int index, String version, double weight) {}

  @Provide
  Arbitrary<Mutation> mutation() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 8),
            Arbitraries.integers().between(0, 50),
            Arbitraries.of(
                "2.0.1", "2.1.0", "3.0.0", "1.0.0", "weird", "policy-v1.0", "policy-v2.0"),
            Arbitraries.doubles().between(0, 10))
        .as(Mutation::new);
  }

  @Provide
  Arbitrary<List<Mutation>> mutations() {
    return mutation().list().ofMaxSize(12);
  }

  @Provide
  Arbitrary<DriftWeights> weights() {
    Arbitrary<Double> w = Arbitraries.doubles().between(0, 100);
    return Combinators.combine(w, w, w, w)
        .as(
            (a, b, c, d) ->
                a + b + c + d == 0 ? DriftWeights.defaults() : DriftWeights.of(a, b, c, d));
  }

  @Property(tries = 300)
  void score_addingDrift_neverLowersScore(
      @ForAll @IntRange(min = 0, max = 5) int components,
      @ForAll @IntRange(min = 0, max = 6) int objects,
      @ForAll @Size(max = 5)
          List<@net.jqwik.api.constraints.DoubleRange(min = 0, max = 10) Double> policyWeights,
      @ForAll("mutations") List<Mutation> mutations,
      @ForAll("weights") DriftWeights weights) {
    DriftScorer scorer = DriftScorer.create(weights);
    Node node = new Node(components, objects, policyWeights);
    double previous = scorer.score(node.state(), NOW).score();
    for (Mutation m : mutations) {
      node.apply(m);
      NodeDrift d = scorer.score(node.state(), NOW);
      assertThat(d.score()).isGreaterThanOrEqualTo(previous).isBetween(0.0, 100.0);
      assertThat(d.severity()).isEqualTo(Severity.ofScore(d.score()));
      previous = d.score();
    }
  }

  @Property(tries = 200)
  void score_identicalDesiredAndActual_zeroAndNone(
      @ForAll @IntRange(min = 0, max = 8) int components,
      @ForAll @IntRange(min = 0, max = 8) int objects,
      @ForAll @Size(max = 5)
          List<@net.jqwik.api.constraints.DoubleRange(min = 0, max = 10) Double> policyWeights,
      @ForAll("weights") DriftWeights weights) {
    NodeDrift d =
        DriftScorer.create(weights)
            .score(new Node(components, objects, policyWeights).state(), NOW);
    assertThat(d.score()).isZero();
    assertThat(d.severity()).isEqualTo(Severity.NONE);
  }

  @Property(tries = 200)
  void score_contributions_sumToScore(
      @ForAll("mutations") List<Mutation> mutations, @ForAll("weights") DriftWeights weights) {
    Node node = new Node(3, 4, List.of(1.0, 2.0));
    mutations.forEach(node::apply);
    NodeDrift d = DriftScorer.create(weights).score(node.state(), NOW);
    double sum = d.factors().stream().mapToDouble(Factor::contribution).sum();
    assertThat(d.score()).isCloseTo(Math.min(100, sum), within(1e-9));
  }
}
