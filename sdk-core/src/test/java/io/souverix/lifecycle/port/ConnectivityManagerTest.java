package io.souverix.lifecycle.port;

import static org.assertj.core.api.Assertions.assertThat;

import io.souverix.lifecycle.event.EventType;
import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.projection.FleetFixture;
import io.souverix.lifecycle.projection.ProjectionRunner;
import io.souverix.lifecycle.projection.TestClock;
import io.souverix.lifecycle.spi.EventStore;
import java.time.Instant;
import java.util.ArrayList;
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

  /** Registers nodes, takes them all autonomous, writes k events for each, brings them back. */
  private List<String> regionAwayAndBack(
      int nodes, int eventsPerNode, ConnectivityManager direct, boolean viaFeed) throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      String id = String.format("node-%04d", i);
      ids.add(id);
      fleet.write(id, EventType.NODE_DESIRED_STATE_CHANGED, "component", "agent", "source", "g");
    }
    fleet.register("node-other", "us-east", "c9", "edge-z9"); // connected the whole time
    awayFrom = head();
    for (String id : ids) {
      if (viaFeed) {
        fleet.connectivity(id, "autonomous");
      } else {
        direct.onTransition(new AutonomyTransition(id, true, clock.instant(), head()));
      }
    }
    for (int k = 0; k < eventsPerNode; k++) {
      for (String id : ids) {
        fleet.write(
            k % 2 == 0 ? id : id + "/agent",
            EventType.NODE_DESIRED_STATE_CHANGED,
            "component",
            "agent",
            "source",
            "global");
      }
      fleet.firmwareUpdate("node-other", "1.0." + k, "1.0." + (k + 1)); // not theirs
    }
    for (String id : ids) {
      if (viaFeed) {
        fleet.connectivity(id, "connected");
      } else {
        direct.onTransition(new AutonomyTransition(id, false, clock.instant(), head()));
      }
    }
    return ids;
  }

  private long awayFrom;

  private long head() throws Exception {
    return store.headPosition();
  }

  /** Replays every node as a host would; returns the events replayed. */
  private long replayAll(ConnectivityManager m, List<String> ids) throws Exception {
    long replayed = 0;
    for (String id : ids) {
      SyncDebt debt = m.syncDebt(id);
      List<RecordedEvent> replay = m.replayFrom(id);
      assertThat(replay).hasSize((int) debt.eventsMissed());
      assertThat(replay).extracting(RecordedEvent::position).isSorted();
      assertThat(replay)
          .allSatisfy(e -> assertThat(e.streamId()).matches(id + "(/.*)?"))
          .allSatisfy(
              e -> assertThat(e.position()).isBetween(debt.fromPosition() + 1, debt.toPosition()));
      m.acknowledge(id, debt.toPosition());
      assertThat(m.syncDebt(id)).isEqualTo(SyncDebt.none(id));
      replayed += replay.size();
    }
    return replayed;
  }

  @Test
  void replayFrom_regionBackWithDirectTransitions_readsWindowOnceNotOncePerNode() throws Exception {
    int nodes = 300;
    int perNode = 4;
    CountingStore counting = new CountingStore(store);
    ConnectivityManager m = ConnectivityManager.inProcess(counting);
    List<String> ids = regionAwayAndBack(nodes, perNode, m, false);
    long window = head() - awayFrom;

    long replayed = replayAll(m, ids);

    assertThat(replayed).isEqualTo((long) nodes * perNode);
    // One scan of the window plus the replayed events; a scan per node would read nodes x window.
    assertThat(counting.eventsRead()).isLessThanOrEqualTo(window + replayed);
    assertThat(window).isLessThan(replayed * 2);
  }

  @Test
  void replayFrom_regionBackThroughFeed_readsOnlyTheMissedEvents() throws Exception {
    int nodes = 300;
    int perNode = 4;
    List<String> ids = regionAwayAndBack(nodes, perNode, manager, true);
    CountingStore counting = new CountingStore(store);
    ConnectivityManager m = ConnectivityManager.inProcess(counting);
    ProjectionRunner.builder(store).add(ConnectivityManager.transitionsFeed(m)).build().catchUp();

    long replayed = replayAll(m, ids);

    assertThat(replayed).isEqualTo((long) nodes * perNode);
    assertThat(counting.eventsRead()).isEqualTo(replayed);
  }

  @Test
  void syncDebt_transitionReportedAfterAQuery_backfillsTheWindow() throws Exception {
    fleet.register("node-1", "eu-west", "c1", "edge-a1");
    fleet.register("node-2", "eu-west", "c1", "edge-a1");
    long node2Away = head();
    manager.onTransition(new AutonomyTransition("node-1", true, clock.instant(), head()));
    fleet.firmwareUpdate("node-2", "1.0.0", "1.1.0");
    fleet.firmwareUpdate("node-1", "1.0.0", "1.1.0");
    assertThat(manager.syncDebt("node-1").eventsMissed()).isEqualTo(1); // indexes to the head

    manager.onTransition(new AutonomyTransition("node-2", true, clock.instant(), node2Away));
    fleet.patch("node-2/os", "5.0", "5.1");

    assertThat(manager.syncDebt("node-2").eventsMissed()).isEqualTo(2);
    assertThat(manager.replayFrom("node-2"))
        .extracting(RecordedEvent::type)
        .containsExactly("maintenance.firmware_updated", "maintenance.patch_applied");
    assertThat(manager.syncDebt("node-1").eventsMissed()).isEqualTo(1);
  }

  @Test
  void replayFrom_goneAgainBeforeReplay_windowGrowsOverTheGap() throws Exception {
    fleet.register("node-1", "eu-west", "c1", "edge-a1");
    manager.onTransition(new AutonomyTransition("node-1", true, clock.instant(), head()));
    fleet.firmwareUpdate("node-1", "1.0.0", "1.1.0"); // missed
    manager.onTransition(new AutonomyTransition("node-1", false, clock.instant(), head()));
    fleet.firmwareUpdate("node-1", "1.1.0", "1.2.0"); // after the return
    assertThat(manager.syncDebt("node-1").eventsMissed()).isEqualTo(1);

    manager.onTransition(new AutonomyTransition("node-1", true, clock.instant(), head()));
    fleet.patch("node-1/os", "5.0", "5.1");

    assertThat(manager.replayFrom("node-1"))
        .extracting(RecordedEvent::type)
        .containsExactly(
            "maintenance.firmware_updated",
            "maintenance.firmware_updated",
            "maintenance.patch_applied");
    assertThat(manager.syncDebt("node-1").autonomous()).isTrue();
  }
}
