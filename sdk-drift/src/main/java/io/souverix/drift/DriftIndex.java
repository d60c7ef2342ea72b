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
import org.jspecify.annotations.Nullable;

/**
 * The drift of a fleet kept up to date one node at a time: {@link #update} re-scores one node and
 * adjusts the aggregates of its cluster, its region and the fleet, without recomputing anything
 * else. The aggregates are exactly those of {@link DriftScorer#analyze} over the same nodes.
 *
 * <p>Cost of an update: scoring the node (its components, configuration objects and policies), then
 * for each of its three groups a severity count, an order-statistics update for the percentiles
 * ({@code O(log B)} over {@code B} = 10,001 score buckets of 0.01 points) and a short sorted list
 * of the group's worst offenders (20 entries). No step depends on the fleet size. Reading an
 * aggregate costs {@code O(log B)} plus the distinct scores of one bucket, and one scan of the
 * index when updates have drained a group's short list below the five worst offenders it reports.
 *
 * <p>Thread-safe: every method is synchronized on the index.
 *
 * @since 0.1
 */
public final class DriftIndex {
  private final DriftScorer scorer;
  private final Map<String, Entry> nodes = new HashMap<>();
  private final Group fleet;
  private final Map<String, Group> clusters = new TreeMap<>();
  private final Map<String, Group> regions = new TreeMap<>();

  private final int topCapacity;

  private DriftIndex(DriftScorer scorer, int topCapacity) {
    this.scorer = scorer;
    this.topCapacity = topCapacity;
    this.fleet = new Group(null, e -> true, topCapacity);
  }

  /**
   * Creates an empty index.
   *
   * @param scorer the scorer whose weights apply; not null
   * @return the index
   */
  public static DriftIndex create(DriftScorer scorer) {
    return create(scorer, 4 * DriftAggregate.WORST_LIMIT);
  }

  /** With a given length of each group's short list of worst offenders (tests drain it). */
  static DriftIndex create(DriftScorer scorer, int topCapacity) {
    if (topCapacity < DriftAggregate.WORST_LIMIT) {
      throw new IllegalArgumentException("topCapacity below the worst-offender limit");
    }
    return new DriftIndex(Objects.requireNonNull(scorer, "scorer"), topCapacity);
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
    return fleet.aggregate(nodes.values());
  }

  /**
   * Returns one cluster's aggregate.
   *
   * @param cluster the cluster name; not null
   * @return the aggregate, or empty when no node is in that cluster
   */
  public synchronized Optional<DriftAggregate> cluster(String cluster) {
    Group g = clusters.get(Objects.requireNonNull(cluster, "cluster"));
    return g == null || g.count == 0 ? Optional.empty() : Optional.of(g.aggregate(nodes.values()));
  }

  /**
   * Returns one region's aggregate.
   *
   * @param region the region name; not null
   * @return the aggregate, or empty when no node is in that region
   */
  public synchronized Optional<DriftAggregate> region(String region) {
    Group g = regions.get(Objects.requireNonNull(region, "region"));
    return g == null || g.count == 0 ? Optional.empty() : Optional.of(g.aggregate(nodes.values()));
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

  private List<DriftAggregate> all(Map<String, Group> groups) {
    List<DriftAggregate> out = new ArrayList<>(groups.size());
    for (Group g : groups.values()) {
      if (g.count > 0) {
        out.add(g.aggregate(nodes.values()));
      }
    }
    return out;
  }

  private void each(Entry e, java.util.function.Consumer<Group> action) {
    action.accept(fleet);
    action.accept(
        clusters.computeIfAbsent(
            e.cluster, c -> new Group(c, x -> x.cluster.equals(c), topCapacity)));
    action.accept(
        regions.computeIfAbsent(e.region, r -> new Group(r, x -> x.region.equals(r), topCapacity)));
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

    private final java.util.function.Predicate<Entry> member;

    /**
     * The best drifting entries, worst first, at most {@code capacity}: always the true best {@code
     * top.size()} of the group, and all of them while {@code complete}. Keeping only these (instead
     * of a sorted set of every drifting node, where each comparison is a cache miss) makes an
     * update cheap; a read refills the list by one scan when removals have emptied it below the
     * limit.
     */
    private final ArrayList<Entry> top;

    private final int capacity;

    private boolean complete = true;
    private int drifting;
    private int count;

    Group(@Nullable String name, java.util.function.Predicate<Entry> member, int capacity) {
      this.name = name;
      this.member = member;
      this.capacity = capacity;
      this.top = new ArrayList<>(capacity + 1);
    }

    void add(Entry e) {
      change(e, 1);
      if (e.score > 0) {
        drifting++;
        int at = java.util.Collections.binarySearch(top, e, WORST_FIRST);
        int pos = at < 0 ? -at - 1 : at;
        if (pos < top.size() || (complete && top.size() < capacity)) {
          top.add(pos, e);
          if (top.size() > capacity) {
            top.remove(top.size() - 1);
            complete = false;
          }
        } else {
          complete = false;
        }
      }
    }

    void remove(Entry e) {
      change(e, -1);
      if (e.score > 0) {
        drifting--;
        int at = java.util.Collections.binarySearch(top, e, WORST_FIRST);
        if (at >= 0) {
          top.remove(at);
        }
        if (drifting == top.size()) {
          complete = true;
        }
      }
    }

    /** Rebuilds the best entries from every node of the index, when removals drained them. */
    private void refill(java.util.Collection<Entry> all) {
      if (complete || top.size() >= Math.min(DriftAggregate.WORST_LIMIT, drifting)) {
        return;
      }
      java.util.PriorityQueue<Entry> best = new java.util.PriorityQueue<>(WORST_FIRST.reversed());
      for (Entry e : all) {
        if (e.score > 0 && member.test(e)) {
          best.add(e);
          if (best.size() > capacity) {
            best.poll();
          }
        }
      }
      top.clear();
      top.addAll(best);
      top.sort(WORST_FIRST);
      complete = top.size() == drifting;
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

    DriftAggregate aggregate(java.util.Collection<Entry> all) {
      refill(all);
      Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
      for (Severity s : Severity.values()) {
        counts.put(s, bySeverity[s.ordinal()]);
      }
      List<String> worst = new ArrayList<>(DriftAggregate.WORST_LIMIT);
      Iterator<Entry> it = top.iterator();
      while (it.hasNext() && worst.size() < DriftAggregate.WORST_LIMIT) {
        worst.add(it.next().node);
      }
      return new DriftAggregate(name, count, counts, percentile(50), percentile(95), worst);
    }
  }
}
