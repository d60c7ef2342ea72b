package io.souverix.drift;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The drift of a fleet kept up to date one node at a time: {@link #update} re-scores one node and
 * adjusts the aggregates of its cluster, its region and the fleet, without recomputing anything
 * else. The aggregates are exactly those of {@link DriftScorer#analyze} over the same nodes.
 *
 * <p>Cost of an update: scoring the node (its components, configuration objects and policies), then
 * for each of its three groups a severity count, an order-statistics update for the percentiles
 * ({@code O(log B)} over {@code B} = 10,001 score buckets of 0.01 points) and a sorted set of
 * drifting nodes for the worst offenders ({@code O(log n)}). No step depends on the fleet size
 * beyond those logarithms. Reading an aggregate costs {@code O(log B)} plus the distinct scores of
 * one bucket.
 *
 * <p>Thread-safe: every method is synchronized on the index.
 *
 * @since 0.1
 */
public final class DriftIndex {
  private final DriftScorer scorer;
  private final Map<String, Entry> nodes = new HashMap<>();
  private final Group fleet = new Group(null);
  private final Map<String, Group> clusters = new TreeMap<>();
  private final Map<String, Group> regions = new TreeMap<>();

  private DriftIndex(DriftScorer scorer) {
    this.scorer = scorer;
  }

  /**
   * Creates an empty index.
   *
   * @param scorer the scorer whose weights apply; not null
   * @return the index
   */
  public static DriftIndex create(DriftScorer scorer) {
    return new DriftIndex(Objects.requireNonNull(scorer, "scorer"));
  }

  /**
   * Scores a node's new state and updates the aggregates; the node's previous state, if any, is
   * replaced (it may move to another cluster or region).
   *
   * @param state the node's desired and actual state; not null
   * @param now the time {@code stale_by} is measured to; not null
   * @return the node's new score
   */
  public synchronized double update(NodeState state, Instant now) {
    Objects.requireNonNull(state, "state");
    double score = scorer.scoreValue(state, Objects.requireNonNull(now, "now"));
    Entry next = new Entry(state.node(), state.cluster(), state.region(), score);
    Entry previous = nodes.put(state.node(), next);
    if (previous != null) {
      each(previous, g -> g.remove(previous));
    }
    each(next, g -> g.add(next));
    return score;
  }

  /**
   * Removes a node (for example when it is decommissioned).
   *
   * @param node the node id; not null
   * @return whether the node was in the index
   */
  public synchronized boolean remove(String node) {
    Entry previous = nodes.remove(Objects.requireNonNull(node, "node"));
    if (previous == null) {
      return false;
    }
    each(previous, g -> g.remove(previous));
    clusters.values().removeIf(g -> g.count == 0);
    regions.values().removeIf(g -> g.count == 0);
    return true;
  }

  /**
   * Returns the number of nodes.
   *
   * @return the count
   */
  public synchronized int size() {
    return nodes.size();
  }

  /**
   * Returns a node's current score.
   *
   * @param node the node id; not null
   * @return the score, or empty when the node is not in the index
   */
  public synchronized OptionalDouble score(String node) {
    Entry e = nodes.get(Objects.requireNonNull(node, "node"));
    return e == null ? OptionalDouble.empty() : OptionalDouble.of(e.score);
  }

  /**
   * Returns the fleet aggregate.
   *
   * @return the aggregate over every node (name null)
   */
  public synchronized DriftAggregate fleet() {
    return fleet.aggregate();
  }

  /**
   * Returns one cluster's aggregate.
   *
   * @param cluster the cluster name; not null
   * @return the aggregate, or empty when no node is in that cluster
   */
  public synchronized Optional<DriftAggregate> cluster(String cluster) {
    Group g = clusters.get(Objects.requireNonNull(cluster, "cluster"));
    return g == null || g.count == 0 ? Optional.empty() : Optional.of(g.aggregate());
  }

  /**
   * Returns one region's aggregate.
   *
   * @param region the region name; not null
   * @return the aggregate, or empty when no node is in that region
   */
  public synchronized Optional<DriftAggregate> region(String region) {
    Group g = regions.get(Objects.requireNonNull(region, "region"));
    return g == null || g.count == 0 ? Optional.empty() : Optional.of(g.aggregate());
  }

  /**
   * Returns every cluster's aggregate, sorted by name.
   *
   * @return the aggregates
   */
  public synchronized List<DriftAggregate> clusters() {
    return all(clusters);
  }

  /**
   * Returns every region's aggregate, sorted by name.
   *
   * @return the aggregates
   */
  public synchronized List<DriftAggregate> regions() {
    return all(regions);
  }

  private static List<DriftAggregate> all(Map<String, Group> groups) {
    List<DriftAggregate> out = new ArrayList<>(groups.size());
    for (Group g : groups.values()) {
      if (g.count > 0) {
        out.add(g.aggregate());
      }
    }
    return out;
  }

  private void each(Entry e, java.util.function.Consumer<Group> action) {
    action.accept(fleet);
    action.accept(clusters.computeIfAbsent(e.cluster, Group::new));
    action.accept(regions.computeIfAbsent(e.region, Group::new));
  }

  /** What the index keeps of a node: enough to take it out of its groups again. */
  private record Entry(String node, String cluster, String region, double score) {}

  private static final Comparator<Entry> WORST_FIRST =
      (a, b) -> {
        int c = Double.compare(b.score, a.score);
        return c != 0 ? c : a.node.compareTo(b.node);
      };

  /** One aggregate kept incrementally. */
  private static final class Group {
    private static final int BUCKETS = 10_001; // 0.00 .. 100.00 in steps of 0.01

    private final @Nullable String name;
    private final int[] bySeverity = new int[Severity.values().length];
    private final int[] tree = new int[BUCKETS + 1]; // Fenwick tree of counts per bucket

    @SuppressWarnings("unchecked")
    private final TreeMap<Double, int[]>[] buckets = new TreeMap[BUCKETS];

    private final TreeSet<Entry> drifting = new TreeSet<>(WORST_FIRST);
    private int count;

    Group(@Nullable String name) {
      this.name = name;
    }

    void add(Entry e) {
      change(e, 1);
      if (e.score > 0) {
        drifting.add(e);
      }
    }

    void remove(Entry e) {
      change(e, -1);
      if (e.score > 0) {
        drifting.remove(e);
      }
    }

    private void change(Entry e, int delta) {
      count += delta;
      bySeverity[Severity.ofScore(e.score).ordinal()] += delta;
      int b = bucket(e.score);
      for (int i = b + 1; i <= BUCKETS; i += i & -i) {
        tree[i] += delta;
      }
      TreeMap<Double, int[]> values = buckets[b];
      if (values == null) {
        values = new TreeMap<>();
        buckets[b] = values;
      }
      int[] n = values.computeIfAbsent(e.score, k -> new int[1]);
      n[0] += delta;
      if (n[0] == 0) {
        values.remove(e.score);
        if (values.isEmpty()) {
          buckets[b] = null;
        }
      }
    }

    private static int bucket(double score) {
      return (int) Math.min(BUCKETS - 1, Math.floor(score * 100));
    }

    /** The k-th smallest score, 1-based. */
    private double kth(int k) {
      int pos = 0;
      int remaining = k;
      for (int step = Integer.highestOneBit(BUCKETS); step > 0; step >>= 1) {
        int next = pos + step;
        if (next <= BUCKETS && tree[next] < remaining) {
          pos = next;
          remaining -= tree[next];
        }
      }
      // pos is the number of buckets wholly below the k-th score: it lies in bucket pos
      Iterator<Map.Entry<Double, int[]>> it = buckets[pos].entrySet().iterator();
      while (true) {
        Map.Entry<Double, int[]> v = it.next();
        remaining -= v.getValue()[0];
        if (remaining <= 0) {
          return v.getKey();
        }
      }
    }

    private @Nullable Double percentile(int p) {
      if (count == 0) {
        return null;
      }
      int rank = (int) Math.ceil(p / 100.0 * count);
      return kth(Math.max(1, rank));
    }

    DriftAggregate aggregate() {
      Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
      for (Severity s : Severity.values()) {
        counts.put(s, bySeverity[s.ordinal()]);
      }
      List<String> worst = new ArrayList<>(DriftAggregate.WORST_LIMIT);
      Iterator<Entry> it = drifting.iterator();
      while (it.hasNext() && worst.size() < DriftAggregate.WORST_LIMIT) {
        worst.add(it.next().node);
      }
      return new DriftAggregate(name, count, counts, percentile(50), percentile(95), worst);
    }
  }
}
