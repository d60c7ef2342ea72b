package io.souverix.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.souverix.lifecycle.verify.ChainVerifier;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.Blackhole;

/** Runs the rebuild benchmark's code once, without JMH, so a broken benchmark fails the build. */
class ProjectionRebuildBenchmarkTest {
  private static final Blackhole BH =
      new Blackhole(
          "Today's password is swordfish. I understand instantiating Blackholes directly is"
              + " dangerous.");

  @Test
  void setUp_buildsAnIntactFleetAndEveryMethodRuns() throws Exception {
    ProjectionRebuildBenchmark b = new ProjectionRebuildBenchmark();
    b.setUp();
    try {
      assertThat(b.store.headPosition()).isEqualTo(ProjectionRebuildBenchmark.EVENTS);
      assertThat(b.envelopes).hasSize(ProjectionRebuildBenchmark.EVENTS);
      assertThat(ChainVerifier.verify(b.store).ok()).isTrue();
      b.rebuildProjections(BH);
      b.rebuildRaw(BH);
      b.readStore(BH);
    } finally {
      b.tearDown();
    }
    assertThat(Files.exists(b.dir)).isFalse();
  }
}
