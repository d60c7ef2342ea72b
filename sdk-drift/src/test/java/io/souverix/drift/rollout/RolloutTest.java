package io.souverix.drift.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.souverix.lifecycle.event.EventType;
import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.schema.EventSchemas;
import io.souverix.lifecycle.spi.EventStore;
import io.souverix.lifecycle.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RolloutTest {
  static final Instant T0 = Instant.parse("2024-07-15T10:00:00Z"); // a Monday

  final ManualClock clock = ManualClock.at(T0);
  final EventStore store = EventSchemas.builtIn().validating(EventStore.inMemory(clock));
  final Set<String> offline = new HashSet<>();

  RolloutCoordinator coordinator(RolloutGate gate) {
    return RolloutCoordinator.newBuilder()
        .store(store)
        .clock(clock)
        .gate(gate)
        .availability(NodeAvailability.except(offline))
        .build();
  }

  static List<Target> targets(int n) {
    List<Target> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      out.add(Target.of(String.format("node-%06d", i), i % 2 == 0 ? "eu" : "us", "2.9.1"));
    }
    return out;
  }

  static RolloutPlan.Builder plan(int n) {
    return RolloutPlan.newBuilder("r-1", DesiredChange.version("agent", "3.0.0"))
        .targets(targets(n));
  }

  /** Steps and reports every updating node healthy unless it is in {@code failing}. */
  static void drive(Rollout r, Set<String> failing, int rounds) throws RolloutException {
    for (int i = 0; i < rounds; i++) {
      r.step();
      for (NodeProgress p : r.status().nodes()) {
        if (p.phase() == NodePhase.UPDATING) {
          r.reportHealth(
              p.node(),
              failing.contains(p.node())
                  ? HealthReport.failing("endpoint")
                  : HealthReport.passing("endpoint"));
        }
      }
    }
    r.step();
  }

  List<RecordedEvent> stream(String id) throws Exception {
    return store.readStream(id, 1, 10_000);
  }

  @Test
  void step_allHealthy_completesWaveByWaveAndMirrorsOnNodeStreams() throws Exception {
    Rollout r =
        coordinator(RolloutGate.allChecksPass())
            .start(plan(10).wave(WaveSpec.canary(1)).wave(WaveSpec.percent(30)).build());
    assertThat(r.status().waves()).extracting(List::size).containsExactly(1, 3, 3, 3);

    r.step();
    assertThat(r.status().counts().get(NodePhase.UPDATING)).isEqualTo(1);
    drive(r, Set.of(), 10);

    assertThat(r.status().phase()).isEqualTo(RolloutPhase.COMPLETED);
    assertThat(r.status().counts().get(NodePhase.SUCCEEDED)).isEqualTo(10);
    assertThat(stream("node-000004"))
        .extracting(RecordedEvent::type)
        .containsExactly(
            "node.desired_state_changed",
            "rollout.progressed",
            "node.health_validated",
            "rollout.progressed");
    assertThat(stream("node-000004").get(0).payload().requireText("version")).isEqualTo("3.0.0");
    assertThat(stream("rollout/r-1").get(stream("rollout/r-1").size() - 1).type())
        .isEqualTo(EventType.ROLLOUT_COMPLETED.name());
  }

  @Test
  void reportHealth_canaryFails_abortsBeforeBatchOne() throws Exception {
    Rollout r =
        coordinator(RolloutGate.allChecksPass())
            .start(plan(10).wave(WaveSpec.canary(2)).wave(WaveSpec.count(4)).build());
    r.step();
    r.reportHealth("node-000001", HealthReport.passing("endpoint"));
    NodeProgress p = r.reportHealth("node-000002", HealthReport.failing("endpoint"));

    assertThat(p.phase()).isEqualTo(NodePhase.ROLLED_BACK);
    assertThat(r.status().phase()).isEqualTo(RolloutPhase.ABORTED);
    assertThat(r.status().reason()).startsWith("canary node node-000002 failed");
    r.step();
    assertThat(r.status().currentWave()).isZero();
    List<String> types = stream("rollout/r-1").stream().map(RecordedEvent::type).toList();
    assertThat(types).filteredOn(t -> t.equals("rollout.wave_started")).hasSize(1);
    assertThat(types).filteredOn(t -> t.equals("rollout.node_updated")).hasSize(2);
    assertThat(stream("node-000003")).isEmpty();
  }

  @Test
  void failedNode_isRolledBackToItsLastGoodVersion() throws Exception {
    Rollout r = coordinator(RolloutGate.allChecksPass()).start(plan(3).build());
    r.step();
    r.reportHealth("node-000002", HealthReport.failing("endpoint"));

    assertThat(r.status().node("node-000002").phase()).isEqualTo(NodePhase.ROLLED_BACK);
    List<RecordedEvent> node = stream("node-000002");
    RecordedEvent restore = node.get(node.size() - 2);
    assertThat(restore.type()).isEqualTo("node.desired_state_changed");
    assertThat(restore.payload().requireText("version")).isEqualTo("2.9.1");
    assertThat(node.get(node.size() - 1).payload().requireText("to_version")).isEqualTo("2.9.1");
    assertThat(node.get(node.size() - 1).type()).isEqualTo("rollout.rolled_back");
  }

  @Test
  void abort_withRollbackOnAbort_restoresEveryUpdatedNode() throws Exception {
    FailurePolicy p =
        new FailurePolicy(
            0.2,
            Duration.ofHours(1),
            5,
            FailurePolicy.BreachAction.ABORT,
            true,
            Duration.ofMinutes(15));
    Rollout r = coordinator(RolloutGate.allChecksPass()).start(plan(4).policy(p).build());
    r.step();
    r.reportHealth("node-000001", HealthReport.passing("endpoint"));
    r.abort("operator saw errors");

    assertThat(r.status().nodes())
        .extracting(NodeProgress::phase)
        .containsOnly(NodePhase.ROLLED_BACK);
    assertThatThrownBy(() -> r.resume("again"))
        .isInstanceOf(RolloutException.class)
        .extracting(e -> ((RolloutException) e).code())
        .isEqualTo(RolloutException.Code.ILLEGAL_STATE);
  }

  @Test
  void step_failureRateBreached_pausesAndResumeCountsAfresh() throws Exception {
    FailurePolicy p =
        new FailurePolicy(
            0.25,
            Duration.ofHours(1),
            4,
            FailurePolicy.BreachAction.PAUSE,
            false,
            Duration.ofMinutes(15));
    Rollout r =
        coordinator(RolloutGate.allChecksPass())
            .start(plan(12).wave(WaveSpec.count(4)).policy(p).build());
    drive(r, Set.of("node-000001", "node-000002"), 1);

    assertThat(r.status().phase()).isEqualTo(RolloutPhase.PAUSED);
    assertThat(r.status().reason()).contains("failure rate");
    r.step();
    assertThat(r.status().currentWave()).isZero();
    r.resume("fixed the registry");
    drive(r, Set.of(), 5);
    assertThat(r.status().phase()).isEqualTo(RolloutPhase.COMPLETED);
  }

  @Test
  void step_healthTimeout_failsTheNode() throws Exception {
    Rollout r = coordinator(RolloutGate.allChecksPass()).start(plan(1).build());
    r.step();
    clock.advance(Duration.ofMinutes(15));
    r.step();
    assertThat(r.status().node("node-000001").reason()).contains("no health report");
  }

  @Test
  void step_outsideWindow_waitsUntilItOpens() throws Exception {
    Rollout r =
        coordinator(RolloutGate.allChecksPass())
            .start(
                plan(2)
                    .window(
                        MaintenanceWindow.ofRegion(
                            "us", LocalTime.of(22, 0), LocalTime.of(2, 0), ZoneId.of("UTC")))
                    .build());
    r.step();
    assertThat(r.status().node("node-000001").phase()).isEqualTo(NodePhase.PENDING);
    assertThat(r.status().node("node-000002").phase()).isEqualTo(NodePhase.UPDATING);
    clock.set(Instant.parse("2024-07-16T01:30:00Z"));
    r.step();
    assertThat(r.status().node("node-000001").phase()).isEqualTo(NodePhase.UPDATING);
  }

  @Test
  void deferredAutonomousNode_isUpdatedOnReturn() throws Exception {
    offline.add("node-000002");
    Rollout r = coordinator(RolloutGate.allChecksPass()).start(plan(3).build());
    drive(r, Set.of(), 2);
    assertThat(r.status().node("node-000002").phase()).isEqualTo(NodePhase.DEFERRED);
    assertThat(r.status().phase()).isEqualTo(RolloutPhase.RUNNING);
    assertThat(stream("node-000002")).isEmpty();

    offline.clear();
    assertThat(r.nodeReturned("node-000002")).isTrue();
    drive(r, Set.of(), 1);
    assertThat(r.status().node("node-000002").phase()).isEqualTo(NodePhase.SUCCEEDED);
    assertThat(r.status().phase()).isEqualTo(RolloutPhase.COMPLETED);
  }

  @Test
  void open_afterCrash_continuesFromTheStream() throws Exception {
    RolloutPlan plan = plan(6).wave(WaveSpec.canary(1)).wave(WaveSpec.count(2)).build();
    Rollout first = coordinator(RolloutGate.allChecksPass()).start(plan);
    drive(first, Set.of(), 1);
    RolloutStatus before = first.status();

    Rollout reopened = coordinator(RolloutGate.allChecksPass()).open("r-1");
    assertThat(reopened.status()).isEqualTo(before);
    assertThat(reopened.plan()).isEqualTo(plan);
    drive(reopened, Set.of(), 6);
    assertThat(reopened.status().phase()).isEqualTo(RolloutPhase.COMPLETED);
    assertThatThrownBy(() -> first.pause("stale"))
        .extracting(e -> ((RolloutException) e).code())
        .isEqualTo(RolloutException.Code.CONFLICT);
  }

  @Test
  void start_sameIdTwice_isRejected() throws Exception {
    RolloutCoordinator c = coordinator(RolloutGate.allChecksPass());
    c.start(plan(1).build());
    assertThatThrownBy(() -> c.start(plan(1).build()))
        .extracting(e -> ((RolloutException) e).code())
        .isEqualTo(RolloutException.Code.ALREADY_EXISTS);
    assertThatThrownBy(() -> c.open("nope"))
        .extracting(e -> ((RolloutException) e).code())
        .isEqualTo(RolloutException.Code.NOT_FOUND);
  }

  @Test
  void reportHealth_gateThrows_failsClosed() throws Exception {
    Rollout r =
        coordinator(
                (node, change, report) -> {
                  throw new IllegalStateException("attestation service down");
                })
            .start(plan(2).build());
    r.step();
    assertThat(r.reportHealth("node-000001", HealthReport.passing("endpoint")).reason())
        .contains("attestation service down");
  }

  @Test
  void parse_planDocument_roundTripsAndRejectsUnknownMembers() throws Exception {
    String json =
        "{\"rollout_id\":\"r-7\",\"change\":{\"component\":\"baseline\",\"kind\":\"policy\","
            + "\"version\":\"8\"},\"targets\":[{\"node\":\"n1\",\"region\":\"eu\"},{\"node\":\"n2\"}],"
            + "\"waves\":[{\"kind\":\"percent\",\"size\":50}],\"policy\":{\"on_breach\":\"abort\"},"
            + "\"windows\":[{\"region\":\"eu\",\"days\":[\"SATURDAY\"],\"start\":\"01:00\","
            + "\"end\":\"05:00\",\"zone\":\"Europe/Berlin\"}]}";
    RolloutPlan p = RolloutPlan.parse(json);
    assertThat(p.change().kind()).isEqualTo(ChangeKind.POLICY);
    assertThat(p.policy().onBreach()).isEqualTo(FailurePolicy.BreachAction.ABORT);
    assertThat(p.policy().minSample()).isEqualTo(FailurePolicy.defaults().minSample());
    assertThat(RolloutPlan.parse(p.toPayload().json())).isEqualTo(p);
    EventSchemas.builtIn().validate("rollout.started", 1, p.toPayload());

    assertThatThrownBy(() -> RolloutPlan.parse(json.replace("\"waves\"", "\"wavez\"")))
        .isInstanceOf(RolloutException.class)
        .hasMessageContaining("wavez")
        .extracting(e -> ((RolloutException) e).code())
        .isEqualTo(RolloutException.Code.INVALID_PLAN);
    assertThatThrownBy(() -> RolloutPlan.parse("[1]"))
        .extracting(e -> ((RolloutException) e).code())
        .isEqualTo(RolloutException.Code.MALFORMED_PLAN);
  }
}
