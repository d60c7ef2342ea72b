package io.souverix.lifecycle.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.souverix.lifecycle.spi.EventStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InventoryTest {
  private final TestClock clock = TestClock.at("2026-03-01T08:00:00Z");
  private final EventStore store = EventStore.inMemory(clock);
  private final FleetFixture fleet = new FleetFixture(store, clock);
  private final CurrentState state = CurrentState.create();
  private final Inventory inventory = Inventory.of(state);
  private ProjectionRunner runner;

  private static String id(int i) {
    return String.format(Locale.ROOT, "node-%06d", i);
  }

  @BeforeEach
  void fleet() throws Exception {
    // 12 nodes: even ids in eu-west, odd in us-east; c{i%3}; every 4th is edge-b2; 0..5 ACTIVE.
    for (int i = 11; i >= 0; i--) {
      fleet.register(
          id(i),
          i % 2 == 0 ? "eu-west" : "us-east",
          "c" + (i % 3),
          i % 4 == 0 ? "edge-b2" : "edge-a1");
      if (i < 6) {
        fleet.activate(id(i));
      }
      if (i < 3) {
        fleet.firmwareUpdate(id(i), "1.0.0", "1.1.0");
      }
      fleet.deploy(id(i), "os", "os_image", i < 4 ? "5.1" : "5.0");
    }
    runner = ProjectionRunner.builder(store).add(state).build();
    runner.catchUp();
  }

  @Test
  void nodes_regionFilter_returnsMatchingNodesInIdOrder() {
    Page<NodeRecord> page = inventory.nodes(NodeQuery.newBuilder().region("eu-west").build());

    assertThat(page.items())
        .extracting(NodeRecord::id)
        .containsExactly(id(0), id(2), id(4), id(6), id(8), id(10));
    assertThat(page.total()).isEqualTo(6);
    assertThat(page.nextCursor()).isNull();
  }

  @Test
  void nodes_combinedFilters_intersect() {
    Page<NodeRecord> page =
        inventory.nodes(
            NodeQuery.newBuilder()
                .region("eu-west")
                .lifecycleState("ACTIVE")
                .model("edge-b2")
                .build());

    assertThat(page.items()).extracting(NodeRecord::id).containsExactly(id(0), id(4));
    assertThat(inventory.nodes(NodeQuery.newBuilder().cluster("c1").build()).total()).isEqualTo(4);
    assertThat(inventory.nodes(NodeQuery.newBuilder().firmwareVersion("1.1.0").build()).items())
        .extracting(NodeRecord::id)
        .containsExactly(id(0), id(1), id(2));
    assertThat(inventory.nodes(NodeQuery.newBuilder().lifecycleState("REGISTERED").build()).total())
        .isEqualTo(6);
  }

  @Test
  void nodes_softwareNameAndVersion_findsNodesRunningIt() {
    Page<NodeRecord> page =
        inventory.nodes(NodeQuery.newBuilder().software("os", "5.1").region("us-east").build());

    assertThat(page.items()).extracting(NodeRecord::id).containsExactly(id(1), id(3));
    assertThat(inventory.nodes(NodeQuery.newBuilder().software("os", "9.9").build()).total())
        .isZero();
  }

  @Test
  void nodes_pagedWithCursor_visitsEveryNodeOnceWithStableTotal() {
    List<String> seen = new ArrayList<>();
    NodeQuery.Builder q = NodeQuery.newBuilder().limit(5);
    Page<NodeRecord> page = inventory.nodes(q.build());
    seen.addAll(page.items().stream().map(NodeRecord::id).toList());
    while (page.nextCursor() != null) {
      assertThat(page.total()).isEqualTo(12);
      page = inventory.nodes(NodeQuery.newBuilder().limit(5).after(page.nextCursor()).build());
      seen.addAll(page.items().stream().map(NodeRecord::id).toList());
    }

    assertThat(seen).hasSize(12).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void nodes_afterLiveChange_indexesFollowIncrementally() throws Exception {
    fleet.activate(id(11));
    fleet.firmwareUpdate(id(11), "1.0.0", "1.1.0");
    runner.catchUp();

    assertThat(inventory.nodes(NodeQuery.newBuilder().lifecycleState("ACTIVE").build()).total())
        .isEqualTo(7);
    assertThat(inventory.nodes(NodeQuery.newBuilder().lifecycleState("REGISTERED").build()).items())
        .extracting(NodeRecord::id)
        .doesNotContain(id(11));
    assertThat(inventory.nodes(NodeQuery.newBuilder().firmwareVersion("1.0.0").build()).total())
        .isEqualTo(8);
  }

  @Test
  void software_filters_byVersionNodeAndRegion() {
    assertThat(
            inventory
                .software(SoftwareQuery.newBuilder().name("os").version("5.1").build())
                .total())
        .isEqualTo(4);
    assertThat(inventory.software(SoftwareQuery.newBuilder().nodeId(id(7)).build()).items())
        .extracting(SoftwareRecord::id)
        .containsExactly(id(7) + "/os");
    assertThat(
            inventory
                .software(
                    SoftwareQuery.newBuilder()
                        .region("us-east")
                        .lifecycleState("RUNNING")
                        .softwareKind("os_image")
                        .build())
                .total())
        .isEqualTo(6);
    assertThat(inventory.softwareOn(id(3)))
        .extracting(SoftwareRecord::softwareVersion)
        .containsExactly("5.1");
  }

  @Test
  void of_restoredFromCheckpoint_rebuildsIndexes() {
    CurrentState other = CurrentState.create();
    Inventory restored = Inventory.of(other);
    other.restore(state.snapshot());

    assertThat(restored.nodeCount()).isEqualTo(12);
    assertThat(restored.softwareCount()).isEqualTo(12);
    assertThat(restored.nodes(NodeQuery.newBuilder().region("us-east").build()).total())
        .isEqualTo(6);
  }

  @Test
  void limit_outOfRange_throwsIllegalArgument() {
    assertThatThrownBy(() -> NodeQuery.newBuilder().limit(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("page limit; expected 1 to 10000, but got 0");
  }
}
