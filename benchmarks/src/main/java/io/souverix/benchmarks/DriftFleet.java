package io.souverix.benchmarks;

import io.souverix.drift.NodeState;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded fleet of node states for the drift benchmarks: 10 components per node, versions drawn
 * from a small catalogue (as in a real fleet, where many nodes run the same releases), 10 regions
 * of 10 clusters.
 */
final class DriftFleet {
  static final int COMPONENTS = 10;
  private static final String[] VERSIONS = {
    "1.4.7", "1.4.6", "1.4.5", "1.3.9", "1.3.0", "0.9.12", "2.0.0", "2.0.1", "1.4.7-rc.1", "3.1.0"
  };

  private DriftFleet() {}

  /** Builds {@code nodes} states; desired is always the first catalogue version. */
  static List<NodeState> nodes(int nodes, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<NodeState> out = new ArrayList<>(nodes);
    String[] names = new String[COMPONENTS];
    for (int c = 0; c < COMPONENTS; c++) {
      names[c] = "component-" + c;
    }
    for (int n = 0; n < nodes; n++) {
      out.add(node(n, random, names));
    }
    return out;
  }

  static NodeState node(int n, SplittableRandom random, String[] names) {
    List<NodeState.Component> components = new ArrayList<>(COMPONENTS);
    for (int c = 0; c < COMPONENTS; c++) {
      // four in five components are up to date
      String actual =
          random.nextInt(5) == 0 ? VERSIONS[random.nextInt(VERSIONS.length)] : VERSIONS[0];
      components.add(new NodeState.Component(names[c], VERSIONS[0], actual));
    }
    int region = n % 10;
    return new NodeState(
        "node-" + n,
        "cluster-" + region + "-" + (n / 10) % 10,
        "region-" + region,
        components,
        null,
        null);
  }
}
