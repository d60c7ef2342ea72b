package io.souverix.lifecycle.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.souverix.lifecycle.spi.EventStore;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class PartitioningTest {
  @Test
  void hash64_knownStreamIds_matchFirstEightBytesOfSha256() {
    // Vectors computed independently (Python hashlib): int.from_bytes(sha256(id)[:8], "big").
    assertThat(Partitioning.hash64("node-000042")).isEqualTo(0x9797dec0e9f133a5L);
    assertThat(Partitioning.hash64("node-000042/os")).isEqualTo(0x93d415602e5c431aL);
    assertThat(Partitioning.hash64("a")).isEqualTo(0xca978112ca1bbdcaL);
  }

  @Test
  void partitionOf_knownStreamIds_isUnsignedHashModuloCount() {
    assertThat(Partitioning.of(8).partitionOf("node-000042")).isEqualTo(5);
    assertThat(Partitioning.of(3).partitionOf("node-000042")).isEqualTo(2);
    assertThat(Partitioning.of(8).partitionOf("node-000042/os")).isEqualTo(2);
    assertThat(Partitioning.of(3).partitionOf("a")).isEqualTo(1);
    assertThat(Partitioning.single().partitionOf("anything")).isZero();
  }

  @Test
  void of_countOutOfRange_throwsIllegalArgument() {
    assertThatThrownBy(() -> Partitioning.of(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("partition count; expected 1 to 4096, but got 0");
  }

  @Property(tries = 300)
  void partitionOf_anyStreamId_isInRange(
      @ForAll String streamId, @ForAll @IntRange(min = 1, max = 64) int n) {
    int p = Partitioning.of(n).partitionOf(streamId);
    assertThat(p).isBetween(0, n - 1);
  }

  @Property(tries = 25)
  void merge_partitionedWorkers_equalsSingleWorker(
      @ForAll @IntRange(min = 1, max = 8) int partitions,
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 25) int nodes)
      throws Exception {
    TestClock clock = TestClock.at("2026-03-01T08:00:00Z");
    EventStore store = EventStore.inMemory(clock);
    new FleetFixture(store, clock).randomFleet(seed, nodes, nodes * 6);

    ProjectionRunnerTest.Set3 single = new ProjectionRunnerTest.Set3();
    single.addTo(ProjectionRunner.builder(store)).build().catchUp();

    Partitioning partitioning = Partitioning.of(partitions);
    CheckpointStore checkpoints = CheckpointStore.inMemory();
    List<CurrentState.Snapshot> current = new ArrayList<>();
    List<Connectivity.Snapshot> connectivity = new ArrayList<>();
    List<Timeline.Snapshot> timeline = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      ProjectionRunnerTest.Set3 worker = new ProjectionRunnerTest.Set3();
      ProjectionRunner runner =
          worker
              .addTo(
                  ProjectionRunner.builder(store)
                      .checkpoints(checkpoints)
                      .partition(partitioning, p)
                      .pageSize(17))
              .build();
      assertThat(runner.catchUp()).isEqualTo(store.headPosition());
      for (ComponentRecord c : worker.current.components()) {
        assertThat(partitioning.partitionOf(c.id())).isEqualTo(p);
      }
      current.add(worker.current.snapshot());
      connectivity.add(worker.connectivity.snapshot());
      timeline.add(worker.timeline.snapshot());
    }

    assertThat(single.current.merge(current)).isEqualTo(single.current.snapshot());
    assertThat(single.connectivity.merge(connectivity)).isEqualTo(single.connectivity.snapshot());
    assertThat(single.timeline.merge(timeline)).isEqualTo(single.timeline.snapshot());
  }
}
