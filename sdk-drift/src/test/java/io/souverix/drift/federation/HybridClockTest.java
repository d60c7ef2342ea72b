package io.souverix.drift.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.souverix.lifecycle.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class HybridClockTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void now_physicalClockStalls_logicalCounts() {
    ManualClock wall = ManualClock.at(T0);
    HybridClock hlc = HybridClock.create("eu", wall, Duration.ofMinutes(1));
    HybridTimestamp a = hlc.now();
    HybridTimestamp b = hlc.now();
    assertThat(a).isEqualTo(new HybridTimestamp(T0.toEpochMilli(), 0, "eu"));
    assertThat(b).isEqualTo(new HybridTimestamp(T0.toEpochMilli(), 1, "eu"));
    wall.advance(Duration.ofMillis(5));
    assertThat(hlc.now()).isEqualTo(new HybridTimestamp(T0.toEpochMilli() + 5, 0, "eu"));
  }

  @Test
  void now_physicalClockStepsBack_staysAhead() {
    ManualClock wall = ManualClock.at(T0);
    HybridClock hlc = HybridClock.create("eu", wall, Duration.ofMinutes(1));
    HybridTimestamp a = hlc.now();
    wall.set(T0.minusSeconds(30));
    HybridTimestamp b = hlc.now();
    assertThat(b.isAfter(a)).isTrue();
    assertThat(b.physicalMillis()).isEqualTo(a.physicalMillis());
  }

  @Test
  void receive_remoteAheadWithinBound_adoptsRemotePhysicalTime() throws Exception {
    HybridClock hlc = HybridClock.create("eu", ManualClock.at(T0), Duration.ofMinutes(1));
    HybridTimestamp remote = new HybridTimestamp(T0.toEpochMilli() + 30_000, 4, "global");
    HybridTimestamp r = hlc.receive(remote);
    assertThat(r).isEqualTo(new HybridTimestamp(T0.toEpochMilli() + 30_000, 5, "eu"));
    assertThat(hlc.now()).isEqualTo(new HybridTimestamp(T0.toEpochMilli() + 30_000, 6, "eu"));
  }

  @Test
  void receive_remoteTooFarAhead_throwsClockAheadAndKeepsState() {
    HybridClock hlc = HybridClock.create("eu", ManualClock.at(T0), Duration.ofMinutes(1));
    HybridTimestamp before = hlc.now();
    HybridTimestamp remote = new HybridTimestamp(T0.toEpochMilli() + 60_001, 0, "rogue");
    assertThatThrownBy(() -> hlc.receive(remote))
        .isInstanceOfSatisfying(
            FederationException.class,
            e -> assertThat(e.code()).isEqualTo(FederationException.Code.CLOCK_AHEAD))
        .hasMessageContaining("remote clock of rogue; expected at most PT1M ahead");
    assertThat(hlc.current()).isEqualTo(before);
  }

  @Test
  void create_emptyOrigin_rejected() {
    assertThatThrownBy(() -> HybridClock.create("", ManualClock.at(T0), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** One step of a simulation: which clock acts, how far its wall clock moves, and what it does. */
  record Step(int clock, long wallStepMillis, boolean send) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    return Arbitraries.integers()
        .between(0, 2)
        .flatMap(
            c ->
                Arbitraries.longs()
                    .between(-2_000, 5_000)
                    .flatMap(d -> Arbitraries.of(true, false).map(s -> new Step(c, d, s))))
        .list()
        .ofMaxSize(80);
  }

  @Property(tries = 200)
  void timestamps_anySchedule_monotonePerClockAndReceiveAfterSend(@ForAll("steps") List<Step> steps)
      throws Exception {
    // Three clocks whose wall clocks wander (forward and back) independently; a send is delivered
    // to the next clock at once. The drift bound is generous: this property is about ordering.
    List<ManualClock> walls = new ArrayList<>();
    List<HybridClock> clocks = new ArrayList<>();
    List<HybridTimestamp> last = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      walls.add(ManualClock.at(T0));
      clocks.add(HybridClock.create("n" + i, walls.get(i), Duration.ofDays(365)));
      last.add(null);
    }
    for (Step s : steps) {
      ManualClock w = walls.get(s.clock());
      w.set(w.instant().plusMillis(s.wallStepMillis()));
      HybridTimestamp sent = clocks.get(s.clock()).now();
      assertMonotone(last, s.clock(), sent);
      if (s.send()) {
        int to = (s.clock() + 1) % 3;
        HybridTimestamp received = clocks.get(to).receive(sent);
        assertThat(received.isAfter(sent)).as("receive %s > send %s", received, sent).isTrue();
        assertMonotone(last, to, received);
      }
    }
  }

  private static void assertMonotone(List<HybridTimestamp> last, int i, HybridTimestamp t) {
    HybridTimestamp prev = last.get(i);
    if (prev != null) {
      assertThat(t.isAfter(prev)).as("%s after %s", t, prev).isTrue();
    }
    last.set(i, t);
  }

  @Property(tries = 200)
  void receive_anyRemoteWithinBound_physicalPartStaysWithinBoundOfWallClock(
      @ForAll("remoteOffsets") List<Long> offsets) throws Exception {
    ManualClock wall = ManualClock.at(T0);
    Duration bound = Duration.ofSeconds(10);
    HybridClock hlc = HybridClock.create("eu", wall, bound);
    for (long off : offsets) {
      wall.advance(Duration.ofMillis(100));
      HybridTimestamp remote = new HybridTimestamp(wall.millis() + off, 0, "r");
      try {
        hlc.receive(remote);
        assertThat(off).isLessThanOrEqualTo(bound.toMillis());
      } catch (FederationException e) {
        assertThat(off).isGreaterThan(bound.toMillis());
      }
      assertThat(hlc.current().physicalMillis() - wall.millis())
          .isLessThanOrEqualTo(bound.toMillis());
    }
  }

  @Provide
  Arbitrary<List<Long>> remoteOffsets() {
    return Arbitraries.longs().between(-60_000, 20_000).list().ofMaxSize(50);
  }
}
