package io.souverix.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.souverix.lifecycle.internal.Json;
import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class SyncDebtTest {
  static final Instant LAST = Instant.parse("2026-02-27T00:00:00Z");
  static final Instant NOW = Instant.parse("2026-02-27T03:45:00Z");
  static final ReplayCosts COSTS =
      new ReplayCosts(
          ReplayRate.withPrior(1.0, Duration.ofMinutes(5)),
          Duration.ofSeconds(60),
          Duration.ofSeconds(120),
          Duration.ofSeconds(300));

  @Test
  void compute_contractExample_sumOfBacklogAtRates() throws Exception {
    SyncDebt d = SyncDebt.compute("n", LAST, NOW, new Backlog(1247, 3, 1, 0), COSTS);
    assertThat(d.debtHours()).isEqualTo(3.75);
    // 1247 s + 3 * 60 s + 1 * 120 s + 0 * 300 s
    assertThat(d.estimatedDuration()).isEqualTo(Duration.ofSeconds(1547));
    assertThat(d.replayEta()).isEqualTo(Instant.parse("2026-02-27T04:10:47Z"));
    JsonNode doc = Json.MAPPER.readTree(d.toJson());
    assertThat(doc.get("debt_hours").asDouble()).isEqualTo(3.75);
    assertThat(doc.get("estimated_duration").asText()).isEqualTo("PT25M47S");
    assertThat(doc.get("replay_eta").asText()).isEqualTo("2026-02-27T04:10:47Z");
    assertThat(doc.get("backlog").get("messages").asLong()).isEqualTo(1247);
    assertThat(doc.get("last_sync").asText()).isEqualTo("2026-02-27T00:00:00Z");
  }

  @Test
  void compute_emptyBacklog_zeroDurationEtaNow() {
    SyncDebt d = SyncDebt.compute("n", LAST, NOW, Backlog.EMPTY, COSTS);
    assertThat(d.estimatedDuration()).isEqualTo(Duration.ZERO);
    assertThat(d.replayEta()).isEqualTo(NOW);
  }

  @Test
  void compute_currentBeforeLastSync_rejected() {
    assertThatThrownBy(() -> SyncDebt.compute("n", NOW, LAST, Backlog.EMPTY, COSTS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("current_time; expected at or after last_sync");
  }

  @Test
  void backlog_negative_rejected() {
    assertThatThrownBy(() -> new Backlog(0, -1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parse_contractDocument_roundTrips() throws Exception {
    SyncDebtRequest r =
        SyncDebtRequest.parse(
            "{\"node\": \"sx-rempart-edge-zone-c-node-15\", \"last_sync\": \"2026-02-27T00:00:00Z\","
                + " \"current_time\": \"2026-02-27T03:45:00Z\", \"backlog\": {\"messages\": 1247,"
                + " \"config_updates\": 3, \"policy_updates\": 1, \"version_updates\": 0},"
                + " \"rates\": {\"messages_per_second\": 1.0, \"config_update_seconds\": 60,"
                + " \"policy_update_seconds\": 120, \"version_update_seconds\": 300}}");
    assertThat(r.compute().estimatedDuration()).isEqualTo(Duration.ofSeconds(1547));
  }

  @Test
  void parse_badDocuments_typedCodes() {
    assertThatThrownBy(() -> SyncDebtRequest.parse("{not json"))
        .isInstanceOfSatisfying(
            DriftException.class,
            e -> assertThat(e.code()).isEqualTo(DriftException.Code.MALFORMED_JSON));
    assertThatThrownBy(() -> SyncDebtRequest.parse("[]"))
        .isInstanceOfSatisfying(
            DriftException.class,
            e -> assertThat(e.code()).isEqualTo(DriftException.Code.MALFORMED_JSON));
    String base =
        "{\"node\": \"n\", \"last_sync\": \"2026-02-27T00:00:00Z\", \"current_time\":"
            + " \"2026-02-27T03:45:00Z\", \"backlog\": {\"messages\": %s}, \"rates\":"
            + " {\"messages_per_second\": %s, \"config_update_seconds\": 1,"
            + " \"policy_update_seconds\": 1, \"version_update_seconds\": 1}}";
    for (String[] bad :
        new String[][] {{"-1", "1"}, {"1.5", "1"}, {"\"7\"", "1"}, {"1", "0"}, {"1", "-2"}}) {
      assertThatThrownBy(() -> SyncDebtRequest.parse(String.format(base, bad[0], bad[1])))
          .isInstanceOfSatisfying(
              DriftException.class,
              e -> assertThat(e.code()).isEqualTo(DriftException.Code.INVALID_INPUT));
    }
  }

  @Provide
  Arbitrary<Backlog> backlogs() {
    Arbitrary<Long> n = Arbitraries.longs().between(0, 1_000_000);
    return Combinators.combine(n, n, n, n).as(Backlog::new);
  }

  @Provide
  Arbitrary<ReplayCosts> costs() {
    Arbitrary<Duration> cost = Arbitraries.longs().between(0, 3_600_000).map(Duration::ofMillis);
    return Combinators.combine(
            Arbitraries.doubles()
                .between(0.001, 10_000)
                .ofScale(3)
                .map(r -> ReplayRate.withPrior(r, Duration.ofMinutes(1))),
            cost,
            cost,
            cost)
        .as(ReplayCosts::new);
  }

  @Property(tries = 300)
  void estimate_moreBacklogInAnyClass_neverShorter(
      @ForAll("backlogs") Backlog b,
      @ForAll("costs") ReplayCosts costs,
      @ForAll @IntRange(min = 0, max = 3) int cls,
      @ForAll @LongRange(min = 1, max = 1000) long more) {
    Backlog extra =
        new Backlog(
            cls == 0 ? more : 0, cls == 1 ? more : 0, cls == 2 ? more : 0, cls == 3 ? more : 0);
    Duration before = costs.estimate(b).total();
    Duration after = costs.estimate(b.plus(extra)).total();
    assertThat(before).isGreaterThanOrEqualTo(Duration.ZERO);
    assertThat(after).isGreaterThanOrEqualTo(before);
  }

  @Property(tries = 300)
  void estimate_atLeastTheExactSumAtTheRates(
      @ForAll("backlogs") Backlog b, @ForAll("costs") ReplayCosts costs) {
    double exactSeconds =
        b.messages() / costs.messages().perSecond()
            + b.configUpdates() * secs(costs.perConfigUpdate())
            + b.policyUpdates() * secs(costs.perPolicyUpdate())
            + b.versionUpdates() * secs(costs.perVersionUpdate());
    // Allow for the double rounding of the reference sum itself, not of the estimate.
    assertThat(secs(costs.estimate(b).total())).isGreaterThanOrEqualTo(exactSeconds * (1 - 1e-12));
  }

  @Property(tries = 300)
  void estimate_additiveInBacklog_upToTheMillisecondRounding(
      @ForAll("backlogs") Backlog a,
      @ForAll("backlogs") Backlog b,
      @ForAll("costs") ReplayCosts c) {
    Duration whole = c.estimate(a.plus(b)).total();
    Duration parts = c.estimate(a).total().plus(c.estimate(b).total());
    assertThat(parts).isBetween(whole, whole.plusMillis(1));
  }

  @Property(tries = 200)
  void debt_additiveOverConsecutiveIntervals_andNonNegative(
      @ForAll @LongRange(min = 0, max = 10_000_000_000L) long first,
      @ForAll @LongRange(min = 0, max = 10_000_000_000L) long second) {
    Instant t1 = LAST.plusMillis(first);
    Instant t2 = t1.plusMillis(second);
    Duration d01 = SyncDebt.compute("n", LAST, t1, Backlog.EMPTY, COSTS).debt();
    Duration d12 = SyncDebt.compute("n", t1, t2, Backlog.EMPTY, COSTS).debt();
    Duration d02 = SyncDebt.compute("n", LAST, t2, Backlog.EMPTY, COSTS).debt();
    assertThat(d01.plus(d12)).isEqualTo(d02);
    assertThat(d02).isGreaterThanOrEqualTo(Duration.ZERO);
  }

  @Property(tries = 200)
  void replayEta_monotoneInBacklog_andNotBeforeNow(
      @ForAll("backlogs") Backlog a,
      @ForAll("backlogs") Backlog b,
      @ForAll("costs") ReplayCosts c) {
    Instant small = SyncDebt.compute("n", LAST, NOW, a, c).replayEta();
    Instant big = SyncDebt.compute("n", LAST, NOW, a.plus(b), c).replayEta();
    assertThat(small).isAfterOrEqualTo(NOW);
    assertThat(big).isAfterOrEqualTo(small);
  }

  private static double secs(Duration d) {
    return d.getSeconds() + d.getNano() / 1e9;
  }

  @Test
  void confidence_statedRates_low_measuredRates_high_emptyBacklog_one() {
    Backlog backlog = new Backlog(1000, 0, 0, 0);
    SyncDebt stated = SyncDebt.compute("n", LAST, NOW, backlog, COSTS);
    ReplayCosts measured =
        new ReplayCosts(
            ReplayRate.measured(1.0, Duration.ofMinutes(20), Duration.ofMinutes(5)),
            Duration.ofSeconds(60),
            Duration.ofSeconds(120),
            Duration.ofSeconds(300),
            0.0);

    assertThat(stated.confidence()).isEqualTo(new Confidence(0, "low"));
    // 4 half-lives of observation: 1 - 2^-4
    assertThat(SyncDebt.compute("n", LAST, NOW, backlog, measured).confidence().score())
        .isEqualTo(0.9375);
    assertThat(SyncDebt.compute("n", LAST, NOW, backlog, measured).confidence().level())
        .isEqualTo("high");
    assertThat(SyncDebt.compute("n", LAST, NOW, Backlog.EMPTY, COSTS).confidence().score())
        .isEqualTo(1.0);
  }

  @Test
  void confidence_weightsEachClassByItsShareOfTheDuration() {
    // 100 s of measured messages (confidence 0.5) and 300 s of stated version updates (0).
    ReplayCosts costs =
        new ReplayCosts(
            ReplayRate.measured(1.0, Duration.ofMinutes(5), Duration.ofMinutes(5)),
            Duration.ZERO,
            Duration.ZERO,
            Duration.ofSeconds(300),
            0.0);

    Confidence c = SyncDebt.compute("n", LAST, NOW, new Backlog(100, 0, 0, 1), costs).confidence();

    assertThat(c.score()).isCloseTo(0.125, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(c.level()).isEqualTo("low");
  }

  @Test
  void parse_observedSecondsAndCostConfidence_reportedInDocument() throws Exception {
    SyncDebtRequest r =
        SyncDebtRequest.parse(
            "{\"node\": \"n\", \"last_sync\": \"2026-02-27T00:00:00Z\", \"current_time\":"
                + " \"2026-02-27T03:45:00Z\", \"backlog\": {\"messages\": 100, \"config_updates\": 0,"
                + " \"policy_updates\": 0, \"version_updates\": 0}, \"rates\":"
                + " {\"messages_per_second\": 2, \"messages_observed_seconds\": 300,"
                + " \"config_update_seconds\": 60, \"policy_update_seconds\": 120,"
                + " \"version_update_seconds\": 300, \"cost_confidence\": 0.5}}");

    JsonNode doc = Json.MAPPER.readTree(r.compute().toJson());

    assertThat(doc.path("confidence").path("score").asDouble()).isEqualTo(0.5);
    assertThat(doc.path("confidence").path("level").asText()).isEqualTo("medium");
    assertThat(doc.path("estimated_duration").asText()).isEqualTo("PT50S");
  }

  @Test
  void parse_costConfidenceOutOfRange_invalidInput() {
    assertThatThrownBy(
            () ->
                SyncDebtRequest.parse(
                    "{\"node\": \"n\", \"last_sync\": \"2026-02-27T00:00:00Z\", \"current_time\":"
                        + " \"2026-02-27T03:45:00Z\", \"backlog\": {\"messages\": 1,"
                        + " \"config_updates\": 0, \"policy_updates\": 0, \"version_updates\": 0},"
                        + " \"rates\": {\"messages_per_second\": 1, \"config_update_seconds\": 1,"
                        + " \"policy_update_seconds\": 1, \"version_update_seconds\": 1,"
                        + " \"cost_confidence\": 1.5}}"))
        .isInstanceOf(DriftException.class)
        .hasMessageContaining("rates.cost_confidence; expected a number in [0, 1]");
  }
}
