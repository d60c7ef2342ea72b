package io.souverix.lifecycle.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.souverix.lifecycle.spi.EventStore;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConnectivityTest {
  private final TestClock clock = TestClock.at("2026-03-01T08:00:00Z");
  private final EventStore store = EventStore.inMemory(clock);
  private final FleetFixture fleet = new FleetFixture(store, clock);
  private final Connectivity connectivity = Connectivity.create();

  @Test
  void apply_offlineAndAutonomousSpells_sumsClosedIntervals() throws Exception {
    fleet.connectivity("node-1", "connected"); // 08:00:01
    clock.advance(Duration.ofMinutes(10));
    fleet.connectivity("node-1", "offline"); // 08:10:02
    clock.advance(Duration.ofMinutes(5));
    fleet.connectivity("node-1", "autonomous"); // 08:15:03
    clock.advance(Duration.ofHours(1));
    fleet.connectivity("node-1", "autonomous"); // repeated report: no new spell
    fleet.connectivity("node-1", "connected"); // 09:15:05
    ProjectionRunner.builder(store).add(connectivity).build().catchUp();

    NodeConnectivity c = connectivity.node("node-1").orElseThrow();
    assertThat(c.state()).isEqualTo("connected");
    assertThat(c.since()).isEqualTo(Instant.parse("2026-03-01T09:15:05Z"));
    assertThat(c.offlineTotal()).isEqualTo(Duration.ofMinutes(5).plusSeconds(1));
    assertThat(c.autonomousTotal()).isEqualTo(Duration.ofHours(1).plusSeconds(2));
    assertThat(c.changes()).isEqualTo(5);
    assertThat(c.history())
        .extracting(ConnectivityChange::to)
        .containsExactly("connected", "offline", "autonomous", "autonomous", "connected");
    assertThat(c.history().get(1).from()).isEqualTo("connected");
  }

  @Test
  void offlineTotalAt_currentlyOffline_includesOpenInterval() throws Exception {
    fleet.connectivity("node-2", "offline"); // 08:00:01
    ProjectionRunner.builder(store).add(connectivity).build().catchUp();

    NodeConnectivity c = connectivity.node("node-2").orElseThrow();
    assertThat(c.offlineTotal()).isZero();
    assertThat(c.offlineTotalAt(Instant.parse("2026-03-01T08:01:01Z")))
        .isEqualTo(Duration.ofMinutes(1));
    assertThat(c.autonomousTotalAt(Instant.parse("2026-03-01T08:01:01Z"))).isZero();
  }

  @Test
  void apply_manyChanges_keepsBoundedHistory() throws Exception {
    for (int i = 0; i < Connectivity.HISTORY_LIMIT + 8; i++) {
      fleet.connectivity("node-3", i % 2 == 0 ? "degraded" : "connected");
    }
    ProjectionRunner.builder(store).add(connectivity).build().catchUp();

    NodeConnectivity c = connectivity.node("node-3").orElseThrow();
    assertThat(c.history()).hasSize(Connectivity.HISTORY_LIMIT);
    assertThat(c.changes()).isEqualTo(Connectivity.HISTORY_LIMIT + 8);
    assertThat(c.history().get(c.history().size() - 1).position()).isEqualTo(store.headPosition());
  }
}
