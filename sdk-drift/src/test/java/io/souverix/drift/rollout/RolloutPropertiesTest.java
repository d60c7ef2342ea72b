package io.souverix.drift.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.spi.EventStore;
import io.souverix.lifecycle.time.ManualClock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Random rollouts driven by a seeded script; the invariants are checked on the recorded events. */
class RolloutPropertiesTest {
  static final Instant T0 = Instant.parse("2024-07-15T10:00:00Z");

  /** A random plan and a random script of calls, both from one seed. */
  record Run(RolloutPlan plan, Set<String> failing, Set<String> initiallyOffline, long seed) {}

  static Run run(long seed, int targets) {
    Random rnd = new Random(seed);
    List<Target> list = new ArrayList<>();
    Set<String> failing = new HashSet<>();
    Set<String> offline = new HashSet<>();
    for (int i = 1; i <= targets; i++) {
      String node = "node-" + i;
      list.add(
          Target.of(node, rnd.nextBoolean() ? "eu" : "us", rnd.nextInt(4) == 0 ? null : "1.0"));
      if (rnd.nextInt(4) == 0) {
        failing.add(node);
      }
      if (rnd.nextInt(6) == 0) {
        offline.add(node);
      }
    }
    RolloutPlan.Builder b =
        RolloutPlan.newBuilder(
                "r-" + Long.toHexString(seed & 0xffff), DesiredChange.version("agent", "2.0"))
            .targets(list)
            .policy(
                new FailurePolicy(
                    rnd.nextInt(5) / 10.0,
                    Duration.ofHours(1 + rnd.nextInt(6)),
                    1 + rnd.nextInt(4),
                    rnd.nextBoolean()
                        ? FailurePolicy.BreachAction.PAUSE
                        : FailurePolicy.BreachAction.ABORT,
                    rnd.nextBoolean(),
                    Duration.ofHours(1 + rnd.nextInt(3))));
    if (rnd.nextBoolean()) {
      b.wave(WaveSpec.canary(1 + rnd.nextInt(2)));
    }
    b.wave(
        rnd.nextBoolean()
            ? WaveSpec.percent(1 + rnd.nextInt(60))
            : WaveSpec.count(1 + rnd.nextInt(5)));
    for (String region : List.of("eu", "us")) {
      if (rnd.nextBoolean()) {
        b.window(
            MaintenanceWindow.ofRegion(
                region,
                LocalTime.of(rnd.nextInt(24), 0),
                LocalTime.of(rnd.nextInt(24), 30),
                ZoneId.of(rnd.nextBoolean() ? "UTC" : "Europe/Berlin"),
                rnd.nextInt(3) == 0
                    ? new DayOfWeek[] {DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY}
                    : new DayOfWeek[0]));
      }
    }
    if (rnd.nextBoolean()) {
      b.window(
          MaintenanceWindow.ofNode(
              "node-1",
              LocalTime.of(rnd.nextInt(24), 0),
              LocalTime.of(rnd.nextInt(24), 15),
              ZoneId.of("UTC")));
    }
    return new Run(b.build(), failing, offline, seed);
  }

  /**
   * Plays the script; with {@code crashAt >= 0} the coordinator object is dropped after that many
   * actions and a new one is opened on the same store.
   */
  static List<RecordedEvent> play(Run run, EventStore store, ManualClock clock, int crashAt)
      throws Exception {
    Random rnd = new Random(run.seed() * 31 + 7);
    Set<String> offline = new HashSet<>(run.initiallyOffline());
    RolloutGate gate = RolloutGate.allChecksPass();
    RolloutCoordinator c =
        RolloutCoordinator.newBuilder()
            .store(store)
            .clock(clock)
            .gate(gate)
            .availability(NodeAvailability.except(offline))
            .build();
    Rollout r = c.start(run.plan());
    for (int i = 0; i < 60; i++) {
      if (i == crashAt) {
        r =
            RolloutCoordinator.newBuilder()
                .store(store)
                .clock(clock)
                .gate(gate)
                .availability(NodeAvailability.except(offline))
                .build()
                .open(run.plan().rolloutId());
      }
      int a = rnd.nextInt(20);
      try {
        if (a < 7) {
          r.step();
        } else if (a < 12) {
          for (NodeProgress p : r.status().nodes()) {
            if (p.phase() == NodePhase.UPDATING && rnd.nextInt(3) > 0) {
              r.reportHealth(
                  p.node(),
                  run.failing().contains(p.node())
                      ? HealthReport.failing("endpoint")
                      : HealthReport.passing("endpoint"));
            }
          }
        } else if (a < 15) {
          clock.advance(Duration.ofMinutes(rnd.nextInt(6 * 60)));
        } else if (a < 17) {
          List<String> back = new ArrayList<>(offline);
          back.sort(null);
          if (!back.isEmpty()) {
            String node = back.get(rnd.nextInt(back.size()));
            offline.remove(node);
            r.nodeReturned(node);
          }
        } else if (a < 19) {
          if (r.status().phase() == RolloutPhase.PAUSED) {
            r.resume("operator");
          } else if (r.status().phase() == RolloutPhase.RUNNING && rnd.nextInt(3) == 0) {
            r.pause("operator");
          }
        } else if (rnd.nextInt(4) == 0 && r.status().phase() != RolloutPhase.COMPLETED) {
          r.abort("operator");
        }
      } catch (RolloutException e) {
        assertThat(e.code()).isEqualTo(RolloutException.Code.ILLEGAL_STATE);
      }
    }
    return store.readStream(RolloutCoordinator.streamId(run.plan().rolloutId()), 1, 100_000);
  }

  static List<RecordedEvent> play(Run run) throws Exception {
    ManualClock clock = ManualClock.at(T0);
    return play(run, EventStore.inMemory(clock), clock, -1);
  }

  @Property(tries = 60)
  void noNodeIsUpdatedOutsideItsWindow(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 25) int n) throws Exception {
    Run run = run(seed, n);
    Map<String, String> region = new HashMap<>();
    run.plan().targets().forEach(t -> region.put(t.node(), t.region()));
    for (RecordedEvent e : play(run)) {
      if (e.type().equals("rollout.node_updated")) {
        String node = e.payload().requireText("node");
        List<MaintenanceWindow> own =
            run.plan().windows().stream().filter(w -> node.equals(w.node())).toList();
        List<MaintenanceWindow> applicable =
            own.isEmpty()
                ? run.plan().windows().stream()
                    .filter(w -> region.get(node).equals(w.region()))
                    .toList()
                : own;
        assertThat(
                applicable.isEmpty()
                    || applicable.stream().anyMatch(w -> w.isOpenAt(e.occurredAt())))
            .as("%s updated at %s", node, e.occurredAt())
            .isTrue();
      }
    }
  }

  @Property(tries = 60)
  void pausedOrAbortedRollout_updatesNothing_andFailuresStayWithinPolicy(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 25) int n) throws Exception {
    Run run = run(seed, n);
    FailurePolicy policy = run.plan().policy();
    boolean stopped = false;
    boolean aborted = false;
    Set<String> updating = new HashSet<>();
    int inFlightAtBreach = -1;
    int failuresSinceBreach = 0;
    List<Instant[]> outcomes = new ArrayList<>(); // {at, failed ? at : null}
    long countAfter = 0;
    List<Long> outcomeSeq = new ArrayList<>();
    List<RecordedEvent> events = play(run);
    for (int i = 0; i < events.size(); i++) {
      RecordedEvent e = events.get(i);
      String type = e.type();
      switch (type) {
        case "rollout.node_updated" -> {
          assertThat(stopped).as("update while paused or aborted at %d", e.sequence()).isFalse();
          updating.add(e.payload().requireText("node"));
        }
        case "rollout.node_succeeded", "rollout.node_failed" -> {
          boolean failedNow = type.equals("rollout.node_failed");
          updating.remove(e.payload().requireText("node"));
          outcomes.add(new Instant[] {e.occurredAt(), failedNow ? e.occurredAt() : null});
          outcomeSeq.add(e.sequence());
          if (failedNow && inFlightAtBreach >= 0) {
            failuresSinceBreach++;
            assertThat(failuresSinceBreach).isLessThanOrEqualTo(inFlightAtBreach);
          } else if (!stopped) {
            Instant from = e.occurredAt().minus(policy.window());
            int total = 0;
            int failed = 0;
            for (int k = 0; k < outcomes.size(); k++) {
              Instant[] o = outcomes.get(k);
              if (outcomeSeq.get(k) > countAfter && !o[0].isBefore(from)) {
                total++;
                failed += o[1] != null ? 1 : 0;
              }
            }
            boolean canary =
                run.plan().isCanary((int) (long) e.payload().number("wave").orElseThrow());
            if ((canary && failedNow) || policy.breached(failed, total)) {
              int j = i + 1;
              while (j < events.size() && events.get(j).type().equals("rollout.node_rolled_back")) {
                j++;
              }
              assertThat(j)
                  .as("breach at %d must stop the rollout", e.sequence())
                  .isLessThan(events.size());
              assertThat(events.get(j).type()).isIn("rollout.paused", "rollout.aborted");
              assertThat(events.get(j).payload().bool("by_policy")).contains(true);
            }
          }
        }
        case "rollout.paused", "rollout.aborted" -> {
          aborted |= type.equals("rollout.aborted");
          if (!stopped) {
            inFlightAtBreach = updating.size();
            failuresSinceBreach = 0;
          }
          stopped = true;
        }
        case "rollout.resumed" -> {
          assertThat(aborted).isFalse();
          stopped = false;
          inFlightAtBreach = -1;
          countAfter = e.sequence();
        }
        default -> {}
      }
    }
  }

  @Property(tries = 40)
  void resumeAfterCrash_equalsUninterruptedRun(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 20) int n,
      @ForAll @IntRange(min = 0, max = 59) int crashAt)
      throws Exception {
    Run run = run(seed, n);
    ManualClock c1 = ManualClock.at(T0);
    EventStore s1 = EventStore.inMemory(c1);
    ManualClock c2 = ManualClock.at(T0);
    EventStore s2 = EventStore.inMemory(c2);
    List<String> a = summary(play(run, s1, c1, -1));
    List<String> b = summary(play(run, s2, c2, crashAt));
    assertThat(b).isEqualTo(a);
    for (Target t : run.plan().targets()) {
      assertThat(summary(s2.readStream(t.node(), 1, 10_000)))
          .isEqualTo(summary(s1.readStream(t.node(), 1, 10_000)));
    }
  }

  @Property(tries = 100)
  void assignWaves_coversEveryTargetExactlyOnce(
      @ForAll @IntRange(min = 1, max = 300) int n,
      @ForAll @IntRange(min = 1, max = 100) int percent,
      @ForAll boolean canary) {
    RolloutPlan.Builder b = RolloutPlan.newBuilder("r", DesiredChange.version("a", "1"));
    for (int i = 0; i < n; i++) {
      b.target(Target.of("n" + i, null, null));
    }
    if (canary) {
      b.wave(WaveSpec.canary(1));
    }
    RolloutPlan plan = b.wave(WaveSpec.percent(percent)).build();
    List<String> flat = plan.assignWaves().stream().flatMap(List::stream).toList();
    assertThat(flat).containsExactlyElementsOf(plan.targets().stream().map(Target::node).toList());
    int size = (int) Math.ceil(n * percent / 100.0);
    List<List<String>> waves = plan.assignWaves();
    for (int i = canary ? 1 : 0; i < waves.size() - 1; i++) {
      assertThat(waves.get(i)).hasSize(size);
    }
  }

  private static List<String> summary(List<RecordedEvent> events) {
    return events.stream()
        .map(e -> e.type() + " " + e.occurredAt() + " " + e.payload().json())
        .toList();
  }
}
