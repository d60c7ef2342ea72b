package io.souverix.lifecycle.projection;

import io.souverix.lifecycle.event.RecordedEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The lifecycle timeline of every component: its events in order, each as (occurredAt, recordedAt,
 * type, summary line). {@link #forNode(String)} interleaves a node's own timeline with those of the
 * software components deployed on it, in global order.
 *
 * <p>Reads are thread-safe.
 *
 * @since 0.1
 */
public final class Timeline implements Projection<Timeline.Snapshot> {
  /** The name of this projection in checkpoint keys. */
  public static final String NAME = "timeline";

  private final ConcurrentHashMap<String, Entries> streams = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Set<String>> softwareByNode = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, String> types = new ConcurrentHashMap<>();

  private Timeline() {}

  /**
   * Creates an empty timeline projection.
   *
   * @return a new projection
   * @since 0.1
   */
  public static Timeline create() {
    return new Timeline();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void apply(RecordedEvent event) {
    Entries entries = streams.get(event.streamId());
    if (entries == null) {
      String id = event.streamId();
      entries = new Entries(id);
      streams.put(id, entries);
      indexSoftware(id);
    }
    // Share the stream id and the type name between entries rather than keep each event's copy.
    entries.add(
        new TimelineEntry(
            entries.id,
            event.sequence(),
            event.position(),
            event.occurredAt(),
            event.recordedAt(),
            types.computeIfAbsent(event.type(), t -> t),
            event.payload().json()));
  }

  private void indexSoftware(String streamId) {
    int slash = streamId.indexOf('/');
    if (slash > 0) {
      softwareByNode
          .computeIfAbsent(streamId.substring(0, slash), k -> ConcurrentHashMap.newKeySet())
          .add(streamId);
    }
  }

  /**
   * Returns a component's timeline, oldest first.
   *
   * @param componentId the component (stream) id; not null
   * @return an immutable list, empty if the component has no events
   * @since 0.1
   */
  public List<TimelineEntry> of(String componentId) {
    Entries e = streams.get(Objects.requireNonNull(componentId, "componentId"));
    return e == null ? List.of() : e.copy();
  }

  /**
   * Returns a node's timeline together with its software components' timelines, in global order.
   *
   * @param nodeId the node id; not null
   * @return an immutable list, empty if neither the node nor its software have events
   * @since 0.1
   */
  public List<TimelineEntry> forNode(String nodeId) {
    List<TimelineEntry> all = new ArrayList<>(of(nodeId));
    for (String sw : softwareByNode.getOrDefault(nodeId, Set.of())) {
      all.addAll(of(sw));
    }
    all.sort(Comparator.comparingLong(TimelineEntry::position));
    return List.copyOf(all);
  }

  @Override
  public Snapshot snapshot() {
    Map<String, List<TimelineEntry>> copy = new HashMap<>();
    streams.forEach((k, v) -> copy.put(k, v.copy()));
    return new Snapshot(Map.copyOf(copy));
  }

  @Override
  public void restore(@Nullable Snapshot snapshot) {
    streams.clear();
    softwareByNode.clear();
    if (snapshot != null) {
      snapshot.streams.forEach(
          (k, v) -> {
            Entries e = new Entries(k);
            e.list.addAll(v);
            streams.put(k, e);
            indexSoftware(k);
          });
    }
  }

  @Override
  public Snapshot merge(List<Snapshot> partials) {
    Map<String, List<TimelineEntry>> all = new HashMap<>();
    for (Snapshot s : partials) {
      for (Map.Entry<String, List<TimelineEntry>> e : s.streams.entrySet()) {
        if (all.putIfAbsent(e.getKey(), e.getValue()) != null) {
          throw new IllegalArgumentException(
              String.format(
                  Locale.ROOT,
                  "partitions must be disjoint; expected stream %s in one partition, but got it"
                      + " in two",
                  e.getKey()));
        }
      }
    }
    return new Snapshot(Map.copyOf(all));
  }

  private static final class Entries {
    final String id;
    final List<TimelineEntry> list = new ArrayList<>(8);

    Entries(String id) {
      this.id = id;
    }

    synchronized void add(TimelineEntry e) {
      list.add(e);
    }

    synchronized List<TimelineEntry> copy() {
      return List.copyOf(list);
    }
  }

  /**
   * An immutable snapshot of {@link Timeline}.
   *
   * @since 0.1
   */
  public static final class Snapshot {
    private final Map<String, List<TimelineEntry>> streams;

    private Snapshot(Map<String, List<TimelineEntry>> streams) {
      this.streams = streams;
    }

    /**
     * Returns every component's timeline by component id.
     *
     * @return an unmodifiable map of immutable lists
     * @since 0.1
     */
    public Map<String, List<TimelineEntry>> streams() {
      return streams;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Snapshot && ((Snapshot) o).streams.equals(streams);
    }

    @Override
    public int hashCode() {
      return streams.hashCode();
    }

    @Override
    public String toString() {
      return "Timeline.Snapshot[" + streams.size() + " components]";
    }
  }
}
