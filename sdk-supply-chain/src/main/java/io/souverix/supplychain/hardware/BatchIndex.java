package io.souverix.supplychain.hardware;

import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.projection.Projection;
import io.souverix.supplychain.version.Version;
import io.souverix.supplychain.version.VersionException;
import io.souverix.supplychain.version.VersionScheme;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * A projection of nodes per manufacturing batch that answers recall queries without reading events:
 * every active node of a batch, those whose firmware version or security version is below a bound,
 * and their counts per region.
 *
 * <p>It reads {@code node.serial_registered} (region, {@code manufacturing.batch_id} or the v1
 * {@code batch_id}), {@code node.manufacturing_origin_recorded} ({@code batch_id}), {@code
 * node.firmware_baseline_captured} and {@code maintenance.firmware_updated} (version and digest)
 * and {@code lifecycle.state_changed} of hardware nodes. A node is <em>active</em> while its
 * lifecycle state is {@code ACTIVE} or {@code MAINTENANCE}. The firmware security version of a node
 * is looked up by its image digest in the catalogue the index was created with (the vendors'
 * verified manifests; see {@code io.souverix.supplychain.firmware.FirmwareCatalog}); -1 when
 * unknown.
 *
 * <h3>Cost</h3>
 *
 * Each batch keeps its active nodes in arrays sorted by firmware version rank (the rank of the
 * version among the distinct versions seen, in the scheme's order) and by security version, so
 * "below Y" is a binary search and the answer a prefix; region counts are kept up to date on every
 * event. An event only marks its batch for re-sorting, which the next query of that batch does (O(n
 * log n) for the batch's n nodes); a new distinct firmware version re-ranks and marks every batch.
 * Methods are synchronized: queries and updates may come from different threads.
 *
 * @since 0.1
 */
public final class BatchIndex implements Projection<BatchIndex.Snapshot> {
  /** The key of nodes without a region in region counts. */
  public static final String UNKNOWN_REGION = "unknown";

  private static final Set<String> ACTIVE_STATES = Set.of("ACTIVE", "MAINTENANCE");

  private final VersionScheme scheme;
  private final ToLongFunction<String> securityVersions;
  private final Map<String, Batch> registered = new LinkedHashMap<>();
  private final Map<String, BatchNodes> batches = new HashMap<>();
  private final Map<String, Node> nodes = new HashMap<>();
  private final Map<String, Integer> regionIds = new HashMap<>();
  private final List<String> regionNames = new ArrayList<>();
  // The distinct versions seen, ascending; a version's rank is its index. -1: does not parse.
  private final List<Version> versions = new ArrayList<>();
  private final Map<String, Integer> rankOf = new HashMap<>();
  private int rankEpoch;

  /** One node's recall-relevant state. */
  private static final class Node {
    final String id;
    @Nullable BatchNodes batch;
    int region = -1;
    @Nullable String state;
    @Nullable String firmware;
    @Nullable String digest;
    long securityVersion = -1;
    int rank = -1;

    Node(String id) {
      this.id = id;
    }

    boolean active() {
      return state != null && ACTIVE_STATES.contains(state);
    }
  }

  /** The nodes of one batch and its sorted views. */
  private static final class BatchNodes {
    final String id;
    final List<Node> members = new ArrayList<>();
    int[] regionActive = new int[8];
    boolean dirty = true;
    int builtEpoch = -1;
    Node[] byVersion = new Node[0];
    int[] ranks = new int[0];
    Node[] bySecurity = new Node[0];
    long[] securityVersions = new long[0];

    BatchNodes(String id) {
      this.id = id;
    }
  }

  /**
   * A node's row in a snapshot.
   *
   * @param nodeId the node (stream) id
   * @param batchId its batch, or null
   * @param region its region, or null
   * @param lifecycleState its lifecycle state, or null
   * @param firmwareVersion its current firmware version, or null
   * @param firmwareDigest its current firmware image digest, or null
   * @param securityVersion its firmware security version, or -1 if unknown
   * @since 0.1
   */
  public record NodeRow(
      String nodeId,
      @Nullable String batchId,
      @Nullable String region,
      @Nullable String lifecycleState,
      @Nullable String firmwareVersion,
      @Nullable String firmwareDigest,
      long securityVersion) {
    /**
     * Checks the node id.
     *
     * @throws NullPointerException if the node id is null
     */
    public NodeRow {
      Objects.requireNonNull(nodeId, "nodeId");
    }
  }

  /**
   * The state of the index, for checkpoints.
   *
   * @param batches the registered batches
   * @param nodes every node seen
   * @since 0.1
   */
  public record Snapshot(List<Batch> batches, List<NodeRow> nodes) {
    /**
     * Copies the lists.
     *
     * @throws NullPointerException if a list is null
     */
    public Snapshot {
      batches = List.copyOf(batches);
      nodes = List.copyOf(nodes);
    }
  }

  private BatchIndex(VersionScheme scheme, ToLongFunction<String> securityVersions) {
    this.scheme = scheme;
    this.securityVersions = securityVersions;
  }

  /**
   * Creates an empty index.
   *
   * @param firmwareScheme the version scheme of firmware versions; not null
   * @param securityVersionOfDigest the security version of a firmware image by its digest text
   *     ({@code sha256:<hex>}), or -1 if unknown; not null
   * @return the index
   * @since 0.1
   */
  public static BatchIndex create(
      VersionScheme firmwareScheme, ToLongFunction<String> securityVersionOfDigest) {
    return new BatchIndex(
        Objects.requireNonNull(firmwareScheme, "firmwareScheme"),
        Objects.requireNonNull(securityVersionOfDigest, "securityVersionOfDigest"));
  }

  /**
   * Registers a batch (its metadata; nodes attach to it from events, registered or not).
   *
   * @param batch the batch; not null
   * @since 0.1
   */
  public synchronized void registerBatch(Batch batch) {
    Objects.requireNonNull(batch, "batch");
    registered.put(batch.batchId(), batch);
  }

  /**
   * Returns a registered batch.
   *
   * @param batchId the batch id; not null
   * @return the batch, or empty if not registered
   * @since 0.1
   */
  public synchronized Optional<Batch> batch(String batchId) {
    return Optional.ofNullable(registered.get(Objects.requireNonNull(batchId, "batchId")));
  }

  @Override
  public String name() {
    return "supplychain.batch_index";
  }

  @Override
  public synchronized void apply(RecordedEvent event) {
    Payload p = event.payload();
    switch (event.type()) {
      case "node.serial_registered" -> {
        Node n = node(event.streamId());
        Optional<String> batch = p.text("manufacturing.batch_id").or(() -> p.text("batch_id"));
        Optional<String> region = p.text("region");
        update(n, batch.orElse(null), region.orElse(null), null, null, null, false);
      }
      case "node.manufacturing_origin_recorded" ->
          p.text("batch_id")
              .ifPresent(b -> update(node(event.streamId()), b, null, null, null, null, false));
      case "node.firmware_baseline_captured" ->
          update(
              node(event.streamId()),
              null,
              null,
              null,
              p.text("version").orElse(null),
              p.text("digest").orElse(null),
              true);
      case "maintenance.firmware_updated" ->
          update(
              node(event.streamId()),
              null,
              null,
              null,
              p.text("to_version").orElse(null),
              p.text("digest").orElse(null),
              true);
      case "lifecycle.state_changed" -> {
        if ("hardware".equals(p.text("component_kind").orElse(null))) {
          p.text("to")
              .ifPresent(s -> update(node(event.streamId()), null, null, s, null, null, false));
        }
      }
      default -> {}
    }
  }

  private Node node(String id) {
    return nodes.computeIfAbsent(id, Node::new);
  }

  /** Moves a node out of its batch's counts, changes it, and back in. Null leaves a field. */
  private void update(
      Node n,
      @Nullable String batchId,
      @Nullable String region,
      @Nullable String state,
      @Nullable String firmware,
      @Nullable String digest,
      boolean setFirmware) {
    leave(n);
    if (batchId != null && (n.batch == null || !n.batch.id.equals(batchId))) {
      if (n.batch != null) {
        n.batch.members.remove(n);
      }
      n.batch = batches.computeIfAbsent(batchId, BatchNodes::new);
      n.batch.members.add(n);
    }
    if (region != null) {
      n.region =
          regionIds.computeIfAbsent(
              region,
              r -> {
                regionNames.add(r);
                return regionNames.size() - 1;
              });
    }
    if (state != null) {
      n.state = state;
    }
    if (setFirmware) {
      n.firmware = firmware;
      n.digest = digest;
      n.securityVersion = digest == null ? -1 : securityVersions.applyAsLong(digest);
      n.rank = firmware == null ? -1 : rank(firmware);
    }
    enter(n);
  }

  private void leave(Node n) {
    if (n.batch != null) {
      n.batch.dirty = true;
      if (n.active() && n.region >= 0) {
        n.batch.regionActive[n.region]--;
      }
    }
  }

  private void enter(Node n) {
    if (n.batch != null) {
      n.batch.dirty = true;
      if (n.active() && n.region >= 0) {
        if (n.region >= n.batch.regionActive.length) {
          n.batch.regionActive =
              Arrays.copyOf(n.batch.regionActive, Math.max(n.region + 1, 2 * n.region));
        }
        n.batch.regionActive[n.region]++;
      }
    }
  }

  /** The rank of a version text, adding it to the dictionary (and re-ranking) if new. */
  private int rank(String text) {
    Integer known = rankOf.get(text);
    if (known != null) {
      return known;
    }
    Version v;
    try {
      v = scheme.parse(text);
    } catch (VersionException e) {
      rankOf.put(text, -1);
      return -1;
    }
    int at = Collections.binarySearch(versions, v);
    if (at < 0) {
      versions.add(-at - 1, v);
      rankEpoch++;
      for (Map.Entry<String, Integer> e : rankOf.entrySet()) {
        if (e.getValue() >= -at - 1) {
          e.setValue(e.getValue() + 1);
        }
      }
      for (Node n : nodes.values()) {
        if (n.rank >= -at - 1) {
          n.rank++;
        }
      }
      at = -at - 1;
    }
    rankOf.put(text, at);
    return at;
  }

  private void rebuild(BatchNodes b) {
    if (!b.dirty && b.builtEpoch == rankEpoch) {
      return;
    }
    // Primitive keys (value + 1 in the high half, member index in the low half): a sort of longs,
    // ties in arrival order. Ranks and security versions are at most 2^31 - 1.
    List<Node> members = b.members;
    long[] byRank = new long[members.size()];
    long[] bySvn = new long[members.size()];
    int n = 0;
    for (int i = 0; i < members.size(); i++) {
      Node m = members.get(i);
      if (m.active()) {
        byRank[n] = ((long) (m.rank + 1) << 32) | i;
        bySvn[n++] = ((m.securityVersion + 1) << 32) | i;
      }
    }
    Arrays.sort(byRank, 0, n);
    Arrays.sort(bySvn, 0, n);
    b.byVersion = new Node[n];
    b.ranks = new int[n];
    b.bySecurity = new Node[n];
    b.securityVersions = new long[n];
    for (int i = 0; i < n; i++) {
      Node r = members.get((int) byRank[i]);
      b.byVersion[i] = r;
      b.ranks[i] = r.rank;
      Node s = members.get((int) bySvn[i]);
      b.bySecurity[i] = s;
      b.securityVersions[i] = s.securityVersion;
    }
    b.dirty = false;
    b.builtEpoch = rankEpoch;
  }

  /**
   * Answers a recall query.
   *
   * @param query the query; not null
   * @return the matching active nodes and their counts per region; empty for an unknown batch
   * @throws VersionException {@code MALFORMED_VERSION} if the query's firmware bound is not a
   *     version of the index's scheme
   * @since 0.1
   */
  public synchronized RecallResult recall(RecallQuery query) throws VersionException {
    Objects.requireNonNull(query, "query");
    BatchNodes b = batches.get(query.batchId());
    if (b == null) {
      return new RecallResult(query.batchId(), List.of(), Map.of());
    }
    rebuild(b);
    Node[] order;
    int end;
    long svnBound = query.securityVersionBelow();
    if (query.firmwareBelow() != null) {
      Version bound = scheme.parse(query.firmwareBelow());
      int at = Collections.binarySearch(versions, bound);
      int threshold = at >= 0 ? at : -at - 1;
      order = b.byVersion;
      end = lowerBound(b.ranks, threshold);
    } else if (svnBound >= 0) {
      order = b.bySecurity;
      end = lowerBound(b.securityVersions, svnBound);
      svnBound = -1; // the prefix is exact
    } else {
      order = b.byVersion;
      end = order.length;
    }
    List<String> ids = new ArrayList<>(end);
    int[] counts = new int[regionNames.size() + 1];
    for (int i = 0; i < end; i++) {
      Node n = order[i];
      if (svnBound >= 0 && n.securityVersion >= svnBound) {
        continue;
      }
      ids.add(n.id);
      counts[n.region + 1]++;
    }
    return new RecallResult(query.batchId(), ids, regionCounts(counts, 1));
  }

  /**
   * Returns the number of active nodes of a batch per region, kept up to date on every event.
   *
   * @param batchId the batch; not null
   * @return region to count (regions with none left out); empty for an unknown batch
   * @since 0.1
   */
  public synchronized Map<String, Integer> activeByRegion(String batchId) {
    BatchNodes b = batches.get(Objects.requireNonNull(batchId, "batchId"));
    if (b == null) {
      return Map.of();
    }
    return regionCounts(b.regionActive, 0);
  }

  /** counts[i + offset] is region i's; with offset 1, counts[0] is the unknown region's. */
  private Map<String, Integer> regionCounts(int[] counts, int offset) {
    Map<String, Integer> out = new TreeMap<>();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        out.put(i - offset < 0 ? UNKNOWN_REGION : regionNames.get(i - offset), counts[i]);
      }
    }
    return out;
  }

  private static int lowerBound(int[] a, int key) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static int lowerBound(long[] a, long key) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  @Override
  public synchronized Snapshot snapshot() {
    List<NodeRow> rows = new ArrayList<>(nodes.size());
    for (Node n : nodes.values()) {
      rows.add(
          new NodeRow(
              n.id,
              n.batch == null ? null : n.batch.id,
              n.region < 0 ? null : regionNames.get(n.region),
              n.state,
              n.firmware,
              n.digest,
              n.securityVersion));
    }
    rows.sort(Comparator.comparing(NodeRow::nodeId));
    return new Snapshot(List.copyOf(registered.values()), rows);
  }

  @Override
  public synchronized void restore(@Nullable Snapshot snapshot) {
    registered.clear();
    batches.clear();
    nodes.clear();
    regionIds.clear();
    regionNames.clear();
    versions.clear();
    rankOf.clear();
    rankEpoch++;
    if (snapshot == null) {
      return;
    }
    snapshot.batches().forEach(b -> registered.put(b.batchId(), b));
    for (NodeRow r : snapshot.nodes()) {
      Node n = node(r.nodeId());
      update(n, r.batchId(), r.region(), r.lifecycleState(), null, null, false);
      leave(n);
      n.firmware = r.firmwareVersion();
      n.digest = r.firmwareDigest();
      n.securityVersion = r.securityVersion();
      n.rank = n.firmware == null ? -1 : rank(n.firmware);
      enter(n);
    }
  }

  @Override
  public Snapshot merge(List<Snapshot> partials) {
    Map<String, Batch> batchUnion = new LinkedHashMap<>();
    List<NodeRow> rows = new ArrayList<>();
    for (Snapshot s : partials) {
      s.batches().forEach(b -> batchUnion.putIfAbsent(b.batchId(), b));
      rows.addAll(s.nodes());
    }
    rows.sort(Comparator.comparing(NodeRow::nodeId));
    return new Snapshot(List.copyOf(batchUnion.values()), rows);
  }
}
