package io.souverix.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DriftScorerTest {
  static final Instant NOW = Instant.parse("2026-02-27T03:45:00Z");
  private final DriftScorer scorer = DriftScorer.withDefaults();

  static NodeState contractExample() {
    return new NodeState(
        "sx-rempart-2026-prod-1-node-42",
        "prod-1",
        "region-a",
        List.of(new NodeState.Component("souverix-rempart", "1.4.7", "1.4.6")),
        new NodeState.Config(
            Map.of("obj-a", "{\"x\":1}", "obj-b", "{\"y\":2}"),
            Map.of("obj-a", "{\"x\":1}"),
            Instant.parse("2026-02-27T03:30:00Z")),
        new NodeState.Policy(
            "policy-v2.1",
            "policy-v2.0",
            List.of(
                new NodeState.PolicyResult("p1", true, 1.0),
                new NodeState.PolicyResult("p2", false, 1.0))));
  }

  static NodeState clean(String id, String cluster, String region) {
    return new NodeState(
        id,
        cluster,
        region,
        List.of(new NodeState.Component("a", "1.0.0", "1.0.0")),
        new NodeState.Config(Map.of("o", "{}"), Map.of("o", "{}"), NOW),
        new NodeState.Policy("p-v1", "p-v1", List.of(new NodeState.PolicyResult("p", true, 1))));
  }

  @Test
  void score_contractExample_everyFactorExplained() {
    NodeDrift d = scorer.score(contractExample(), NOW);
    assertThat(d.versionDrift())
        .singleElement()
        .extracting(VersionDrift::severity)
        .isEqualTo(Severity.LOW);
    assertThat(d.configDrift().objects()).isEqualTo(1);
    assertThat(d.configDrift().missing()).containsExactly("obj-b");
    assertThat(d.configDrift().staleBy()).isEqualTo(Duration.ofMinutes(15));
    assertThat(d.policyDrift().versionSeverity()).isEqualTo(Severity.MEDIUM);
    assertThat(d.policyDrift().complianceScore()).isEqualTo(0.5);
    // version 40*0.25 + configuration 30*1/2 + policy_version 10*0.5 + compliance 20*0.5
    assertThat(d.factors())
        .extracting(Factor::factor, Factor::contribution)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("version", 10.0),
            org.assertj.core.groups.Tuple.tuple("configuration", 15.0),
            org.assertj.core.groups.Tuple.tuple("policy_version", 5.0),
            org.assertj.core.groups.Tuple.tuple("compliance", 10.0));
    assertThat(d.score()).isEqualTo(40.0);
    assertThat(d.severity()).isEqualTo(Severity.MEDIUM);
  }

  @Test
  void score_agreesEverywhere_zeroAndNone() {
    NodeDrift d = scorer.score(clean("n", "c", "r"), NOW);
    assertThat(d.score()).isZero();
    assertThat(d.severity()).isEqualTo(Severity.NONE);
    assertThat(d.factors()).allSatisfy(f -> assertThat(f.contribution()).isZero());
  }

  @Test
  void score_configMissingExtraDifferent_allCounted() {
    NodeState n =
        new NodeState(
            "n",
            "c",
            "r",
            List.of(),
            new NodeState.Config(
                Map.of("same", "1", "changed", "2", "gone", "3"),
                Map.of("same", "1", "changed", "9", "new", "4"),
                null),
            null);
    ConfigDrift c = scorer.score(n, NOW).configDrift();
    assertThat(c.missing()).containsExactly("gone");
    assertThat(c.extra()).containsExactly("new");
    assertThat(c.different()).containsExactly("changed");
    assertThat(c.objects()).isEqualTo(3);
    assertThat(c.compared()).isEqualTo(4);
    assertThat(c.staleBy()).isNull();
  }

  @Test
  void score_lastSyncAfterNow_staleByZero() {
    NodeState n =
        new NodeState(
            "n",
            "c",
            "r",
            List.of(),
            new NodeState.Config(Map.of(), Map.of(), NOW.plusSeconds(5)),
            null);
    assertThat(scorer.score(n, NOW).configDrift().staleBy()).isEqualTo(Duration.ZERO);
  }

  @Test
  void score_weightedPolicies_complianceIsWeightedShare() {
    NodeState n =
        new NodeState(
            "n",
            "c",
            "r",
            List.of(),
            null,
            new NodeState.Policy(
                "v1",
                "v1",
                List.of(
                    new NodeState.PolicyResult("a", true, 3),
                    new NodeState.PolicyResult("b", false, 1),
                    new NodeState.PolicyResult("c", true, 0))));
    assertThat(scorer.score(n, NOW).policyDrift().complianceScore()).isEqualTo(0.75);
  }

  @Test
  void score_noPolicyResults_fullCompliance() {
    NodeState n =
        new NodeState("n", "c", "r", List.of(), null, new NodeState.Policy("v1", "v1", List.of()));
    assertThat(scorer.score(n, NOW).policyDrift().complianceScore()).isEqualTo(1.0);
  }

  @Test
  void score_customWeights_normalisedBySum() {
    DriftScorer onlyConfig = DriftScorer.create(DriftWeights.of(0, 2, 0, 0));
    NodeDrift d = onlyConfig.score(contractExample(), NOW);
    assertThat(d.score()).isEqualTo(50.0);
    assertThat(d.factors().get(0).contribution()).isZero();
  }

  @Test
  void weights_negativeOrAllZero_rejected() {
    assertThatThrownBy(() -> DriftWeights.of(-1, 1, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected finite >= 0, but got -1");
    assertThatThrownBy(() -> DriftWeights.of(0, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void score_worstComponentDrives_versionFactor() {
    NodeState n =
        new NodeState(
            "n",
            "c",
            "r",
            List.of(
                new NodeState.Component("a", "1.0.0", "1.0.1"),
                new NodeState.Component("b", "3.0.0", "1.0.0")),
            null,
            null);
    NodeDrift d = scorer.score(n, NOW);
    assertThat(d.factors().get(0).drift()).isEqualTo(1.0);
    assertThat(d.score()).isEqualTo(40.0);
  }

  @Test
  void analyze_aggregatesPerClusterRegionAndFleet() {
    List<NodeState> nodes =
        List.of(
            contractExample(), // 40, medium, prod-1 / region-a
            clean("n1", "prod-1", "region-a"),
            clean("n2", "prod-2", "region-a"),
            new NodeState(
                "n3",
                "prod-2",
                "region-b",
                List.of(new NodeState.Component("a", "1.0.0", null)),
                null,
                null)); // 40
    DriftAnalysis a = scorer.analyze(nodes, NOW);
    assertThat(a.clusters()).extracting(DriftAggregate::name).containsExactly("prod-1", "prod-2");
    assertThat(a.regions())
        .extracting(DriftAggregate::name)
        .containsExactly("region-a", "region-b");
    DriftAggregate fleet = a.fleet();
    assertThat(fleet.name()).isNull();
    assertThat(fleet.nodes()).isEqualTo(4);
    assertThat(fleet.bySeverity())
        .containsEntry(Severity.NONE, 2)
        .containsEntry(Severity.MEDIUM, 2)
        .containsEntry(Severity.CRITICAL, 0);
    // sorted scores 0, 0, 40, 40: nearest rank p50 = 2nd, p95 = 4th
    assertThat(fleet.scoreP50()).isEqualTo(0.0);
    assertThat(fleet.scoreP95()).isEqualTo(40.0);
    assertThat(fleet.worst()).containsExactly("n3", "sx-rempart-2026-prod-1-node-42");
    assertThat(a.regions().get(1).worst()).containsExactly("n3");
  }

  @Test
  void analyze_emptyFleet_nullPercentiles() {
    DriftAnalysis a = scorer.analyze(List.of(), NOW);
    assertThat(a.fleet().nodes()).isZero();
    assertThat(a.fleet().scoreP50()).isNull();
    assertThat(a.clusters()).isEmpty();
  }

  @Test
  void analyze_duplicateNode_rejected() {
    assertThatThrownBy(
            () -> scorer.analyze(List.of(clean("n", "c", "r"), clean("n", "c", "r")), NOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got n twice");
  }

  @Test
  void percentile_nearestRank() {
    double[] s = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    assertThat(DriftAggregate.percentile(s, 50)).isEqualTo(5.0);
    assertThat(DriftAggregate.percentile(s, 95)).isEqualTo(10.0);
    assertThat(DriftAggregate.percentile(new double[] {7}, 50)).isCloseTo(7.0, within(0.0));
  }
}
