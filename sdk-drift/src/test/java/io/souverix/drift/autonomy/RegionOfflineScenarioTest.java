package io.souverix.drift.autonomy;

import static org.assertj.core.api.Assertions.assertThat;

import io.souverix.drift.Backlog;
import io.souverix.drift.ReplayCosts;
import io.souverix.drift.ReplayRate;
import io.souverix.drift.SyncDebt;
import io.souverix.drift.connectivity.LinkState;
import io.souverix.drift.connectivity.LinkTransition;
import io.souverix.drift.federation.AuthorityRule;
import io.souverix.drift.federation.AuthorityRules;
import io.souverix.drift.federation.FederationException;
import io.souverix.drift.federation.FederationPolicy;
import io.souverix.drift.federation.FederationSync;
import io.souverix.drift.federation.FieldKey;
import io.souverix.drift.federation.FieldUpdate;
import io.souverix.drift.federation.GlobalControl;
import io.souverix.drift.federation.HybridClock;
import io.souverix.drift.federation.PendingConflict;
import io.souverix.drift.federation.RegionalDesiredState;
import io.souverix.drift.federation.RegionalMaster;
import io.souverix.drift.federation.SyncResult;
import io.souverix.drift.federation.SyncScheduler;
import io.souverix.drift.federation.SyncStatus;
import io.souverix.lifecycle.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Region ap-south loses its uplink for over 6 hours of fake time, with two edge nodes autonomous;
 * global control keeps changing desired state, the region changes its own config; then everything
 * returns.
 */
class RegionOfflineScenarioTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final String REGION = "ap-south";
  static final FieldKey AGENT = FieldKey.componentVersion("agent");
  static final FieldKey OS = FieldKey.componentVersion("os");
  static final FieldKey NTP = FieldKey.configObject("ntp");
  static final FieldKey FIREWALL = FieldKey.configObject("firewall");
  static final FieldKey BASELINE = FieldKey.policyVersion("baseline");
  static final FieldKey OPENSSL = FieldKey.securityFix("openssl");
  static final AuthorityRules RULES =
      AuthorityRules.defaults().with(FIREWALL, AuthorityRule.HUMAN_DECISION);
  static final ReplayCosts COSTS =
      new ReplayCosts(
          ReplayRate.withPrior(1.0, Duration.ofMinutes(5)),
          Duration.ofSeconds(30),
          Duration.ofSeconds(60),
          Duration.ofSeconds(120));

  final ManualClock clock = ManualClock.at(T0);
  final GlobalControl global =
      GlobalControl.create(HybridClock.create("global", clock, Duration.ofMinutes(1)), RULES);
  final RegionalMaster region =
      RegionalMaster.create(
          HybridClock.create(REGION, clock, Duration.ofMinutes(1)),
          FederationPolicy.defaults(),
          RULES);
  boolean uplink = true;
  final SyncScheduler scheduler =
      SyncScheduler.create(
          region,
          request -> {
            if (!uplink) {
              throw new FederationException(
                  FederationException.Code.UNREACHABLE, "uplink; expected a reply, but got none");
            }
            return global.exchange(request);
          },
          T0);

  Instant after(Duration d) {
    return clock.advance(d);
  }

  @Test
  void regionOffline6Hours_syncAgreesListsConflictsAndNodeReplaysValidate() throws Exception {
    // Before: desired state agreed and synced.
    global.set(REGION, AGENT, "2.4.0");
    global.set(REGION, OS, "22.04.3");
    global.set(REGION, BASELINE, "6");
    global.set(REGION, FIREWALL, "{\"allow\":[22]}");
    region.set(NTP, "{\"server\":\"ap.pool\"}");
    assertThat(scheduler.tick(after(Duration.ofSeconds(1))).orElseThrow().succeeded()).isTrue();
    assertThat(region.state()).isEqualTo(global.stateOf(REGION));

    // The uplink drops; two edge nodes go autonomous with a snapshot of the expected state.
    Instant down = after(Duration.ofMinutes(1));
    uplink = false;
    scheduler.linkChanged(LinkState.AUTONOMOUS, down);
    RegionalDesiredState atBreak = region.state();
    AutonomySession edge1 = AutonomySession.enter(autonomous("edge-1", down), atBreak);
    AutonomySession edge2 = AutonomySession.enter(autonomous("edge-2", down), atBreak);
    Map<FieldKey, String> node1 = new HashMap<>(edge1.snapshot().fields());
    Map<FieldKey, String> node2 = new HashMap<>(edge2.snapshot().fields());

    // Six hours away: global keeps changing desired state, the region changes its own config, and
    // both sides change the firewall (marked for a human decision). Edge-2 drifts locally.
    SyncDebt debtBefore = edge1.debt(clock.instant(), COSTS);
    List<FieldUpdate> missedByNodes = new java.util.ArrayList<>();
    missedByNodes.add(global.set(REGION, AGENT, "2.4.1"));
    after(Duration.ofHours(1));
    missedByNodes.add(global.set(REGION, BASELINE, "7"));
    missedByNodes.add(global.set(REGION, OPENSSL, "3.0.14"));
    after(Duration.ofHours(1));
    missedByNodes.add(region.set(NTP, "{\"server\":\"ap2.pool\"}"));
    missedByNodes.add(region.set(BASELINE, "6-hotfix")); // global wins policy versions
    missedByNodes.add(global.set(REGION, NTP, "{\"server\":\"pool\"}")); // region wins config
    after(Duration.ofHours(1));
    missedByNodes.add(global.set(REGION, FIREWALL, "{\"allow\":[22,443]}"));
    after(Duration.ofMinutes(10));
    missedByNodes.add(region.set(FIREWALL, "{\"allow\":[22,8443]}"));
    edge2.reportActual(OS, "22.04.2", clock.instant()); // a local rollback on edge-2
    node2.put(OS, "22.04.2");
    for (int h = 0; h < 3; h++) {
      missedByNodes.add(global.set(REGION, OS, "22.04." + (4 + h)));
      assertThat(scheduler.tick(after(Duration.ofHours(1))))
          .hasValueSatisfying(
              r -> assertThat(r.failure()).isEqualTo(FederationException.Code.UNREACHABLE));
    }
    for (FieldUpdate u : missedByNodes) {
      edge1.missed(u, clock.instant());
      edge2.missed(u, clock.instant());
    }
    SyncDebt debtAway = edge1.debt(clock.instant(), COSTS);
    assertThat(debtAway.debt()).isEqualTo(Duration.ofHours(6).plusMinutes(10));
    assertThat(debtAway.backlog()).isEqualTo(new Backlog(11, 4, 2, 5));
    assertThat(debtAway.estimatedDuration()).isGreaterThan(debtBefore.estimatedDuration());
    assertThat(edge2.drift()).containsExactly(new StateDifference(OS, "22.04.3", "22.04.2"));

    FederationSync offline = scheduler.document(clock.instant());
    assertThat(offline.syncStatus()).isEqualTo(SyncStatus.OFFLINE);
    assertThat(offline.debt()).isEqualTo(Duration.ofHours(6).plusMinutes(11));
    assertThat(offline.unsyncedUpdates()).isEqualTo(3);

    // The uplink returns: an opportunistic sync at the next tick.
    uplink = true;
    scheduler.linkChanged(LinkState.INTERMITTENT, clock.instant());
    SyncResult sync = scheduler.tick(after(Duration.ofSeconds(2))).orElseThrow();
    assertThat(sync.trigger()).isEqualTo(SyncResult.Trigger.OPPORTUNISTIC);
    assertThat(sync.sent()).isEqualTo(3);
    assertThat(sync.received()).isEqualTo(8);

    // Regional and global agree, per the authority rules.
    RegionalDesiredState agreed = region.state();
    assertThat(agreed).isEqualTo(global.stateOf(REGION));
    assertThat(agreed.resolved())
        .containsEntry(AGENT, "2.4.1") // latest wins
        .containsEntry(OS, "22.04.6")
        .containsEntry(BASELINE, "7") // global wins, though the region wrote later
        .containsEntry(OPENSSL, "3.0.14")
        .containsEntry(NTP, "{\"server\":\"ap2.pool\"}") // region wins, though global wrote later
        .containsEntry(FIREWALL, "{\"allow\":[22,443]}"); // in force until decided: the earlier
    // The firewall waits for a person.
    assertThat(agreed.pendingConflicts())
        .extracting(PendingConflict::field, c -> c.global().value(), c -> c.regional().value())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                FIREWALL, "{\"allow\":[22,443]}", "{\"allow\":[22,8443]}"));
    FederationSync back = scheduler.document(clock.instant());
    assertThat(back.syncStatus()).isEqualTo(SyncStatus.CONFLICTED);
    assertThat(back.pendingConflicts()).isEqualTo(1);
    assertThat(back.debt()).isZero();

    // The edge nodes return: causal replay, then hash validation.
    Instant nodesBack = after(Duration.ofMinutes(1));
    ReplayPlan plan1 = edge1.returning(agreed, nodesBack);
    assertThat(plan1.missed()).isSortedAccordingTo(FieldUpdate.causalOrder());
    plan1.steps().forEach(s -> node1.put(s.field(), s.value()));
    ReplayValidation v1 = edge1.complete(node1, nodesBack);
    assertThat(v1.consistent()).isTrue();
    assertThat(v1.expectedHash()).isEqualTo(ExpectedState.of("edge-1", agreed.resolved()).hash());
    assertThat(edge1.debt(nodesBack, COSTS).backlog().isEmpty()).isTrue();
    assertThat(edge1.debt(nodesBack, COSTS).debt()).isZero();

    // Edge-2 rolled os back locally; the replay sets os to 22.04.6, which repairs the rollback.
    ReplayPlan plan2 = edge2.returning(agreed, nodesBack);
    plan2.steps().forEach(s -> node2.put(s.field(), s.value()));
    ReplayValidation v2 = edge2.complete(node2, nodesBack);
    assertThat(v2.consistent()).isTrue();

    // A person decides the firewall at global control; after the next sync nothing is pending.
    global.decide(REGION, FIREWALL, "{\"allow\":[22,443,8443]}");
    assertThat(scheduler.tick(after(Duration.ofMinutes(5))).orElseThrow().succeeded()).isTrue();
    assertThat(region.state()).isEqualTo(global.stateOf(REGION));
    assertThat(region.state().pendingConflicts()).isEmpty();
    assertThat(region.state().value(FIREWALL)).contains("{\"allow\":[22,443,8443]}");
    assertThat(scheduler.status()).isEqualTo(SyncStatus.IN_SYNC);
  }

  @Test
  void nodeWithLocalDriftUntouchedByReplay_validationNamesTheField() throws Exception {
    global.set(REGION, AGENT, "2.4.0");
    region.set(NTP, "{\"server\":\"ap.pool\"}");
    scheduler.tick(after(Duration.ofSeconds(1))).orElseThrow();
    Instant down = after(Duration.ofMinutes(1));
    AutonomySession edge = AutonomySession.enter(autonomous("edge-3", down), region.state());
    Map<FieldKey, String> node = new HashMap<>(edge.snapshot().fields());
    edge.reportActual(NTP, "{\"server\":\"127.0.0.1\"}", after(Duration.ofHours(2)));
    node.put(NTP, "{\"server\":\"127.0.0.1\"}");
    edge.missed(global.set(REGION, AGENT, "2.4.1"), clock.instant());
    scheduler.tick(after(Duration.ofHours(4))).orElseThrow();

    ReplayPlan plan = edge.returning(region.state(), clock.instant());
    plan.steps().forEach(s -> node.put(s.field(), s.value()));
    ReplayValidation v = edge.complete(node, clock.instant());
    assertThat(v.consistent()).isFalse();
    assertThat(v.differences())
        .containsExactly(
            new StateDifference(NTP, "{\"server\":\"ap.pool\"}", "{\"server\":\"127.0.0.1\"}"));
    assertThat(edge.phase()).isEqualTo(AutonomySession.Phase.RETURNING);
    assertThat(edge.debt(clock.instant(), COSTS).backlog().messages()).isEqualTo(1);
  }

  static LinkTransition autonomous(String node, Instant at) {
    return new LinkTransition(node, LinkState.CONNECTED, LinkState.AUTONOMOUS, at, "uplink lost");
  }
}
