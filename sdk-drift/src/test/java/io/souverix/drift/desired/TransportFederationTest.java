package io.souverix.drift.desired;

import static io.souverix.drift.federation.OfflineRegionScenario.AGENT;
import static io.souverix.drift.federation.OfflineRegionScenario.BASELINE;
import static io.souverix.drift.federation.OfflineRegionScenario.DRIFT;
import static io.souverix.drift.federation.OfflineRegionScenario.NTP;
import static io.souverix.drift.federation.OfflineRegionScenario.RULES;
import static io.souverix.drift.federation.OfflineRegionScenario.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.souverix.drift.federation.FederationException;
import io.souverix.drift.federation.FederationPolicy;
import io.souverix.drift.federation.GlobalControl;
import io.souverix.drift.federation.HybridClock;
import io.souverix.drift.federation.OfflineRegionScenario;
import io.souverix.drift.federation.OfflineRegionScenario.Op;
import io.souverix.drift.federation.RegionalMaster;
import io.souverix.drift.federation.SyncRequest;
import io.souverix.drift.federation.SyncResponse;
import io.souverix.drift.federation.SyncResult;
import io.souverix.drift.federation.SyncScheduler;
import io.souverix.drift.federation.SyncStatus;
import io.souverix.lifecycle.spi.Signer;
import io.souverix.lifecycle.spi.Transport;
import io.souverix.lifecycle.spi.TransportCursor;
import io.souverix.lifecycle.spi.TransportEnvelope;
import io.souverix.lifecycle.time.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TransportFederationTest {
  /**
   * Global control and region eu, linked only by an in-process transport. While {@code pumping},
   * the endpoint serves each request as soon as the transport accepted it, so exchanges complete
   * without threads and with a zero wait.
   */
  static final class World {
    final ManualClock clock = ManualClock.at(T0);
    final Fleet.Keys keys = new Fleet.Keys();
    final Fleet.Wire wire = new Fleet.Wire(Transport.inProcess(keys));
    final Signer globalSigner = keys.enrol("global");
    final Signer euSigner = keys.enrol("eu");
    final GlobalControl global =
        GlobalControl.create(HybridClock.create("global", clock, DRIFT), RULES);
    final FederationEndpoint endpoint =
        FederationEndpoint.create(
            wire, global, "global", globalSigner, clock, TransportCursor.beginning());
    final TransportUpstream upstream =
        TransportUpstream.create(
            wire, "eu", "global", euSigner, clock, Duration.ZERO, TransportCursor.beginning());
    final RegionalMaster region;
    final SyncScheduler scheduler;
    volatile boolean pumping = true;

    World(FederationPolicy policy) {
      region = RegionalMaster.create(HybridClock.create("eu", clock, DRIFT), policy, RULES);
      scheduler = SyncScheduler.create(region, upstream, T0);
      wire.afterSend =
          e -> {
            if (pumping && e.channel().equals(TransportUpstream.REQUEST_CHANNEL)) {
              endpoint.serve(100, Duration.ZERO);
            }
          };
    }

    Optional<SyncResult> advanceAndTick(Duration d) {
      clock.advance(d);
      return scheduler.tick(clock.instant());
    }

    OfflineRegionScenario.Setup scenario() {
      return new OfflineRegionScenario.Setup(
          clock, global, region, scheduler, reachable -> pumping = reachable);
    }
  }

  @Test
  void tick_overTransport_regionAndGlobalExchangeBothWays() throws Exception {
    World w = new World(FederationPolicy.defaults());
    w.global.set("eu", AGENT, "2.4.1");
    w.region.set(NTP, "{\"server\":\"eu.pool\"}");
    SyncResult r = w.advanceAndTick(Duration.ofSeconds(1)).orElseThrow();
    assertThat(r.succeeded()).as(r.message()).isTrue();
    assertThat(r.sent()).isEqualTo(1);
    assertThat(r.received()).isEqualTo(1);
    assertThat(w.region.state()).isEqualTo(w.global.stateOf("eu"));
    assertThat(w.region.state().value(AGENT)).contains("2.4.1");
    assertThat(w.global.stateOf("eu").value(NTP)).contains("{\"server\":\"eu.pool\"}");
    assertThat(w.scheduler.status()).isEqualTo(SyncStatus.IN_SYNC);
    // Both directions went as signed envelopes keyed by the region.
    assertThat(w.wire.sentOn(TransportUpstream.REQUEST_CHANNEL))
        .singleElement()
        .satisfies(e -> assertThat(e.sender()).isEqualTo("eu"));
    assertThat(w.wire.sentOn(TransportUpstream.RESPONSE_CHANNEL))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.sender()).isEqualTo("global");
              assertThat(e.key()).isEqualTo("eu");
            });
  }

  @Test
  void exchange_noAnswer_unreachableThenLateAnswerSkippedAndNextSyncConverges() throws Exception {
    World w = new World(FederationPolicy.defaults());
    w.pumping = false;
    w.region.set(NTP, "{}");
    w.global.set("eu", BASELINE, "7");
    SyncResult failed = w.advanceAndTick(Duration.ofSeconds(1)).orElseThrow();
    assertThat(failed.failure()).isEqualTo(FederationException.Code.UNREACHABLE);
    assertThat(w.scheduler.status()).isEqualTo(SyncStatus.OFFLINE);
    assertThat(w.region.outbox()).hasSize(1);
    // Global control answers the old request late; the region has moved on.
    assertThat(w.endpoint.serve(10, Duration.ZERO).accepted()).hasSize(1);
    w.region.set(AGENT, "3.0.0");
    w.pumping = true;
    SyncResult ok = w.advanceAndTick(Duration.ofSeconds(1)).orElseThrow();
    assertThat(ok.succeeded()).as(ok.message()).isTrue();
    assertThat(ok.sent()).isEqualTo(2);
    assertThat(w.region.outbox()).isEmpty();
    assertThat(w.region.state()).isEqualTo(w.global.stateOf("eu"));
    assertThat(w.region.state().value(BASELINE)).contains("7");
  }

  @Test
  void exchange_regionClockFarAhead_refusalCodeComesBackOverTransport() throws Exception {
    World w = new World(FederationPolicy.defaults());
    ManualClock ahead = ManualClock.at(T0.plus(Duration.ofHours(1)));
    RegionalMaster fast =
        RegionalMaster.create(
            HybridClock.create("eu", ahead, DRIFT), FederationPolicy.defaults(), RULES);
    fast.set(NTP, "{}");
    SyncScheduler s = SyncScheduler.create(fast, w.upstream, T0);
    SyncResult r = s.tick(T0.plusSeconds(1)).orElseThrow();
    assertThat(r.failure()).isEqualTo(FederationException.Code.CLOCK_AHEAD);
    assertThat(w.global.stateOf("eu").resolved()).isEmpty();
  }

  @Test
  void serve_requestSentByAnotherRegion_refusedAndNothingApplied() throws Exception {
    World w = new World(FederationPolicy.defaults());
    Signer usSigner = w.keys.enrol("us");
    RegionalMaster eu = w.region;
    eu.set(NTP, "{}");
    w.pumping = false;
    // us signs (validly, as itself) a request keyed and named as eu.
    byte[] payload = SyncMessages.request(1, new SyncRequest("eu", eu.outbox(), 0));
    w.wire.send(
        TransportEnvelope.sign(
            usSigner, TransportUpstream.REQUEST_CHANNEL, "eu", "us", 1, payload));
    PollOutcome<SyncResponse> out = w.endpoint.serve(10, Duration.ZERO);
    assertThat(out.accepted()).isEmpty();
    assertThat(out.ignored()).hasSize(1);
    assertThat(w.global.stateOf("eu").resolved()).isEmpty();
    assertThatThrownBy(() -> w.upstream.exchange(new SyncRequest("us", List.of(), 0)))
        .isInstanceOfSatisfying(
            FederationException.class,
            e -> assertThat(e.code()).isEqualTo(FederationException.Code.INVALID_REQUEST));
  }

  // ---- as SyncSchedulerTest: a region offline for hours converges with global on its return

  @Provide
  Arbitrary<List<Op>> ops() {
    return OfflineRegionScenario.ops(20);
  }

  @Property(tries = 30)
  void sync_overTransport_regionOfflineForHoursThenBack_convergesWithGlobal(
      @ForAll("ops") List<Op> before,
      @ForAll("ops") List<Op> whileOffline,
      @ForAll @IntRange(min = 1, max = 12) int offlineHours)
      throws Exception {
    OfflineRegionScenario.offlineForHoursThenBack(
        new World(FederationPolicy.defaults()).scenario(), before, whileOffline, offlineHours);
  }
}
