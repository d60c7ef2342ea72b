package io.souverix.lifecycle.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.spi.EventStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProjectionRunnerTest {
  private final TestClock clock = TestClock.at("2026-03-01T08:00:00Z");
  private final EventStore store = EventStore.inMemory(clock);
  private final FleetFixture fleet = new FleetFixture(store, clock);

  /** The three built-in projections, with a way to compare their results. */
  static final class Set3 {
    final CurrentState current = CurrentState.create();
    final Connectivity connectivity = Connectivity.create();
    final Timeline timeline = Timeline.create();

    ProjectionRunner.Builder addTo(ProjectionRunner.Builder b) {
      return b.add(current).add(connectivity).add(timeline);
    }

    List<Object> snapshots() {
      return List.of(current.snapshot(), connectivity.snapshot(), timeline.snapshot());
    }
  }

  @Test
  void rebuild_fromZero_equalsLiveSubscribedResult() throws Exception {
    Set3 live = new Set3();
    try (ProjectionRunner liveRunner = live.addTo(ProjectionRunner.builder(store)).build()) {
      liveRunner.start();
      fleet.randomFleet(11, 20, 150);
      long head = store.headPosition();
      assertThat(liveRunner.awaitPosition(head, Duration.ofSeconds(10))).isTrue();
      assertThat(liveRunner.failure()).isEmpty();

      Set3 rebuilt = new Set3();
      ProjectionRunner rebuilder = rebuilt.addTo(ProjectionRunner.builder(store)).build();
      assertThat(rebuilder.rebuild()).isEqualTo(head);

      assertThat(rebuilt.snapshots()).isEqualTo(live.snapshots());
      assertThat(rebuilt.current.size()).isGreaterThan(20);
    }
  }

  @Test
  void deliver_eventAtOrBelowPosition_isNoOp() throws Exception {
    fleet.randomFleet(3, 5, 40);
    Set3 p = new Set3();
    ProjectionRunner runner = p.addTo(ProjectionRunner.builder(store)).build();
    runner.catchUp();
    List<Object> before = p.snapshots();
    int timelineSize = p.timeline.forNode(fleet.store().readAll(1, 1).get(0).streamId()).size();

    boolean any = false;
    for (RecordedEvent e : store.readAll(1, 10_000)) {
      any |= runner.deliver(e);
    }

    assertThat(any).isFalse();
    assertThat(p.snapshots()).isEqualTo(before);
    assertThat(p.timeline.forNode(store.readAll(1, 1).get(0).streamId())).hasSize(timelineSize);
  }

  @Test
  void catchUp_afterRestartWithSameCheckpointStore_equalsOnePass() throws Exception {
    CheckpointStore checkpoints = CheckpointStore.inMemory();
    fleet.randomFleet(5, 15, 60);
    long half = store.headPosition();
    Set3 first = new Set3();
    try (ProjectionRunner r1 =
        first.addTo(ProjectionRunner.builder(store).checkpoints(checkpoints)).build()) {
      assertThat(r1.catchUp()).isEqualTo(half);
    }
    assertThat(checkpoints.load(CheckpointKey.of(CurrentState.NAME)))
        .hasValueSatisfying(c -> assertThat(c.position()).isEqualTo(half));
    fleet.randomFleet(6, 10, 60);

    Set3 restarted = new Set3();
    ProjectionRunner r2 =
        restarted.addTo(ProjectionRunner.builder(store).checkpoints(checkpoints)).build();
    assertThat(r2.position()).isEqualTo(half);
    assertThat(restarted.current.snapshot()).isEqualTo(first.current.snapshot());
    r2.catchUp();

    Set3 onePass = new Set3();
    onePass.addTo(ProjectionRunner.builder(store)).build().catchUp();
    assertThat(restarted.snapshots()).isEqualTo(onePass.snapshots());
  }

  @Test
  void catchUp_resumed_appliesOnlyEventsAfterCheckpoint() throws Exception {
    CheckpointStore checkpoints = CheckpointStore.inMemory();
    fleet.randomFleet(8, 5, 20);
    long half = store.headPosition();
    CountingProjection c1 = new CountingProjection();
    ProjectionRunner.builder(store).checkpoints(checkpoints).add(c1).build().catchUp();
    fleet.randomFleet(9, 5, 20);

    CountingProjection c2 = new CountingProjection();
    ProjectionRunner.builder(store).checkpoints(checkpoints).add(c2).build().catchUp();

    assertThat(c2.restoredFrom).isEqualTo(c1.applied);
    assertThat(c2.applied).hasSize((int) (store.headPosition()));
    assertThat(c2.applied.subList((int) half, c2.applied.size())).first().isEqualTo(half + 1);
  }

  @Test
  void deliver_checkpointEvery_savesSnapshotAndPositionTogether() throws Exception {
    CheckpointStore checkpoints = CheckpointStore.inMemory();
    fleet.randomFleet(4, 5, 30);
    CountingProjection c = new CountingProjection();
    ProjectionRunner runner =
        ProjectionRunner.builder(store).checkpoints(checkpoints).checkpointEvery(7).add(c).build();
    List<RecordedEvent> events = store.readAll(1, 10);
    for (RecordedEvent e : events) {
      runner.deliver(e);
    }

    Checkpoint<?> saved = checkpoints.load(CheckpointKey.of("counting")).orElseThrow();
    assertThat(saved.position()).isEqualTo(7);
    assertThat(saved.snapshot()).isEqualTo(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L));
  }

  @Test
  void rebuild_afterCheckpoint_replaysFromPositionZero() throws Exception {
    CheckpointStore checkpoints = CheckpointStore.inMemory();
    fleet.randomFleet(4, 5, 30);
    CountingProjection c = new CountingProjection();
    ProjectionRunner runner =
        ProjectionRunner.builder(store).checkpoints(checkpoints).add(c).build();
    runner.catchUp();

    runner.rebuild();

    assertThat(c.applied).hasSize((int) store.headPosition());
    assertThat(c.applied.get(0)).isEqualTo(1L);
  }

  @Test
  void build_checkpointOfOtherProjectionType_throwsIllegalState() {
    CheckpointStore checkpoints = CheckpointStore.inMemory();
    checkpoints.save(new Checkpoint<>(CheckpointKey.of(CurrentState.NAME), 3, "not a snapshot"));

    assertThatThrownBy(
            () ->
                ProjectionRunner.builder(store)
                    .checkpoints(checkpoints)
                    .add(CurrentState.create())
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("expected a snapshot of projection");
  }

  @Test
  void save_positionBelowSaved_throwsIllegalArgument() {
    CheckpointStore checkpoints = CheckpointStore.inMemory();
    checkpoints.save(new Checkpoint<>(CheckpointKey.of("x"), 9, "s"));

    assertThatThrownBy(() -> checkpoints.save(new Checkpoint<>(CheckpointKey.of("x"), 8, "s")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected position at least 9, but got 8");
  }

  @Test
  void builder_duplicateName_throwsIllegalArgument() {
    assertThatThrownBy(
            () -> ProjectionRunner.builder(store).add(Timeline.create()).add(Timeline.create()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Records the positions it applied; its snapshot is that list. */
  static final class CountingProjection implements Projection<List<Long>> {
    List<Long> applied = new ArrayList<>();
    List<Long> restoredFrom = List.of();

    @Override
    public String name() {
      return "counting";
    }

    @Override
    public void apply(RecordedEvent event) {
      applied.add(event.position());
    }

    @Override
    public List<Long> snapshot() {
      return List.copyOf(applied);
    }

    @Override
    public void restore(List<Long> snapshot) {
      applied = snapshot == null ? new ArrayList<>() : new ArrayList<>(snapshot);
      restoredFrom = snapshot == null ? List.of() : snapshot;
    }

    @Override
    public List<Long> merge(List<List<Long>> partials) {
      List<Long> all = new ArrayList<>();
      partials.forEach(all::addAll);
      all.sort(null);
      return all;
    }
  }
}
