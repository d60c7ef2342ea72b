package io.souverix.drift.autonomy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.souverix.drift.Backlog;
import io.souverix.drift.ReplayCosts;
import io.souverix.drift.ReplayRate;
import io.souverix.drift.SyncDebt;
import io.souverix.drift.connectivity.LinkState;
import io.souverix.drift.connectivity.LinkTransition;
import io.souverix.drift.federation.Authority;
import io.souverix.drift.federation.AuthorityRules;
import io.souverix.drift.federation.FieldKey;
import io.souverix.drift.federation.FieldUpdate;
import io.souverix.drift.federation.HybridTimestamp;
import io.souverix.drift.federation.RegionalDesiredState;
import io.souverix.lifecycle.event.EventType;
import io.souverix.lifecycle.event.NewEvent;
import io.souverix.lifecycle.internal.Sha256;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class AutonomySessionTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final FieldKey AGENT = FieldKey.componentVersion("agent");
  static final FieldKey NTP = FieldKey.configObject("ntp");
  static final FieldKey BASELINE = FieldKey.policyVersion("baseline");
  static final ReplayCosts COSTS =
      new ReplayCosts(
          ReplayRate.withPrior(2.0, Duration.ofMinutes(5)),
          Duration.ofSeconds(30),
          Duration.ofSeconds(60),
          Duration.ofSeconds(120));

  static FieldUpdate u(FieldKey f, String v, Authority a, long t) {
    return new FieldUpdate(
        f, v, a, new HybridTimestamp(t, 0, a == Authority.REGION ? "eu" : "global"));
  }

  static RegionalDesiredState base() {
    return RegionalDesiredState.empty("eu", AuthorityRules.defaults())
        .apply(u(AGENT, "2.4.0", Authority.GLOBAL, 1))
        .apply(u(NTP, "{\"server\":\"eu.pool\"}", Authority.REGION, 2))
        .apply(u(BASELINE, "6", Authority.GLOBAL, 3));
  }

  static AutonomySession enter(RegionalDesiredState s) {
    return AutonomySession.enter(
        new LinkTransition("n1", LinkState.CONNECTED, LinkState.AUTONOMOUS, T0, "uplink lost"), s);
  }

  @Test
  void enter_snapshotHashIsSha256OfCanonicalJson() {
    AutonomySession s = enter(base());
    assertThat(s.snapshot().toJson())
        .isEqualTo(
            "{\"component_version:agent\":\"2.4.0\","
                + "\"config_object:ntp\":\"{\\\"server\\\":\\\"eu.pool\\\"}\","
                + "\"policy_version:baseline\":\"6\"}");
    assertThat(s.snapshot().hash()).isEqualTo("sha256:" + Sha256.hex(s.snapshot().toJson()));
    NewEvent e = s.connectivityBreak().toEvent(UUID.randomUUID(), "agent");
    assertThat(e.type()).isEqualTo(EventType.NODE_CONNECTIVITY_CHANGED.name());
    assertThat(e.payload().text("state")).contains("autonomous");
  }

  @Test
  void enter_transitionNotToAutonomous_rejected() {
    assertThatThrownBy(
            () ->
                AutonomySession.enter(
                    new LinkTransition("n1", LinkState.CONNECTED, LinkState.OFFLINE, T0, "x"),
                    base()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected one to autonomous");
  }

  @Test
  void reportActual_localChange_accumulatesDrift() {
    AutonomySession s = enter(base());
    s.reportActual(AGENT, "2.3.9", T0.plusSeconds(60));
    assertThat(s.drift()).containsExactly(new StateDifference(AGENT, "2.4.0", "2.3.9"));
  }

  @Test
  void missed_sameUpdateTwice_countedOnceByClass() {
    AutonomySession s = enter(base());
    FieldUpdate a = u(AGENT, "2.4.1", Authority.GLOBAL, 10);
    assertThat(s.missed(a, T0.plusSeconds(1))).isTrue();
    assertThat(s.missed(a, T0.plusSeconds(2))).isFalse();
    s.missed(u(BASELINE, "7", Authority.GLOBAL, 11), T0.plusSeconds(3));
    s.missed(u(NTP, "{}", Authority.REGION, 12), T0.plusSeconds(4));
    assertThat(s.backlog()).isEqualTo(new Backlog(3, 1, 1, 1));
  }

  @Test
  void returning_missedUpdates_replayedInCausalOrderByAuthorityRules() {
    RegionalDesiredState snapshot = base();
    AutonomySession s = enter(snapshot);
    RegionalDesiredState current =
        snapshot
            .apply(u(BASELINE, "5", Authority.REGION, 20)) // loses: global wins policy versions
            .apply(u(AGENT, "2.4.1", Authority.GLOBAL, 12))
            .apply(u(BASELINE, "7", Authority.GLOBAL, 11));
    ReplayPlan plan = s.returning(current, T0.plusSeconds(3600));
    assertThat(plan.missed())
        .extracting(x -> x.stamp().physicalMillis())
        .containsExactly(11L, 12L, 20L);
    assertThat(plan.steps())
        .extracting(ReplayStep::field, ReplayStep::value)
        .containsExactly(
            org.assertj.core.api.Assertions.tuple(BASELINE, "7"),
            org.assertj.core.api.Assertions.tuple(AGENT, "2.4.1"));
    assertThat(plan.expected().fields()).isEqualTo(current.resolved());
  }

  @Test
  void complete_reportedStateDiffers_mismatchNamesFieldAndStaysReturning() {
    AutonomySession s = enter(base());
    s.reportActual(NTP, "{\"server\":\"local\"}", T0.plusSeconds(5));
    ReplayPlan plan =
        s.returning(base().apply(u(AGENT, "2.4.1", Authority.GLOBAL, 9)), T0.plusSeconds(60));
    Map<FieldKey, String> node = new HashMap<>(s.snapshot().fields());
    node.put(NTP, "{\"server\":\"local\"}");
    plan.steps().forEach(step -> node.put(step.field(), step.value()));

    ReplayValidation v = s.complete(node, T0.plusSeconds(61));
    assertThat(v.consistent()).isFalse();
    assertThat(v.differences())
        .containsExactly(
            new StateDifference(NTP, "{\"server\":\"eu.pool\"}", "{\"server\":\"local\"}"));
    assertThat(v.reportedHash()).isNotEqualTo(v.expectedHash());
    assertThat(s.phase()).isEqualTo(AutonomySession.Phase.RETURNING);

    node.put(NTP, "{\"server\":\"eu.pool\"}");
    ReplayValidation again = s.complete(node, T0.plusSeconds(62));
    assertThat(again.consistent()).isTrue();
    assertThat(again.differences()).isEmpty();
    assertThat(s.phase()).isEqualTo(AutonomySession.Phase.RESUMED);
  }

  @Test
  void complete_withoutPlan_illegalState() {
    AutonomySession s = enter(base());
    assertThatThrownBy(() -> s.complete(Map.of(), T0)).isInstanceOf(IllegalStateException.class);
  }

  // ---- sync debt while away and after the replay

  /** A step while away: time passes, then maybe one missed update. */
  record Away(Duration after, FieldKey field, String value, boolean missesOne) {}

  @Provide
  Arbitrary<List<Away>> away() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 7_200).map(Duration::ofSeconds),
            Arbitraries.of(AGENT, NTP, BASELINE, FieldKey.securityFix("openssl")),
            Arbitraries.of("a", "b", "c", "d"),
            Arbitraries.of(true, true, false))
        .as(Away::new)
        .list()
        .ofMaxSize(60);
  }

  @Property(tries = 200)
  void debt_whileDisconnected_growsMonotonicallyAndEtaFollowsBacklog(
      @ForAll("away") List<Away> steps) {
    AutonomySession s = enter(base());
    Instant now = T0;
    SyncDebt prev = s.debt(now, COSTS);
    long stamp = 100;
    for (Away a : steps) {
      now = now.plus(a.after());
      if (a.missesOne()) {
        s.missed(u(a.field(), a.value(), Authority.GLOBAL, stamp++), now);
      }
      SyncDebt d = s.debt(now, COSTS);
      assertThat(d.debt()).isGreaterThanOrEqualTo(prev.debt());
      Backlog b = d.backlog();
      Backlog p = prev.backlog();
      assertThat(b.messages()).isGreaterThanOrEqualTo(p.messages());
      assertThat(b.configUpdates()).isGreaterThanOrEqualTo(p.configUpdates());
      assertThat(b.policyUpdates()).isGreaterThanOrEqualTo(p.policyUpdates());
      assertThat(b.versionUpdates()).isGreaterThanOrEqualTo(p.versionUpdates());
      assertThat(d.estimatedDuration()).isGreaterThanOrEqualTo(prev.estimatedDuration());
      assertThat(d.replayEta()).isAfterOrEqualTo(prev.replayEta());
      prev = d;
    }
  }

  @Property(tries = 200)
  void complete_nodeAppliedThePlan_consistentAndDebtZero(@ForAll("away") List<Away> steps) {
    RegionalDesiredState snapshot = base();
    AutonomySession s = enter(snapshot);
    RegionalDesiredState current = snapshot;
    Instant now = T0;
    long stamp = 100;
    for (Away a : steps) {
      now = now.plus(a.after());
      if (a.missesOne()) {
        Authority who = stamp % 3 == 0 ? Authority.REGION : Authority.GLOBAL;
        FieldUpdate x = u(a.field(), a.value(), who, stamp++);
        current = current.apply(x);
        s.missed(x, now);
      }
    }
    ReplayPlan plan = s.returning(current, now);
    Map<FieldKey, String> node = new HashMap<>(s.snapshot().fields());
    plan.steps().forEach(step -> node.put(step.field(), step.value()));
    ReplayValidation v = s.complete(node, now);

    assertThat(v.consistent()).as("%s", v).isTrue();
    assertThat(v.expectedHash()).isEqualTo(ExpectedState.of("n1", current.resolved()).hash());
    SyncDebt after = s.debt(now, COSTS);
    assertThat(after.backlog().isEmpty()).isTrue();
    assertThat(after.debt()).isZero();
    assertThat(after.replayEta()).isEqualTo(now);
  }
}
