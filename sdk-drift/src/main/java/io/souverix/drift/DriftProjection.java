package io.souverix.drift;

import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.projection.Projection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The drift inputs of every node, folded from events, with a {@link DriftIndex} kept up to date:
 * each event re-scores only the node it concerns.
 *
 * <p>What it reads (node streams are {@code <node>}, software streams {@code <node>/<name>}):
 *
 * <ul>
 *   <li>desired state: {@code node.desired_state_changed} on the node stream ({@code component} +
 *       {@code version}; {@code config_version}; {@code policy_version});
 *   <li>actual versions: {@code software.registered}, {@code software.base_image_deployed}, {@code
 *       software.container_image_pulled} and {@code maintenance.patch_applied} on the software
 *       streams, keyed by the stream's {@code <name>};
 *   <li>actual configuration: {@code software.configuration_applied} ({@code config_version}, and
 *       its time as {@code last_sync});
 *   <li>actual policy: {@code maintenance.policy_updated} ({@code to_version}) and the latest
 *       {@code node.policy_compliance_evaluated} per policy (weight 1);
 *   <li>region and cluster: {@code node.serial_registered}, else the envelope's region;
 *   <li>connectivity: {@code node.connectivity_changed}; while a node is autonomous or offline,
 *       every later event of its own stream counts in its sync-debt backlog (desired version,
 *       configuration and policy changes by class, every event as a message).
 * </ul>
 *
 * A software component without a desired version is not scored (nothing is asked of it). The
 * projection is partitionable: its snapshot merges field by field, the later position winning, so
 * node and software streams may live in different partitions. Thread-safe.
 *
 * @since 0.1
 */
public final class DriftProjection implements Projection<DriftProjection.Snapshot> {
  /** The name of this projection in checkpoint keys. */
  public static final String NAME = "drift";

  private final DriftScorer scorer;
  private final ConcurrentHashMap<String, NodeInputs> nodes = new ConcurrentHashMap<>();
  private DriftIndex index;

  private DriftProjection(DriftScorer scorer) {
    this.scorer = scorer;
    this.index = DriftIndex.create(scorer);
  }

  /**
   * Creates an empty projection.
   *
   * @param scorer the scorer for the index; not null
   * @return the projection
   */
  public static DriftProjection create(DriftScorer scorer) {
    return new DriftProjection(Objects.requireNonNull(scorer, "scorer"));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public synchronized void apply(RecordedEvent event) {
    String stream = event.streamId();
    int slash = stream.indexOf('/');
    String node = slash < 0 ? stream : stream.substring(0, slash);
    String component = slash < 0 ? null : stream.substring(slash + 1);
    NodeInputs before = nodes.get(node);
    NodeInputs start = before == null ? NodeInputs.empty(node) : before;
    NodeInputs after =
        fold(start, event, component)
            .seen(event.occurredAt(), component == null ? event.position() : -1);
    nodes.put(node, after);
    if (!after.scoredDiffers(start)) {
      return;
    }
    Optional<NodeState> state = after.state();
    if (state.isPresent()) {
      index.update(state.get(), event.occurredAt());
    } else {
      index.remove(node);
    }
  }

  private static NodeInputs fold(NodeInputs n, RecordedEvent e, @Nullable String component) {
    Payload p = e.payload();
    long pos = e.position();
    NodeInputs out = n;
    if (n.away() && component == null && !"node.connectivity_changed".equals(e.type())) {
      out = out.withBacklog(n.backlog().plus(backlogOf(e)));
    }
    switch (e.type()) {
      case "node.serial_registered" -> {
        String region = p.text("region").orElse(e.region());
        out = out.withPlace(region, p.text("cluster").orElse(region));
      }
      case "node.desired_state_changed" -> {
        Map<String, Versioned> desired = out.desired();
        String name = p.text("component").orElse(null);
        if (name != null && p.text("version").isPresent() && component == null) {
          desired = put(desired, name, new Versioned(p.requireText("version"), pos));
        }
        if (p.text("config_version").isPresent()) {
          desired = put(desired, CONFIG, new Versioned(p.requireText("config_version"), pos));
        }
        if (p.text("policy_version").isPresent()) {
          desired = put(desired, POLICY, new Versioned(p.requireText("policy_version"), pos));
        }
        out = out.withDesired(desired);
      }
      case "software.registered",
          "software.base_image_deployed",
          "software.container_image_pulled" -> {
        if (component != null && p.text("version").isPresent()) {
          out =
              out.withActual(
                  put(out.actual(), component, new Versioned(p.requireText("version"), pos)));
        }
      }
      case "maintenance.patch_applied" -> {
        if (component != null) {
          out =
              out.withActual(
                  put(out.actual(), component, new Versioned(p.requireText("to_version"), pos)));
        }
      }
      case "software.configuration_applied" -> {
        out =
            out.withActual(
                    put(out.actual(), CONFIG, new Versioned(p.requireText("config_version"), pos)))
                .withLastConfigSync(e.occurredAt());
      }
      case "maintenance.policy_updated" ->
          out =
              out.withActual(
                  put(out.actual(), POLICY, new Versioned(p.requireText("to_version"), pos)));
      case "node.policy_compliance_evaluated" -> {
        Map<String, PolicyOutcome> results = new TreeMap<>(out.policyResults());
        results.put(
            p.requireText("policy"), new PolicyOutcome(p.bool("compliant").orElse(false), pos));
        out = out.withPolicyResults(results);
      }
      case "node.connectivity_changed" -> {
        String state = p.text("state").orElse("connected");
        boolean away = state.equals("autonomous") || state.equals("offline");
        if (away && !n.away()) {
          out = out.withAway(e.occurredAt()).withBacklog(Backlog.EMPTY);
        } else if (!away && n.away()) {
          out = out.withBack();
        }
      }
      default -> {
        // not a drift input
      }
    }
    if (out.place() == null && e.region() != null && out != n) {
      out = out.withPlace(e.region(), e.region());
    }
    return out;
  }

  private static Backlog backlogOf(RecordedEvent e) {
    if (!"node.desired_state_changed".equals(e.type())) {
      return new Backlog(1, 0, 0, 0);
    }
    Payload p = e.payload();
    return new Backlog(
        1,
        p.has("config_version") ? 1 : 0,
        p.has("policy_version") ? 1 : 0,
        p.has("version") ? 1 : 0);
  }

  private static <V> Map<String, V> put(Map<String, V> m, String key, V value) {
    Map<String, V> copy = new HashMap<>(m);
    copy.put(key, value);
    return copy;
  }

  /**
   * Returns a node's drift inputs as a {@link NodeState}.
   *
   * @param node the node id; not null
   * @return the state, or empty when nothing is desired of the node yet
   */
  public Optional<NodeState> nodeState(String node) {
    NodeInputs n = nodes.get(Objects.requireNonNull(node, "node"));
    return n == null ? Optional.empty() : n.state();
  }

  /**
   * Returns the drift inputs of every node with a desired state, sorted by node id.
   *
   * @return the states
   */
  public List<NodeState> nodeStates() {
    List<NodeState> out = new ArrayList<>();
    new TreeMap<>(nodes).values().forEach(n -> n.state().ifPresent(out::add));
    return out;
  }

  /**
   * Returns what a node owes if it is autonomous or offline now.
   *
   * @param node the node id; not null
   * @param now the time the debt is measured at; not before the node left
   * @param costs the replay rate and apply costs; not null
   * @return the debt, or empty when the node is connected (or unknown)
   * @throws IllegalArgumentException if {@code now} is before the node left
   */
  public Optional<SyncDebt> syncDebt(String node, Instant now, ReplayCosts costs) {
    NodeInputs n = nodes.get(Objects.requireNonNull(node, "node"));
    if (n == null || !n.away()) {
      return Optional.empty();
    }
    return Optional.of(SyncDebt.compute(node, n.awaySince(), now, n.backlog(), costs));
  }

  /**
   * Returns the index the projection keeps up to date.
   *
   * @return the index over every node with a desired state
   */
  public synchronized DriftIndex index() {
    return index;
  }

  @Override
  public synchronized Snapshot snapshot() {
    return new Snapshot(Map.copyOf(nodes));
  }

  @Override
  public synchronized void restore(@Nullable Snapshot snapshot) {
    nodes.clear();
    index = DriftIndex.create(scorer);
    if (snapshot != null) {
      nodes.putAll(snapshot.nodes);
      Instant epoch = Instant.EPOCH;
      for (NodeInputs n : snapshot.nodes.values()) {
        n.state().ifPresent(s -> index.update(s, n.lastEvent() == null ? epoch : n.lastEvent()));
      }
    }
  }

  @Override
  public Snapshot merge(List<Snapshot> partials) {
    Map<String, NodeInputs> out = new HashMap<>();
    for (Snapshot s : partials) {
      s.nodes.forEach((k, v) -> out.merge(k, v, NodeInputs::merge));
    }
    return new Snapshot(out);
  }

  /** The inputs of every node; immutable. */
  public static final class Snapshot {
    private final Map<String, NodeInputs> nodes;

    Snapshot(Map<String, NodeInputs> nodes) {
      this.nodes = Map.copyOf(nodes);
    }

    /**
     * Returns the number of nodes seen.
     *
     * @return the count
     */
    public int size() {
      return nodes.size();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Snapshot s && nodes.equals(s.nodes);
    }

    @Override
    public int hashCode() {
      return nodes.hashCode();
    }
  }

  static final String CONFIG = "\u0000config";
  static final String POLICY = "\u0000policy";

  record Versioned(String version, long position) {}

  record PolicyOutcome(boolean passed, long position) {}

  /** One node's inputs; immutable, each change a copy. */
  record NodeInputs(
      String node,
      @Nullable String place,
      @Nullable String cluster,
      Map<String, Versioned> desired,
      Map<String, Versioned> actual,
      Map<String, PolicyOutcome> policyResults,
      @Nullable Instant lastConfigSync,
      @Nullable Instant awaySince,
      Backlog backlog,
      @Nullable Instant lastEvent,
      long placePosition) {

    static NodeInputs empty(String node) {
      return new NodeInputs(
          node, null, null, Map.of(), Map.of(), Map.of(), null, null, Backlog.EMPTY, null, -1);
    }

    boolean away() {
      return awaySince != null;
    }

    /** Whether anything the score depends on differs (maps are copied only when they change). */
    boolean scoredDiffers(NodeInputs o) {
      return desired != o.desired
          || actual != o.actual
          || policyResults != o.policyResults
          || !Objects.equals(lastConfigSync, o.lastConfigSync)
          || !Objects.equals(place, o.place)
          || !Objects.equals(cluster, o.cluster);
    }

    NodeInputs withPlace(@Nullable String region, @Nullable String cluster) {
      return edit(
          d -> {
            d.place = region;
            d.cluster = cluster;
          });
    }

    NodeInputs withDesired(Map<String, Versioned> desired) {
      return edit(d -> d.desired = desired);
    }

    NodeInputs withActual(Map<String, Versioned> actual) {
      return edit(d -> d.actual = actual);
    }

    NodeInputs withPolicyResults(Map<String, PolicyOutcome> results) {
      return edit(d -> d.policyResults = results);
    }

    NodeInputs withLastConfigSync(Instant at) {
      return edit(d -> d.lastConfigSync = at);
    }

    NodeInputs withAway(Instant since) {
      return edit(d -> d.awaySince = since);
    }

    NodeInputs withBack() {
      return edit(
          d -> {
            d.awaySince = null;
            d.backlog = Backlog.EMPTY;
          });
    }

    NodeInputs withBacklog(Backlog backlog) {
      return edit(d -> d.backlog = backlog);
    }

    /** Records the event's time, and its position when it is on the node's own stream. */
    NodeInputs seen(Instant at, long nodeStreamPosition) {
      return edit(
          d -> {
            d.lastEvent = at;
            d.placePosition = Math.max(placePosition, nodeStreamPosition);
          });
    }

    private NodeInputs edit(java.util.function.Consumer<Draft> change) {
      Draft d = new Draft(this);
      change.accept(d);
      return d.done();
    }

    /** A mutable copy, so that each change names only the fields it sets. */
    private static final class Draft {
      final String node;
      @Nullable String place;
      @Nullable String cluster;
      Map<String, Versioned> desired;
      Map<String, Versioned> actual;
      Map<String, PolicyOutcome> policyResults;
      @Nullable Instant lastConfigSync;
      @Nullable Instant awaySince;
      Backlog backlog;
      @Nullable Instant lastEvent;
      long placePosition;

      Draft(NodeInputs n) {
        node = n.node;
        place = n.place;
        cluster = n.cluster;
        desired = n.desired;
        actual = n.actual;
        policyResults = n.policyResults;
        lastConfigSync = n.lastConfigSync;
        awaySince = n.awaySince;
        backlog = n.backlog;
        lastEvent = n.lastEvent;
        placePosition = n.placePosition;
      }

      NodeInputs done() {
        return new NodeInputs(
            node,
            place,
            cluster,
            desired,
            actual,
            policyResults,
            lastConfigSync,
            awaySince,
            backlog,
            lastEvent,
            placePosition);
      }
    }

    /** The drift scorer's input, or empty when nothing is desired of the node. */
    Optional<NodeState> state() {
      if (desired.isEmpty()) {
        return Optional.empty();
      }
      List<NodeState.Component> components = new ArrayList<>();
      new TreeMap<>(desired)
          .forEach(
              (name, v) -> {
                if (!name.equals(CONFIG) && !name.equals(POLICY)) {
                  Versioned a = actual.get(name);
                  components.add(
                      new NodeState.Component(name, v.version(), a == null ? null : a.version()));
                }
              });
      NodeState.Config config = null;
      Versioned dc = desired.get(CONFIG);
      if (dc != null) {
        Versioned ac = actual.get(CONFIG);
        config =
            new NodeState.Config(
                Map.of("configuration", dc.version()),
                ac == null ? Map.of() : Map.of("configuration", ac.version()),
                lastConfigSync);
      }
      NodeState.Policy policy = null;
      Versioned dp = desired.get(POLICY);
      if (dp != null) {
        Versioned ap = actual.get(POLICY);
        List<NodeState.PolicyResult> results = new ArrayList<>();
        new TreeMap<>(policyResults)
            .forEach((name, r) -> results.add(new NodeState.PolicyResult(name, r.passed(), 1.0)));
        policy = new NodeState.Policy(dp.version(), ap == null ? null : ap.version(), results);
      }
      String region = place == null ? "unknown" : place;
      return Optional.of(
          new NodeState(
              node, cluster == null ? region : cluster, region, components, config, policy));
    }

    /** Field by field, the later position winning; connectivity and place from the node stream. */
    NodeInputs merge(NodeInputs o) {
      Map<String, Versioned> d = new HashMap<>(desired);
      o.desired.forEach((k, v) -> d.merge(k, v, (x, y) -> x.position() >= y.position() ? x : y));
      Map<String, Versioned> a = new HashMap<>(actual);
      o.actual.forEach((k, v) -> a.merge(k, v, (x, y) -> x.position() >= y.position() ? x : y));
      Map<String, PolicyOutcome> r = new HashMap<>(policyResults);
      o.policyResults.forEach(
          (k, v) -> r.merge(k, v, (x, y) -> x.position() >= y.position() ? x : y));
      NodeInputs nodeSide = placePosition >= o.placePosition ? this : o;
      return new NodeInputs(
          node,
          nodeSide.place != null ? nodeSide.place : (place != null ? place : o.place),
          nodeSide.cluster != null ? nodeSide.cluster : (cluster != null ? cluster : o.cluster),
          d,
          a,
          r,
          later(lastConfigSync, o.lastConfigSync),
          nodeSide.awaySince,
          nodeSide.backlog,
          later(lastEvent, o.lastEvent),
          Math.max(placePosition, o.placePosition));
    }

    private static @Nullable Instant later(@Nullable Instant x, @Nullable Instant y) {
      return x == null ? y : y == null || x.isAfter(y) ? x : y;
    }
  }
}
