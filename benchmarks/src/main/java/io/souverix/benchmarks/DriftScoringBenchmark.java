package io.souverix.benchmarks;

import io.souverix.drift.DriftScorer;
import io.souverix.drift.NodeState;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Full drift scoring of 1,000,000 nodes with 10 components each, against a raw single pass over the
 * same in-memory data computing a trivial sum (the length of every desired and actual version).
 * Target (issue: desired state): scoring takes at most 2x the raw pass, i.e. a throughput ratio of
 * at least 0.5. Throughput is in nodes per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class DriftScoringBenchmark {
  /** The ratio to the raw baseline this benchmark must reach. */
  public static final double TARGET_RATIO = 0.5;

  static final int NODES = 1_000_000;
  private static final Instant NOW = Instant.parse("2026-02-27T03:45:00Z");

  private List<NodeState> fleet;
  private DriftScorer scorer;

  /** Builds the fleet once per trial. */
  @Setup(Level.Trial)
  public void setUp() {
    fleet = DriftFleet.nodes(NODES, 42);
    scorer = DriftScorer.withDefaults();
  }

  /**
   * The raw baseline: one pass over every node's components, adding up version lengths.
   *
   * @return the sum, so that the JIT cannot drop the pass
   */
  @Benchmark
  @OperationsPerInvocation(NODES)
  public long fleetRaw() {
    long sum = 0;
    for (int i = 0; i < fleet.size(); i++) {
      List<NodeState.Component> components = fleet.get(i).components();
      for (int c = 0; c < components.size(); c++) {
        NodeState.Component component = components.get(c);
        String actual = component.actual();
        sum += component.desired().length() + (actual == null ? 0 : actual.length());
      }
    }
    return sum;
  }

  /**
   * Scores every node (the score only, as a fleet ranking or an aggregate needs it).
   *
   * @return the sum of scores
   */
  @Benchmark
  @OperationsPerInvocation(NODES)
  public double fleetScore() {
    double sum = 0;
    for (int i = 0; i < fleet.size(); i++) {
      sum += scorer.scoreValue(fleet.get(i), NOW);
    }
    return sum;
  }

  /**
   * Scores every node with its full explanation (factors, version drift per component).
   *
   * @return the sum of scores
   */
  @Benchmark
  @OperationsPerInvocation(NODES)
  public double fleetExplain() {
    double sum = 0;
    for (int i = 0; i < fleet.size(); i++) {
      sum += scorer.score(fleet.get(i), NOW).score();
    }
    return sum;
  }
}
