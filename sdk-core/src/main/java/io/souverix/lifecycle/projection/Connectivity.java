package io.souverix.lifecycle.projection;

import io.souverix.lifecycle.event.RecordedEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The connectivity of every node, folded from {@code node.connectivity_changed}: current state,
 * since when, a bounded history of changes and the time spent offline and autonomous.
 *
 * <p>A report of the state a node is already in is recorded in the history but does not restart
 * {@code since}. Reads are thread-safe.
 *
 * @since 0.1
 */
public final class Connectivity implements Projection<Connectivity.Snapshot> {
  /** The name of this projection in checkpoint keys. */
  public static final String NAME = "connectivity";

  /** Most changes kept per node in {@link NodeConnectivity#history()}. */
  public static final int HISTORY_LIMIT = 32;

  private final ConcurrentHashMap<String, NodeConnectivity> nodes = new ConcurrentHashMap<>();

  private Connectivity() {}

  /**
   * Creates an empty connectivity projection.
   *
   * @return a new projection
   * @since 0.1
   */
  public static Connectivity create() {
    return new Connectivity();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void apply(RecordedEvent event) {
    if (!"node.connectivity_changed".equals(event.type())) {
      return;
    }
    String to = Payloads.text(event.payload(), "state");
    if (to == null) {
      return;
    }
    String nodeId = event.streamId();
    NodeConnectivity old = nodes.get(nodeId);
    ConnectivityChange change =
        new ConnectivityChange(
            event.occurredAt(),
            old == null ? null : old.state(),
            to,
            Payloads.text(event.payload(), "reason"),
            event.position());
    if (old == null) {
      nodes.put(
          nodeId,
          new NodeConnectivity(
              nodeId, to, event.occurredAt(), List.of(change), 1, Duration.ZERO, Duration.ZERO));
      return;
    }
    List<ConnectivityChange> history = new ArrayList<>(old.history().size() + 1);
    history.addAll(old.history());
    history.add(change);
    if (history.size() > HISTORY_LIMIT) {
      history.remove(0);
    }
    if (to.equals(old.state())) {
      nodes.put(
          nodeId,
          new NodeConnectivity(
              nodeId,
              to,
              old.since(),
              history,
              old.changes() + 1,
              old.offlineTotal(),
              old.autonomousTotal()));
      return;
    }
    Duration spent = Duration.between(old.since(), event.occurredAt());
    if (spent.isNegative()) {
      spent = Duration.ZERO;
    }
    nodes.put(
        nodeId,
        new NodeConnectivity(
            nodeId,
            to,
            event.occurredAt(),
            history,
            old.changes() + 1,
            "offline".equals(old.state()) ? old.offlineTotal().plus(spent) : old.offlineTotal(),
            "autonomous".equals(old.state())
                ? old.autonomousTotal().plus(spent)
                : old.autonomousTotal()));
  }

  /**
   * Returns a node's connectivity.
   *
   * @param nodeId the node id; not null
   * @return the connectivity, or empty if the node never reported any
   * @since 0.1
   */
  public Optional<NodeConnectivity> node(String nodeId) {
    return Optional.ofNullable(nodes.get(Objects.requireNonNull(nodeId, "nodeId")));
  }

  /**
   * Returns every node's connectivity, in no particular order.
   *
   * @return an unmodifiable live view
   * @since 0.1
   */
  public Collection<NodeConnectivity> nodes() {
    return Collections.unmodifiableCollection(nodes.values());
  }

  @Override
  public Snapshot snapshot() {
    return new Snapshot(Map.copyOf(nodes));
  }

  @Override
  public void restore(@Nullable Snapshot snapshot) {
    nodes.clear();
    if (snapshot != null) {
      nodes.putAll(snapshot.nodes);
    }
  }

  @Override
  public Snapshot merge(List<Snapshot> partials) {
    Map<String, NodeConnectivity> all = new HashMap<>();
    for (Snapshot s : partials) {
      for (Map.Entry<String, NodeConnectivity> e : s.nodes.entrySet()) {
        if (all.putIfAbsent(e.getKey(), e.getValue()) != null) {
          throw new IllegalArgumentException(
              String.format(
                  Locale.ROOT,
                  "partitions must be disjoint; expected node %s in one partition, but got it in"
                      + " two",
                  e.getKey()));
        }
      }
    }
    return new Snapshot(Map.copyOf(all));
  }

  /**
   * An immutable snapshot of {@link Connectivity}.
   *
   * @since 0.1
   */
  public static final class Snapshot {
    private final Map<String, NodeConnectivity> nodes;

    private Snapshot(Map<String, NodeConnectivity> nodes) {
      this.nodes = nodes;
    }

    /**
     * Returns every node's connectivity by node id.
     *
     * @return an unmodifiable map
     * @since 0.1
     */
    public Map<String, NodeConnectivity> nodes() {
      return nodes;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Snapshot && ((Snapshot) o).nodes.equals(nodes);
    }

    @Override
    public int hashCode() {
      return nodes.hashCode();
    }

    @Override
    public String toString() {
      return "Connectivity.Snapshot[" + nodes.size() + " nodes]";
    }
  }
}
