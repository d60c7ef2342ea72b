package io.souverix.lifecycle.port;

import static org.assertj.core.api.Assertions.assertThat;

import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.projection.FleetFixture;
import io.souverix.lifecycle.projection.ProjectionRunner;
import io.souverix.lifecycle.projection.TestClock;
import io.souverix.lifecycle.spi.EventStore;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectivityManagerTest {
  private final TestClock clock = TestClock.at("2026-03-01T08:00:00Z");
  private final EventStore store = EventStore.inMemory(clock);
  private final FleetFixture fleet = new FleetFixture(store, clock);
  private final ConnectivityManager manager = ConnectivityManager.inProcess(store);

  @Test
  void syncDebt_eventsWhileAutonomous_countsOnlyThatNodesEvents() throws Exception {
    fleet.register("node-1", "eu-west", "c1", "edge-a1");
    fleet.register("node-2", "eu-west", "c1", "edge-a1");
    manager.onTransition(
        new AutonomyTransition("node-1", true, clock.instant(), store.headPosition()));
    fleet.deploy("node-1", "os", "os_image", "5.1"); // 6 events for node-1/os
    fleet.activate("node-2"); // not node-1's
    fleet.firmwareUpdate("node-1", "1.0.0", "1.1.0"); // 1 for node-1

    SyncDebt debt = manager.syncDebt("node-1");

    assertThat(debt.autonomous()).isTrue();
    assertThat(debt.eventsMissed()).isEqualTo(7);
    assertThat(debt.toPosition()).isEqualTo(store.headPosition());
    assertThat(manager.syncDebt("node-2")).isEqualTo(SyncDebt.none("node-2"));
  }

  @Test
  void replayFrom_cameBack_givesMissedEventsInOrderThenAcknowledgeClears() throws Exception {
    fleet.register("node-1", "eu-west", "c1", "edge-a1");
    long wentAway = store.headPosition();
    manager.onTransition(new AutonomyTransition("node-1", true, clock.instant(), wentAway));
    fleet.firmwareUpdate("node-1", "1.0.0", "1.1.0");
    fleet.patch("node-1/os", "5.0", "5.1");
    manager.onTransition(
        new AutonomyTransition("node-1", false, clock.instant(), store.headPosition()));
    fleet.firmwareUpdate("node-1", "1.1.0", "1.2.0"); // after return: not missed

    List<RecordedEvent> replay = manager.replayFrom("node-1");

    assertThat(replay)
        .extracting(RecordedEvent::type)
        .containsExactly("maintenance.firmware_updated", "maintenance.patch_applied");
    assertThat(replay).extracting(RecordedEvent::position).isSorted();
    assertThat(manager.syncDebt("node-1").autonomous()).isFalse();
    manager.acknowledge("node-1", replay.get(0).position());
    assertThat(manager.syncDebt("node-1").eventsMissed()).isEqualTo(1);
    manager.acknowledge("node-1", replay.get(1).position());
    assertThat(manager.syncDebt("node-1")).isEqualTo(SyncDebt.none("node-1"));
    assertThat(manager.replayFrom("node-1")).isEmpty();
  }

  @Test
  void transitionsFeed_connectivityEvents_openAndCloseWindows() throws Exception {
    fleet.register("node-1", "eu-west", "c1", "edge-a1");
    fleet.connectivity("node-1", "autonomous");
    fleet.firmwareUpdate("node-1", "1.0.0", "1.1.0"); // missed
    fleet.connectivity("node-1", "connected"); // reported by the node itself: not missed
    ProjectionRunner.builder(store)
        .add(ConnectivityManager.transitionsFeed(manager))
        .build()
        .catchUp();

    SyncDebt debt = manager.syncDebt("node-1");
    assertThat(debt.autonomous()).isFalse();
    assertThat(debt.since()).isEqualTo(Instant.parse("2026-03-01T08:00:05Z"));
    assertThat(debt.eventsMissed()).isEqualTo(1);
    assertThat(manager.replayFrom("node-1"))
        .extracting(RecordedEvent::type)
        .containsExactly("maintenance.firmware_updated");
  }
}
