package io.souverix.drift.connectivity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.souverix.lifecycle.event.NewEvent;
import io.souverix.lifecycle.schema.EventSchemas;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class LinkMonitorTest {
  static final Instant T0 = Instant.parse("2026-02-27T00:00:00Z");
  static final Duration BEAT = Duration.ofSeconds(30);
  static final Duration FAST = Duration.ofMillis(40);
  static final Duration SLOW = Duration.ofSeconds(2);

  /** Drives a monitor with heartbeats every 30 s, collecting transitions. */
  static final class Link {
    final LinkMonitor monitor = LinkMonitor.start("node-1", LinkPolicy.defaults(), T0);
    final List<LinkTransition> transitions = new ArrayList<>();
    Instant now = T0;

    void beat(Duration latency) {
      now = now.plus(BEAT);
      transitions.addAll(monitor.heartbeat(now, latency, 0));
    }

    void silence(Duration d) {
      // the monitoring service ticks every 10 s while nothing arrives
      Instant end = now.plus(d);
      while (now.isBefore(end)) {
        now = now.plusSeconds(10);
        record(monitor.tick(now));
      }
    }

    void record(Optional<LinkTransition> t) {
      t.ifPresent(transitions::add);
    }

    List<LinkState> states() {
      return transitions.stream().map(LinkTransition::to).toList();
    }
  }

  @Test
  void steadyGoodLink_staysConnected_noTransition() {
    Link link = new Link();
    for (int i = 0; i < 100; i++) {
      link.beat(FAST);
    }
    assertThat(link.transitions).isEmpty();
    assertThat(link.monitor.state()).isEqualTo(LinkState.CONNECTED);
  }

  @Test
  void oneSlowBeat_doesNotDegrade_twoDo_thenThreeGoodRecover() {
    Link link = new Link();
    link.beat(SLOW);
    assertThat(link.monitor.state()).isEqualTo(LinkState.CONNECTED);
    link.beat(SLOW);
    assertThat(link.monitor.state()).isEqualTo(LinkState.DEGRADED);
    link.beat(FAST);
    link.beat(FAST);
    assertThat(link.monitor.state()).isEqualTo(LinkState.DEGRADED);
    link.beat(FAST);
    assertThat(link.states()).containsExactly(LinkState.DEGRADED, LinkState.CONNECTED);
  }

  @Test
  void silence_goesOffline_returnIsIntermittentUntilProven() {
    Link link = new Link();
    link.silence(Duration.ofSeconds(100));
    assertThat(link.monitor.state()).isEqualTo(LinkState.OFFLINE);
    assertThat(link.transitions.get(0).reason()).startsWith("no heartbeat for");

    link.beat(FAST);
    assertThat(link.monitor.state()).isEqualTo(LinkState.INTERMITTENT);
    link.beat(FAST);
    link.beat(FAST);
    assertThat(link.monitor.state()).isEqualTo(LinkState.CONNECTED);
    assertThat(link.states())
        .containsExactly(LinkState.OFFLINE, LinkState.INTERMITTENT, LinkState.CONNECTED);
  }

  @Test
  void flappingLink_settlesIntermittent_doesNotAlternateWithOffline() {
    Link link = new Link();
    for (int i = 0; i < 12; i++) {
      link.silence(Duration.ofSeconds(120));
      link.beat(FAST);
    }
    // offline, then intermittent once the link returns; from the third outage on it stays so
    assertThat(link.states())
        .containsExactly(
            LinkState.OFFLINE, LinkState.INTERMITTENT, LinkState.OFFLINE, LinkState.INTERMITTENT);
    assertThat(link.monitor.state()).isEqualTo(LinkState.INTERMITTENT);

    // a silence longer than the flap window still takes it offline
    link.silence(Duration.ofMinutes(31));
    assertThat(link.monitor.state()).isEqualTo(LinkState.OFFLINE);
  }

  @Test
  void flappingStops_outagesLeaveWindow_thenRecovers() {
    Link link = new Link();
    for (int i = 0; i < 4; i++) {
      link.silence(Duration.ofSeconds(120));
      link.beat(FAST);
    }
    for (int i = 0; i < 65; i++) { // 32.5 minutes of good heartbeats
      link.beat(FAST);
    }
    assertThat(link.monitor.state()).isEqualTo(LinkState.CONNECTED);
  }

  @Test
  void autonomyAnnounced_isAutonomous_andSilenceKeepsIt() {
    Link link = new Link();
    link.record(link.monitor.autonomyAnnounced(link.now, "planned uplink maintenance"));
    link.silence(Duration.ofHours(5));
    assertThat(link.states()).containsExactly(LinkState.AUTONOMOUS);
    assertThat(link.transitions.get(0).reason()).contains("planned uplink maintenance");
    link.beat(FAST);
    assertThat(link.monitor.state()).isEqualTo(LinkState.INTERMITTENT);
  }

  @Test
  void observationsOutOfOrder_areRejected_stateUnchanged() {
    LinkMonitor m = LinkMonitor.start("n", LinkPolicy.defaults(), T0);
    m.heartbeat(T0.plusSeconds(30), FAST, 0);

    assertThatThrownBy(() -> m.heartbeat(T0.plusSeconds(10), FAST, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected at or after 2026-02-27T00:00:30Z");
    assertThatThrownBy(() -> m.heartbeat(T0.plusSeconds(40), FAST, 1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("loss in [0, 1]");
    assertThat(m.state()).isEqualTo(LinkState.CONNECTED);
  }

  @Test
  void transition_toEvent_passesTheEventSchema() throws Exception {
    LinkTransition t =
        new LinkTransition(
            "n", LinkState.CONNECTED, LinkState.OFFLINE, T0, "no heartbeat for PT2M");

    NewEvent e = t.toEvent(java.util.UUID.randomUUID(), "link-monitor");

    EventSchemas.builtIn().validate(e.type(), e.schemaVersion(), e.payload());
    assertThat(e.payload().requireText("state")).isEqualTo("offline");
  }

  /**
   * Hysteresis: however the link behaves (random heartbeats, slow beats and silences), the state
   * changes at most a bounded number of times per flap window, and never from one to the same.
   */
  @Property(tries = 300)
  void anyBehaviour_boundedTransitionsPerWindow(
      @ForAll @Size(min = 1, max = 200) List<@IntRange(min = 0, max = 5) Integer> steps) {
    Link link = new Link();
    for (int s : steps) {
      switch (s) {
        case 0, 1 -> link.beat(FAST);
        case 2 -> link.beat(SLOW);
        case 3 -> link.silence(Duration.ofSeconds(40));
        case 4 -> link.silence(Duration.ofSeconds(120));
        default -> link.silence(Duration.ofMinutes(3));
      }
    }
    List<LinkTransition> ts = link.transitions;
    for (int i = 1; i < ts.size(); i++) {
      assertThat(ts.get(i).from()).isEqualTo(ts.get(i - 1).to());
      assertThat(ts.get(i).at()).isAfterOrEqualTo(ts.get(i - 1).at());
    }
    LinkPolicy policy = LinkPolicy.defaults();
    for (LinkTransition t : ts) {
      long offlineInWindow =
          ts.stream()
              .filter(u -> u.to() == LinkState.OFFLINE)
              .filter(u -> !u.at().isBefore(t.at()))
              .filter(u -> u.at().isBefore(t.at().plus(policy.flapWindow())))
              .count();
      // the third outage within a window makes the link flapping, and a flapping link goes
      // offline only after a whole window of silence
      assertThat(offlineInWindow).isLessThanOrEqualTo(policy.flapThreshold());
    }
  }

  /** A link that alternates up and down forever stops changing state. */
  @Property(tries = 100)
  void periodicFlapping_eventuallyStable(
      @ForAll @IntRange(min = 100, max = 300) int downSeconds,
      @ForAll @IntRange(min = 1, max = 2) int beatsUp) {
    Link link = new Link();
    for (int i = 0; i < 30; i++) {
      link.silence(Duration.ofSeconds(downSeconds));
      for (int b = 0; b < beatsUp; b++) {
        link.beat(FAST);
      }
    }
    int settled = link.transitions.size();
    for (int i = 0; i < 30; i++) {
      link.silence(Duration.ofSeconds(downSeconds));
      for (int b = 0; b < beatsUp; b++) {
        link.beat(FAST);
      }
    }
    assertThat(link.transitions).hasSize(settled);
    assertThat(link.monitor.state()).isEqualTo(LinkState.INTERMITTENT);
  }
}
