package io.souverix.lifecycle.port;

import static org.assertj.core.api.Assertions.assertThat;

import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.projection.CurrentState;
import io.souverix.lifecycle.projection.FleetFixture;
import io.souverix.lifecycle.projection.ProjectionRunner;
import io.souverix.lifecycle.projection.TestClock;
import io.souverix.lifecycle.spi.EventStore;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultiMasterControllerTest {
  private final TestClock clock = TestClock.at("2026-03-01T08:00:00Z");
  private final EventStore west = EventStore.inMemory(clock);
  private final EventStore east = EventStore.inMemory(clock);
  private final FleetFixture westFleet = new FleetFixture(west, clock);
  private final MultiMasterController westCtl = MultiMasterController.inProcess(west);
  private final MultiMasterController eastCtl = MultiMasterController.inProcess(east);

  @Test
  void importFrom_sameBatchTwice_isIdempotent() throws Exception {
    westFleet.register("node-1", "eu-west", "c1", "edge-a1");
    westFleet.activate("node-1");
    westFleet.register("node-2", "us-east", "c2", "edge-a1"); // another region's events
    FederationBatch batch = westCtl.exportSince("eu-west", 0, 1000);

    ImportResult first = eastCtl.importFrom(batch);
    ImportResult again = eastCtl.importFrom(batch);

    assertThat(batch.events()).hasSize(8);
    assertThat(batch.nextPosition()).isEqualTo(west.headPosition());
    assertThat(first).isEqualTo(new ImportResult(8, 0, 0));
    assertThat(again).isEqualTo(new ImportResult(0, 8, 0));
    assertThat(east.headPosition()).isEqualTo(8);
    List<RecordedEvent> copied = east.readStream("node-1", 1, 100);
    assertThat(copied)
        .extracting(RecordedEvent::eventId)
        .containsExactlyElementsOf(
            west.readStream("node-1", 1, 100).stream().map(RecordedEvent::eventId).toList());
    CurrentState westState = CurrentState.create();
    CurrentState eastState = CurrentState.create();
    ProjectionRunner.builder(west).add(westState).build().catchUp();
    ProjectionRunner.builder(east).add(eastState).build().catchUp();
    assertThat(eastState.node("node-1").orElseThrow().lifecycleState()).isEqualTo("ACTIVE");
    assertThat(eastState.node("node-1").orElseThrow().serial())
        .isEqualTo(westState.node("node-1").orElseThrow().serial());
  }

  @Test
  void exportSince_continuingFromNextPosition_exportsOnlyNewEvents() throws Exception {
    westFleet.register("node-1", "eu-west", "c1", "edge-a1");
    FederationBatch first = westCtl.exportSince("eu-west", 0, 1000);
    westFleet.connectivity("node-1", "connected");

    FederationBatch second = westCtl.exportSince("eu-west", first.nextPosition(), 1000);

    assertThat(second.events())
        .extracting(RecordedEvent::type)
        .containsExactly("node.connectivity_changed");
    assertThat(eastCtl.importFrom(first).imported()).isEqualTo(4);
    assertThat(eastCtl.importFrom(second).imported()).isEqualTo(1);
  }

  @Test
  void importFrom_nodeMasteredElsewhere_rejects() throws Exception {
    westFleet.register("node-1", "eu-west", "c1", "edge-a1");
    eastCtl.assign("node-1", "us-east");

    ImportResult r = eastCtl.importFrom(westCtl.exportSince("eu-west", 0, 1000));

    assertThat(r).isEqualTo(new ImportResult(0, 0, 4));
    assertThat(east.headPosition()).isZero();
    assertThat(eastCtl.masterOf("node-1")).contains("us-east");
    assertThat(westCtl.masterOf("node-1")).contains("eu-west");
    assertThat(westCtl.masterOf("node-404")).isEmpty();
  }

  @Test
  void resolve_concurrentWrites_laterOccurredAtThenGreaterRegionWins() throws Exception {
    westFleet.register("node-1", "eu-west", "c1", "edge-a1");
    List<RecordedEvent> events = west.readStream("node-1", 1, 4);
    RecordedEvent earlier = events.get(0);
    RecordedEvent later = events.get(1);

    assertThat(MultiMasterController.resolve(earlier, later)).isSameAs(later);
    assertThat(MultiMasterController.resolve(later, earlier)).isSameAs(later);
    RecordedEvent sameTimeOtherRegion =
        RecordedEvent.parse(
            earlier.toJson().replace("\"region\":\"eu-west\"", "\"region\":\"us-east\""));
    assertThat(MultiMasterController.resolve(earlier, sameTimeOtherRegion))
        .isSameAs(sameTimeOtherRegion);
  }
}
