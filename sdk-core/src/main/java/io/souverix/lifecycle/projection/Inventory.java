package io.souverix.lifecycle.projection;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Queries the nodes and software components of a {@link CurrentState}: filters by region, cluster,
 * model, lifecycle state, firmware version and software name and version, with pages in ascending
 * id order and a total count.
 *
 * <p>The inventory keeps secondary indexes (region, cluster, model, lifecycle state, firmware
 * version, software name and version, software by node) that {@link CurrentState} updates on every
 * change, so a query visits only the ids of its most selective indexed filter, never the events.
 * Among the filters given, the index used is the first of: software name and version, firmware
 * version, model, cluster, lifecycle state, region; the other filters are checked per candidate.
 * Queries may run while the projection is being fed; each item is a consistent value, and a page
 * reflects the state at some moment during the query.
 *
 * @since 0.1
 */
public final class Inventory {
  /** Page size when a query does not set one. */
  public static final int DEFAULT_LIMIT = 100;

  /** Largest page size. */
  public static final int MAX_LIMIT = 10_000;

  private final ConcurrentSkipListMap<String, NodeRecord> nodes = new ConcurrentSkipListMap<>();
  private final ConcurrentSkipListMap<String, SoftwareRecord> software =
      new ConcurrentSkipListMap<>();
  private final Index<NodeRecord> byRegion = new Index<>(NodeRecord::region);
  private final Index<NodeRecord> byCluster = new Index<>(NodeRecord::cluster);
  private final Index<NodeRecord> byModel = new Index<>(NodeRecord::model);
  private final Index<NodeRecord> byState = new Index<>(NodeRecord::lifecycleState);
  private final Index<NodeRecord> byFirmware = new Index<>(NodeRecord::firmwareVersion);
  private final Index<SoftwareRecord> swByNameVersion = new Index<>(Inventory::nameVersion);
  private final Index<SoftwareRecord> swByNode = new Index<>(SoftwareRecord::nodeId);
  private final Index<SoftwareRecord> swByState = new Index<>(SoftwareRecord::lifecycleState);

  private Inventory() {}

  /**
   * Creates an inventory over a current-state projection and keeps it up to date as the projection
   * changes (including restores from a checkpoint).
   *
   * @param state the projection; not null
   * @return the inventory
   * @since 0.1
   */
  public static Inventory of(CurrentState state) {
    Objects.requireNonNull(state, "state");
    Inventory inv = new Inventory();
    state.addListener(inv.new Updater());
    return inv;
  }

  /**
   * Returns one page of the nodes that match a query.
   *
   * @param query the filters and page; not null
   * @return the page, in ascending node id order
   * @since 0.1
   */
  public Page<NodeRecord> nodes(NodeQuery query) {
    Objects.requireNonNull(query, "query");
    Collection<String> candidates;
    if (query.softwareName() != null) {
      NavigableSet<String> ids = new TreeSet<>();
      for (String sw :
          swByNameVersion.ids(nameVersion(query.softwareName(), query.softwareVersion()))) {
        SoftwareRecord s = software.get(sw);
        if (s != null) {
          ids.add(s.nodeId());
        }
      }
      candidates = ids;
    } else if (query.firmwareVersion() != null) {
      candidates = byFirmware.ids(query.firmwareVersion());
    } else if (query.model() != null) {
      candidates = byModel.ids(query.model());
    } else if (query.cluster() != null) {
      candidates = byCluster.ids(query.cluster());
    } else if (query.lifecycleState() != null) {
      candidates = byState.ids(query.lifecycleState());
    } else if (query.region() != null) {
      candidates = byRegion.ids(query.region());
    } else {
      candidates = nodes.keySet();
    }
    List<NodeRecord> items = new ArrayList<>();
    long total = 0;
    boolean more = false;
    String after = query.after();
    for (String id : candidates) {
      NodeRecord n = nodes.get(id);
      if (n == null || !matches(n, query)) {
        continue;
      }
      total++;
      if (after == null || id.compareTo(after) > 0) {
        if (items.size() < query.limit()) {
          items.add(n);
        } else {
          more = true;
        }
      }
    }
    return new Page<>(items, total, more ? items.get(items.size() - 1).id() : null);
  }

  private boolean matches(NodeRecord n, NodeQuery q) {
    return eq(q.region(), n.region())
        && eq(q.cluster(), n.cluster())
        && eq(q.model(), n.model())
        && eq(q.lifecycleState(), n.lifecycleState())
        && eq(q.firmwareVersion(), n.firmwareVersion())
        && (q.softwareName() == null || runs(n.id(), q.softwareName(), q.softwareVersion()));
  }

  private boolean runs(String nodeId, String name, @Nullable String version) {
    for (String sw : swByNode.ids(nodeId)) {
      SoftwareRecord s = software.get(sw);
      if (s != null && name.equals(s.name()) && Objects.equals(version, s.softwareVersion())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns one page of the software components that match a query.
   *
   * @param query the filters and page; not null
   * @return the page, in ascending component id order
   * @since 0.1
   */
  public Page<SoftwareRecord> software(SoftwareQuery query) {
    Objects.requireNonNull(query, "query");
    Collection<String> candidates;
    if (query.name() != null && query.version() != null) {
      candidates = swByNameVersion.ids(nameVersion(query.name(), query.version()));
    } else if (query.nodeId() != null) {
      candidates = swByNode.ids(query.nodeId());
    } else if (query.lifecycleState() != null) {
      candidates = swByState.ids(query.lifecycleState());
    } else {
      candidates = software.keySet();
    }
    List<SoftwareRecord> items = new ArrayList<>();
    long total = 0;
    boolean more = false;
    String after = query.after();
    for (String id : candidates) {
      SoftwareRecord s = software.get(id);
      if (s == null || !matches(s, query)) {
        continue;
      }
      total++;
      if (after == null || id.compareTo(after) > 0) {
        if (items.size() < query.limit()) {
          items.add(s);
        } else {
          more = true;
        }
      }
    }
    return new Page<>(items, total, more ? items.get(items.size() - 1).id() : null);
  }

  private boolean matches(SoftwareRecord s, SoftwareQuery q) {
    if (q.region() != null) {
      NodeRecord n = nodes.get(s.nodeId());
      String region = n != null && n.region() != null ? n.region() : s.region();
      if (!q.region().equals(region)) {
        return false;
      }
    }
    return eq(q.nodeId(), s.nodeId())
        && eq(q.name(), s.name())
        && eq(q.version(), s.softwareVersion())
        && eq(q.softwareKind(), s.softwareKind())
        && eq(q.lifecycleState(), s.lifecycleState());
  }

  /**
   * Returns the software components deployed on a node, in ascending id order.
   *
   * @param nodeId the node id; not null
   * @return an immutable list, empty if none
   * @since 0.1
   */
  public List<SoftwareRecord> softwareOn(String nodeId) {
    List<SoftwareRecord> out = new ArrayList<>();
    for (String id : swByNode.ids(Objects.requireNonNull(nodeId, "nodeId"))) {
      SoftwareRecord s = software.get(id);
      if (s != null) {
        out.add(s);
      }
    }
    return List.copyOf(out);
  }

  /**
   * Returns the number of nodes.
   *
   * @return the count
   * @since 0.1
   */
  public int nodeCount() {
    return nodes.size();
  }

  /**
   * Returns the number of software components.
   *
   * @return the count
   * @since 0.1
   */
  public int softwareCount() {
    return software.size();
  }

  static int checkLimit(int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "page limit; expected 1 to %d, but got %d", MAX_LIMIT, limit));
    }
    return limit;
  }

  private static boolean eq(@Nullable String wanted, @Nullable String actual) {
    return wanted == null || wanted.equals(actual);
  }

  private static @Nullable String nameVersion(SoftwareRecord s) {
    return s.softwareVersion() == null ? null : nameVersion(s.name(), s.softwareVersion());
  }

  private static String nameVersion(String name, @Nullable String version) {
    return name + '\u0000' + version;
  }

  /** Applies CurrentState changes to the maps and indexes; runs on the projection's writer. */
  private final class Updater implements CurrentState.Listener {
    @Override
    public void changed(@Nullable ComponentRecord before, ComponentRecord after) {
      if (after instanceof NodeRecord) {
        NodeRecord old = before instanceof NodeRecord ? (NodeRecord) before : null;
        NodeRecord now = (NodeRecord) after;
        byRegion.update(old, now);
        byCluster.update(old, now);
        byModel.update(old, now);
        byState.update(old, now);
        byFirmware.update(old, now);
        nodes.put(now.id(), now);
      } else {
        SoftwareRecord old = before instanceof SoftwareRecord ? (SoftwareRecord) before : null;
        SoftwareRecord now = (SoftwareRecord) after;
        swByNameVersion.update(old, now);
        swByNode.update(old, now);
        swByState.update(old, now);
        software.put(now.id(), now);
      }
    }

    @Override
    public void reset(Collection<ComponentRecord> all) {
      nodes.clear();
      software.clear();
      for (Index<?> i :
          List.of(
              byRegion,
              byCluster,
              byModel,
              byState,
              byFirmware,
              swByNameVersion,
              swByNode,
              swByState)) {
        i.clear();
      }
      for (ComponentRecord c : all) {
        changed(null, c);
      }
    }
  }

  /** An index from one attribute's value to the sorted ids of the components that have it. */
  private static final class Index<T extends ComponentRecord> {
    private final Function<T, @Nullable String> key;
    private final ConcurrentMap<String, ConcurrentSkipListSet<String>> ids =
        new ConcurrentHashMap<>();

    Index(Function<T, @Nullable String> key) {
      this.key = key;
    }

    void update(@Nullable T before, T after) {
      String oldKey = before == null ? null : key.apply(before);
      String newKey = key.apply(after);
      if (before != null && Objects.equals(oldKey, newKey)) {
        return;
      }
      if (oldKey != null) {
        Set<String> s = ids.get(oldKey);
        if (s != null) {
          s.remove(before.id());
        }
      }
      if (newKey != null) {
        ids.computeIfAbsent(newKey, k -> new ConcurrentSkipListSet<>()).add(after.id());
      }
    }

    NavigableSet<String> ids(String value) {
      NavigableSet<String> s = ids.get(value);
      return s == null ? new TreeSet<>() : s;
    }

    void clear() {
      ids.clear();
    }
  }
}
