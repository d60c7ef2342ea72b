package io.souverix.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.souverix.lifecycle.event.EventIds;
import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.schema.EventSchemas;
import io.souverix.lifecycle.time.ManualClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The scale run of {@code docs/performance.md} in miniature, in the normal build, so the harness
 * cannot rot: 200 nodes x 20 events through a real broker, drained by 1 and by 2 workers with every
 * correctness check of the full run, then two short paced phases.
 */
class ScaleRunTest {
  @Test
  void fleet_everyEvent_validForItsSchemaAndChained() throws Exception {
    ManualClock clock = ManualClock.at(Instant.parse("2026-11-26T00:00:00Z"));
    ScaleFleet fleet = ScaleFleet.create(clock, 20);
    EventIds ids = EventIds.create(clock, new Random(1));
    EventSchemas schemas = EventSchemas.builtIn();
    ScaleFold fold = new ScaleFold();
    ScaleFold.State state = null;
    int events = ScaleFleet.PRELUDE + 3 * 12; // the prelude and three operations cycles
    for (int k = 1; k <= events; k++) {
      RecordedEvent e = fleet.next(7, ids);
      schemas.validate(e.type(), e.schemaVersion(), e.payload());
      assertThat(e.hashMatches()).isTrue();
      assertThat(KafkaEventLog.keyOf(e.streamId())).isEqualTo("ap-southeast-1-node-000007");
      state = fold.apply(state, e);
      assertThat(state.hardware())
          .as("after %d events", k)
          .isEqualTo(ScaleFleet.hardwareStateAfter(k));
      assertThat(state.software())
          .as("after %d events", k)
          .isEqualTo(ScaleFleet.softwareStateAfter(k));
      assertThat(fold.decode(fold.encode(state))).isEqualTo(state);
    }
    assertThat(state.chainBreaks()).isZero();
    assertThat(state.events()).isEqualTo(events);
    assertThat(state.hardwareHash()).isEqualTo(fleet.headHash(7, false));
    assertThat(state.softwareHash()).isEqualTo(fleet.headHash(7, true));
  }

  @Test
  void fold_eventFoldedTwice_countedAndBreaksTheChain() {
    ManualClock clock = ManualClock.at(Instant.parse("2026-11-26T00:00:00Z"));
    ScaleFleet fleet = ScaleFleet.create(clock, 1);
    EventIds ids = EventIds.create(clock, new Random(1));
    ScaleFold fold = new ScaleFold();
    RecordedEvent first = fleet.next(0, ids);
    ScaleFold.State once = fold.apply(null, first);

    ScaleFold.State twice = fold.apply(once, first);

    assertThat(twice.events()).isEqualTo(2);
    assertThat(twice.chainBreaks()).isEqualTo(1);
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void run_smallFleet_oneAndTwoWorkersAgreeAndEveryFigureIsMeasured() throws Exception {
    ScaleRun.Config config =
        new ScaleRun.Config(
            200,
            20,
            4,
            2,
            500,
            100,
            0.5,
            Duration.ofSeconds(2),
            Duration.ofMillis(500),
            Duration.ofSeconds(120),
            Path.of("target", "scale-run-smoke"));
    ByteArrayOutputStream log = new ByteArrayOutputStream();

    ScaleRun.Result r = ScaleRun.run(config, new PrintStream(log, true, StandardCharsets.UTF_8));

    // run() throws unless both drains folded every event once and agree node by node.
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("checks passed: 200 node states");
    assertThat(r.events()).isEqualTo(4000);
    assertThat(r.ingestRate()).isPositive();
    assertThat(r.one().events()).isEqualTo(4000);
    assertThat(r.two().rate()).isPositive();
    assertThat(r.one().maxLag()).isPositive(); // the backlog was there when the worker started
    for (ScaleRun.Paced p : new ScaleRun.Paced[] {r.pacedOne(), r.pacedTwo()}) {
      assertThat(p.events()).isPositive();
      assertThat(p.latencyMicros()).isNotEmpty();
      assertThat(p.percentileMillis(50)).isPositive().isLessThanOrEqualTo(p.percentileMillis(99));
    }
    assertThat(r.pacedTwo().cpu().seconds()).containsKeys("process", "broker", "workers");
    assertThat(ScaleRun.row(r)).startsWith("| 200 | 4,000 |");
    assertThat(Path.of("target", "scale-run-smoke", "scale-200.txt")).exists();
  }
}
