package io.souverix.benchmarks;

import io.souverix.drift.DriftIndex;
import io.souverix.drift.DriftScorer;
import io.souverix.drift.NodeState;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures the heap of the drift projection of a fleet: every node's state (what an event updates)
 * plus the {@link DriftIndex} with its aggregates. Run it with {@code -Xmx2g} to show it fits:
 *
 * <pre>java -Xmx2g -cp benchmarks/target/benchmarks.jar io.souverix.benchmarks.DriftHeap 1000000
 * </pre>
 */
public final class DriftHeap {
  private DriftHeap() {}

  /**
   * Builds the projection and prints the heap in use after a full collection.
   *
   * @param args the number of nodes (default 1,000,000)
   */
  public static void main(String[] args) {
    int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    long before = used();
    Instant now = Instant.parse("2026-02-27T03:45:00Z");
    Map<String, NodeState> states = new HashMap<>();
    DriftIndex index = DriftIndex.create(DriftScorer.withDefaults());
    List<NodeState> fleet = DriftFleet.nodes(nodes, 42);
    long start = System.nanoTime();
    for (NodeState n : fleet) {
      states.put(n.node(), n);
      index.update(n, now);
    }
    long loadNanos = System.nanoTime() - start;
    fleet = null;
    long after = used();
    System.out.printf(
        Locale.ROOT,
        "nodes=%d heap=%.0f MiB (%.0f bytes/node) load=%.1f s fleet p50=%.2f worst=%s%n",
        index.size(),
        (after - before) / 1048576.0,
        (after - before) / (double) nodes,
        loadNanos / 1e9,
        index.fleet().scoreP50(),
        index.fleet().worst());
    if (states.size() != index.size()) {
      throw new IllegalStateException("state and index disagree");
    }
  }

  private static long used() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
