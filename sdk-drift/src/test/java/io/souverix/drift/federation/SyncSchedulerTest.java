package io.souverix.drift.federation;

import static io.souverix.drift.federation.OfflineRegionScenario.AGENT;
import static io.souverix.drift.federation.OfflineRegionScenario.BASELINE;
import static io.souverix.drift.federation.OfflineRegionScenario.DRIFT;
import static io.souverix.drift.federation.OfflineRegionScenario.NTP;
import static io.souverix.drift.federation.OfflineRegionScenario.RULES;
import static io.souverix.drift.federation.OfflineRegionScenario.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.souverix.drift.connectivity.LinkState;
import io.souverix.drift.federation.OfflineRegionScenario.Op;
import io.souverix.lifecycle.internal.Json;
import io.souverix.lifecycle.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SyncSchedulerTest {
  /** Global control and one region on one fake clock, with a switchable upstream link. */
  static final class World {
    final ManualClock clock = ManualClock.at(T0);
    final GlobalControl global =
        GlobalControl.create(HybridClock.create("global", clock, DRIFT), RULES);
    final RegionalMaster region;
    final SyncScheduler scheduler;
    boolean up = true;

    World(FederationPolicy policy) {
      region = RegionalMaster.create(HybridClock.create("eu", clock, DRIFT), policy, RULES);
      scheduler =
          SyncScheduler.create(
              region,
              request -> {
                if (!up) {
                  throw new FederationException(
                      FederationException.Code.UNREACHABLE,
                      "upstream; expected a reply, but got none");
                }
                return global.exchange(request);
              },
              T0);
    }

    Optional<SyncResult> advanceAndTick(Duration d) {
      clock.advance(d);
      return scheduler.tick(clock.instant());
    }

    OfflineRegionScenario.Setup scenario() {
      return new OfflineRegionScenario.Setup(
          clock, global, region, scheduler, reachable -> up = reachable);
    }
  }

  @Test
  void tick_beforeInterval_nothingThenScheduledSync() throws Exception {
    World w = new World(new FederationPolicy(true, true, false, Duration.ofMinutes(5)));
    w.global.set("eu", AGENT, "2.4.1");
    assertThat(w.advanceAndTick(Duration.ofMinutes(4))).isEmpty();
    SyncResult r = w.advanceAndTick(Duration.ofMinutes(1)).orElseThrow();
    assertThat(r.trigger()).isEqualTo(SyncResult.Trigger.SCHEDULED);
    assertThat(r.succeeded()).isTrue();
    assertThat(r.received()).isEqualTo(1);
    assertThat(w.region.state().value(AGENT)).contains("2.4.1");
    assertThat(w.scheduler.status()).isEqualTo(SyncStatus.IN_SYNC);
  }

  @Test
  void tick_localWriteWithOpportunisticPolicy_syncsAtNextTick() throws Exception {
    World w = new World(FederationPolicy.defaults());
    w.region.set(NTP, "{\"server\":\"eu.pool\"}");
    assertThat(w.scheduler.status()).isEqualTo(SyncStatus.BEHIND);
    SyncResult r = w.advanceAndTick(Duration.ofSeconds(1)).orElseThrow();
    assertThat(r.trigger()).isEqualTo(SyncResult.Trigger.OPPORTUNISTIC);
    assertThat(r.sent()).isEqualTo(1);
    assertThat(w.global.stateOf("eu")).isEqualTo(w.region.state());
    assertThat(w.region.outbox()).isEmpty();
  }

  @Test
  void tick_linkAutonomous_skipsScheduledSyncAndReportsOffline() throws Exception {
    World w = new World(FederationPolicy.defaults());
    w.scheduler.linkChanged(LinkState.AUTONOMOUS, T0);
    SyncResult r = w.advanceAndTick(Duration.ofMinutes(5)).orElseThrow();
    assertThat(r.failure()).isEqualTo(FederationException.Code.UNREACHABLE);
    assertThat(w.scheduler.status()).isEqualTo(SyncStatus.OFFLINE);
    // It can operate isolated: local writes go on and wait in the outbox.
    w.region.set(NTP, "{}");
    assertThat(w.advanceAndTick(Duration.ofMinutes(1))).isEmpty();
    // The link returns: an opportunistic sync at the next tick, not at the schedule.
    w.scheduler.linkChanged(LinkState.INTERMITTENT, w.clock.instant());
    SyncResult back = w.advanceAndTick(Duration.ofSeconds(1)).orElseThrow();
    assertThat(back.trigger()).isEqualTo(SyncResult.Trigger.OPPORTUNISTIC);
    assertThat(back.succeeded()).isTrue();
    assertThat(w.scheduler.status()).isEqualTo(SyncStatus.IN_SYNC);
  }

  @Test
  void set_isolatedRegionThatMayNotOperateIsolated_refused() {
    World w = new World(new FederationPolicy(true, false, true, Duration.ofMinutes(5)));
    w.scheduler.linkChanged(LinkState.OFFLINE, T0);
    assertThatThrownBy(() -> w.region.set(NTP, "{}"))
        .isInstanceOfSatisfying(
            FederationException.class,
            e -> assertThat(e.code()).isEqualTo(FederationException.Code.LOCAL_WRITE_REFUSED));
    assertThat(w.region.state().resolved()).isEmpty();
  }

  @Test
  void set_noLocalAutonomy_refused() {
    World w = new World(new FederationPolicy(false, true, true, Duration.ofMinutes(5)));
    assertThatThrownBy(() -> w.region.set(NTP, "{}"))
        .isInstanceOfSatisfying(
            FederationException.class,
            e -> assertThat(e.code()).isEqualTo(FederationException.Code.LOCAL_WRITE_REFUSED));
  }

  @Test
  void exchange_regionWritingAsGlobal_refusedAndNothingApplied() {
    World w = new World(FederationPolicy.defaults());
    FieldUpdate forged =
        new FieldUpdate(BASELINE, "1", Authority.GLOBAL, new HybridTimestamp(1, 0, "eu"));
    FieldUpdate own = new FieldUpdate(NTP, "{}", Authority.REGION, new HybridTimestamp(1, 0, "eu"));
    assertThatThrownBy(() -> w.global.exchange(new SyncRequest("eu", List.of(own, forged), 0)))
        .isInstanceOfSatisfying(
            FederationException.class,
            e -> assertThat(e.code()).isEqualTo(FederationException.Code.AUTHORITY_MISMATCH));
    assertThat(w.global.stateOf("eu").resolved()).isEmpty();
  }

  @Test
  void exchange_regionClockTooFarAhead_refusedAndSyncReportsIt() throws Exception {
    World w = new World(FederationPolicy.defaults());
    FieldUpdate ahead =
        new FieldUpdate(
            NTP,
            "{}",
            Authority.REGION,
            new HybridTimestamp(T0.toEpochMilli() + 3_600_000, 0, "eu"));
    assertThatThrownBy(() -> w.global.exchange(new SyncRequest("eu", List.of(ahead), 0)))
        .isInstanceOfSatisfying(
            FederationException.class,
            e -> assertThat(e.code()).isEqualTo(FederationException.Code.CLOCK_AHEAD));
    assertThat(w.global.stateOf("eu").resolved()).isEmpty();
  }

  @Test
  void document_offlineFor6Hours_fieldsInOrderWithIsoTimes() throws Exception {
    World w = new World(FederationPolicy.defaults());
    w.region.set(NTP, "{}");
    w.advanceAndTick(Duration.ofSeconds(5)).orElseThrow();
    w.scheduler.linkChanged(LinkState.AUTONOMOUS, w.clock.instant());
    w.clock.advance(Duration.ofHours(6));
    JsonNode doc = Json.MAPPER.readTree(w.scheduler.document(w.clock.instant()).toJson());
    List<String> names = new ArrayList<>();
    doc.fieldNames().forEachRemaining(names::add);
    assertThat(names)
        .containsExactly(
            "region",
            "local_autonomy",
            "can_operate_isolated",
            "syncs_opportunistically",
            "sync_status",
            "last_sync",
            "debt",
            "debt_hours",
            "pending_conflicts",
            "unsynced_updates",
            "hlc");
    assertThat(doc.get("region").asText()).isEqualTo("eu");
    assertThat(doc.get("sync_status").asText()).isEqualTo("offline");
    assertThat(doc.get("last_sync").asText()).isEqualTo("2026-01-01T00:00:05Z");
    assertThat(doc.get("debt").asText()).isEqualTo("PT6H");
    assertThat(doc.get("debt_hours").asDouble()).isEqualTo(6.0);
    assertThat(doc.get("local_autonomy").asBoolean()).isTrue();
  }

  // ---- a region offline for hours of fake time converges with global control on its return

  @Provide
  Arbitrary<List<Op>> ops() {
    return OfflineRegionScenario.ops(30);
  }

  @Property(tries = 60)
  void sync_regionOfflineForHoursThenBack_convergesWithGlobal(
      @ForAll("ops") List<Op> before,
      @ForAll("ops") List<Op> whileOffline,
      @ForAll @IntRange(min = 1, max = 12) int offlineHours)
      throws Exception {
    OfflineRegionScenario.offlineForHoursThenBack(
        new World(FederationPolicy.defaults()).scenario(), before, whileOffline, offlineHours);
  }
}
