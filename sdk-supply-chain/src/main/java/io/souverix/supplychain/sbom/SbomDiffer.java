package io.souverix.supplychain.sbom;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.souverix.lifecycle.internal.Json;
import io.souverix.supplychain.version.VersionScheme;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Diffs two BOMs under the default matching rules (rules version {@value SbomDiff#RULES_VERSION},
 * stated in {@code docs/supply-chain.md}):
 *
 * <ul>
 *   <li>all components, nested ones included, are compared; {@code metadata.component} is not
 *       diffed but resolves dependency references;
 *   <li>components match by key: the purl without its version, normalised, else {@code
 *       gn:GROUP/NAME}; identical key and version pairs in one BOM merge;
 *   <li>under one key, equal versions pair first, the rest pair in version order as version
 *       changes, and leftovers are added or removed;
 *   <li>a hash change is reported only with an unchanged version and for algorithms on both sides;
 *       licence sets are compared case-insensitively for every matched pair, and so are suppliers
 *       (name case-insensitively, URLs as a set); supplier names of the new BOM that no old
 *       component names are listed as new suppliers;
 *   <li>dependency edges compare as key-to-key sets, self-edges dropped.
 * </ul>
 *
 * @since 0.1
 */
public final class SbomDiffer {
  private SbomDiffer() {}

  /**
   * One key+version of one BOM, duplicates merged. Lazy: a component without duplicates (nearly all
   * of them) allocates nothing beyond this object, and the merged views are built only when a
   * duplicate exists or a change is reported.
   */
  private static final class Merged {
    final SbomComponent first;
    final String version;
    @Nullable List<SbomComponent> more;

    Merged(SbomComponent c, String version) {
      this.first = c;
      this.version = version;
    }

    void add(SbomComponent c) {
      if (more == null) {
        more = new ArrayList<>(2);
      }
      more.add(c);
    }

    /** The first value per algorithm across the duplicates, in document order. */
    Map<String, String> hashes() {
      if (more == null) {
        return first.hashes();
      }
      Map<String, String> h = new HashMap<>(first.hashes());
      for (SbomComponent c : more) {
        c.hashes().forEach(h::putIfAbsent);
      }
      return h;
    }

    /** Lower-cased licence to its first spelling, across the duplicates. */
    Map<String, String> licences() {
      Map<String, String> l = new TreeMap<>();
      for (String x : first.licences()) {
        l.putIfAbsent(x.toLowerCase(Locale.ROOT), x);
      }
      if (more != null) {
        for (SbomComponent c : more) {
          for (String x : c.licences()) {
            l.putIfAbsent(x.toLowerCase(Locale.ROOT), x);
          }
        }
      }
      return l;
    }

    List<String> licenceList() {
      return new ArrayList<>(new TreeSet<>(licences().values()));
    }

    /** The first supplier named across the duplicates. */
    SbomDiff.@Nullable Supplier supplier() {
      SbomDiff.Supplier s = SbomDiffer.supplier(first);
      if (s == null && more != null) {
        for (SbomComponent c : more) {
          s = SbomDiffer.supplier(c);
          if (s != null) {
            break;
          }
        }
      }
      return s;
    }
  }

  /** One side, indexed. */
  private static final class Side {
    /**
     * By key id ({@link KeyIds}): a {@link Merged} (one version), a {@code LinkedHashMap<String,
     * Merged>} (several), or null (the key is not on this side).
     */
    final ArrayList<@Nullable Object> byKey = new ArrayList<>();

    int keys;

    /**
     * Distinct dependency edges as {@code fromId << 32 | toId}, ids from the shared {@link KeyIds},
     * sorted.
     */
    final long[] edges;

    /** Supplier names, lower-cased, to the name as first written. */
    final Map<String, String> suppliers = new HashMap<>();

    int total;
    int keyedVersions;
    int unkeyed;

    Side(Sbom bom, KeyIds ids) {
      List<SbomComponent> components = bom.components();
      int[] componentKey = new int[components.size()];
      byKey.ensureCapacity(ids.keys.size() + components.size());
      Set<String> rawSuppliers = new HashSet<>();
      SbomComponent meta = bom.metadataComponent();
      int metaKey = meta != null && meta.bomRef() != null ? ids.id(meta.key()) : -1;
      for (int i = 0; i < componentKey.length; i++) {
        SbomComponent c = components.get(i);
        total++;
        if (c.purl() == null && c.name().isEmpty()) {
          unkeyed++;
        }
        String raw = c.supplier();
        if (raw != null && !rawSuppliers.contains(raw)) {
          rawSuppliers.add(raw);
          if (!raw.isBlank()) {
            String name = raw.strip();
            suppliers.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
          }
        }
        String v = c.version() == null ? "" : c.version();
        int id = ids.id(c.key());
        componentKey[i] = id;
        while (byKey.size() <= id) {
          byKey.add(null);
        }
        Object slot = byKey.get(id);
        if (slot == null) {
          byKey.set(id, new Merged(c, v));
          keys++;
          keyedVersions++;
        } else if (slot instanceof Merged m) {
          if (m.version.equals(v)) {
            m.add(c);
          } else {
            Map<String, Merged> versions = new LinkedHashMap<>();
            versions.put(m.version, m);
            versions.put(v, new Merged(c, v));
            byKey.set(id, versions);
            keyedVersions++;
          }
        } else {
          @SuppressWarnings("unchecked")
          Map<String, Merged> versions = (Map<String, Merged>) slot;
          Merged m = versions.get(v);
          if (m == null) {
            versions.put(v, new Merged(c, v));
            keyedVersions++;
          } else {
            m.add(c);
          }
        }
      }
      edges = edges(bom, componentKey, metaKey);
    }

    /**
     * The key-to-key edges, self-edges and unresolved references dropped: references resolve to the
     * metadata component first, then to the first component with that {@code bom-ref}.
     */
    private static long[] edges(Sbom bom, int[] componentKey, int metaKey) {
      List<Sbom.Edge> deps = bom.dependencies();
      long[] out = new long[deps.size()];
      int n = 0;
      if (deps instanceof RefEdges r && r.resolves(bom)) {
        int[] refKey = r.refKeys(componentKey, metaKey); // resolved while reading: no hashing
        for (int e = 0; e < out.length; e++) {
          int from = refKey[r.from(e)];
          int to = refKey[r.to(e)];
          if (from >= 0 && to >= 0 && from != to) {
            out[n++] = ((long) from << 32) | to;
          }
        }
      } else {
        Map<String, Integer> refs = new HashMap<>(2 * componentKey.length + 2);
        if (metaKey >= 0) {
          refs.put(bom.metadataComponent().bomRef(), metaKey);
        }
        List<SbomComponent> components = bom.components();
        for (int i = 0; i < componentKey.length; i++) {
          String ref = components.get(i).bomRef();
          if (ref != null) {
            refs.putIfAbsent(ref, componentKey[i]);
          }
        }
        for (Sbom.Edge e : deps) {
          Integer from = refs.get(e.from());
          Integer to = refs.get(e.to());
          if (from != null && to != null && !from.equals(to)) {
            out[n++] = ((long) from << 32) | to;
          }
        }
      }
      Arrays.sort(out, 0, n);
      int distinct = 0;
      for (int i = 0; i < n; i++) {
        if (distinct == 0 || out[i] != out[distinct - 1]) {
          out[distinct++] = out[i];
        }
      }
      return Arrays.copyOf(out, distinct);
    }

    @Nullable Object slot(int id) {
      return id < byKey.size() ? byKey.get(id) : null;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Merged> versions(@Nullable Object slot) {
      if (slot == null) {
        return Map.of();
      }
      if (slot instanceof Merged m) {
        return Map.of(m.version, m);
      }
      return (Map<String, Merged>) slot;
    }

    ObjectNode stats(Sbom bom) {
      ObjectNode n = Json.MAPPER.createObjectNode();
      n.put("specVersion", bom.specVersion());
      n.put("components_total", total);
      n.put("duplicates_collapsed", total - keyedVersions);
      n.put("keyed_versions", keyedVersions);
      n.put("keys", keys);
      n.put("edges", edges.length);
      n.put("has_dependencies", !bom.dependencies().isEmpty());
      n.put("unkeyed", unkeyed);
      return n;
    }
  }

  /** Dense ids of the keys of both sides, for compact dependency edges. */
  private static final class KeyIds {
    final Map<String, Integer> ids;
    final List<String> keys;

    KeyIds(int expected) {
      ids = new HashMap<>(expected * 4 / 3 + 16);
      keys = new ArrayList<>(expected);
    }

    int id(String key) {
      Integer id = ids.get(key);
      if (id == null) {
        id = keys.size();
        ids.put(key, id);
        keys.add(key);
      }
      return id;
    }
  }

  /** The edges of {@code a} not in {@code b} (both sorted, distinct), as {@code [from, to]}. */
  private static List<List<String>> notIn(long[] a, long[] b, KeyIds ids) {
    List<List<String>> out = new ArrayList<>();
    int j = 0;
    for (long v : a) {
      while (j < b.length && b[j] < v) {
        j++;
      }
      if (j == b.length || b[j] != v) {
        out.add(List.of(ids.keys.get((int) (v >>> 32)), ids.keys.get((int) v)));
      }
    }
    return out;
  }

  /** The lists a diff collects. */
  private static final class Out {
    final List<SbomDiff.Entry> added = new ArrayList<>();
    final List<SbomDiff.Entry> removed = new ArrayList<>();
    final List<SbomDiff.VersionChange> versions = new ArrayList<>();
    final List<SbomDiff.HashChange> hashes = new ArrayList<>();
    final List<SbomDiff.LicenceChange> licences = new ArrayList<>();
    final List<SbomDiff.SupplierChange> suppliers = new ArrayList<>();
  }

  /**
   * Diffs two BOMs.
   *
   * @param older the BOM before; not null
   * @param newer the BOM after; not null
   * @return the diff
   * @since 0.1
   */
  public static SbomDiff diff(Sbom older, Sbom newer) {
    Objects.requireNonNull(older, "older");
    Objects.requireNonNull(newer, "newer");
    KeyIds ids = new KeyIds(older.components().size() + newer.components().size());
    Side o = new Side(older, ids);
    Side n = new Side(newer, ids);
    Out out = new Out();
    for (int id = 0; id < ids.keys.size(); id++) {
      Object a = o.slot(id);
      Object b = n.slot(id);
      if (a instanceof Merged ma && b instanceof Merged mb && ma.version.equals(mb.version)) {
        same(ids.keys.get(id), ma, mb, out); // the common case: one version each side, unchanged
      } else if (a != null || b != null) {
        key(ids.keys.get(id), Side.versions(a), Side.versions(b), out);
      }
    }
    List<SbomDiff.NewSupplier> newSuppliers = newSuppliers(o, n, newer);
    List<List<String>> edgesAdded = notIn(n.edges, o.edges, ids);
    List<List<String>> edgesRemoved = notIn(o.edges, n.edges, ids);
    ObjectNode extra = Json.MAPPER.createObjectNode();
    extra.set("old", o.stats(older));
    extra.set("new", n.stats(newer));
    ObjectNode meta = extra.putObject("metadata_component");
    meta.set("old", meta(older.metadataComponent()));
    meta.set("new", meta(newer.metadataComponent()));
    return new SbomDiff(
        out.added,
        out.removed,
        out.versions,
        out.hashes,
        out.licences,
        out.suppliers,
        newSuppliers,
        edgesAdded,
        edgesRemoved,
        extra);
  }

  /** Supplier names of the new BOM that no component of the old one has, with their keys. */
  private static List<SbomDiff.NewSupplier> newSuppliers(Side o, Side n, Sbom newer) {
    Map<String, Set<String>> keys = new LinkedHashMap<>();
    for (String lower : n.suppliers.keySet()) {
      if (!o.suppliers.containsKey(lower)) {
        keys.put(lower, new TreeSet<>());
      }
    }
    List<SbomDiff.NewSupplier> out = new ArrayList<>();
    if (keys.isEmpty()) {
      return out;
    }
    for (SbomComponent c : newer.components()) {
      if (c.supplier() != null && !c.supplier().isBlank()) {
        Set<String> k = keys.get(c.supplier().strip().toLowerCase(Locale.ROOT));
        if (k != null) {
          k.add(c.key());
        }
      }
    }
    keys.forEach(
        (lower, k) ->
            out.add(new SbomDiff.NewSupplier(n.suppliers.get(lower), new ArrayList<>(k))));
    return out;
  }

  /** A key with the same single version on both sides: hash, licence and supplier checks. */
  private static void same(String key, Merged a, Merged b, Out out) {
    hashChange(key, a.version, a, b, out.hashes);
    licenceChange(key, a, b, out.licences);
    supplierChange(key, a, b, out.suppliers);
  }

  /** The general case of one key: pairs versions, reports changes and leftovers. */
  private static void key(String key, Map<String, Merged> ov, Map<String, Merged> nv, Out out) {
    List<String> restOld = new ArrayList<>();
    for (String v : ov.keySet()) {
      if (nv.containsKey(v)) {
        same(key, ov.get(v), nv.get(v), out);
      } else {
        restOld.add(v);
      }
    }
    List<String> restNew = new ArrayList<>();
    for (String v : nv.keySet()) {
      if (!ov.containsKey(v)) {
        restNew.add(v);
      }
    }
    VersionScheme scheme = VersionOrder.scheme(key);
    VersionOrder.sort(scheme, restOld);
    VersionOrder.sort(scheme, restNew);
    int paired = Math.min(restOld.size(), restNew.size());
    for (int i = 0; i < paired; i++) {
      String a = restOld.get(i);
      String b = restNew.get(i);
      out.versions.add(
          new SbomDiff.VersionChange(
              key, a, b, VersionOrder.direction(scheme, a, b).name().toLowerCase(Locale.ROOT)));
      licenceChange(key, ov.get(a), nv.get(b), out.licences);
      supplierChange(key, ov.get(a), nv.get(b), out.suppliers);
    }
    for (int i = paired; i < restOld.size(); i++) {
      out.removed.add(entry(ov.get(restOld.get(i))));
    }
    for (int i = paired; i < restNew.size(); i++) {
      out.added.add(entry(nv.get(restNew.get(i))));
    }
  }

  private static com.fasterxml.jackson.databind.JsonNode meta(@Nullable SbomComponent c) {
    if (c == null) {
      return Json.MAPPER.nullNode();
    }
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("key", c.key());
    n.put("group", c.group());
    n.put("name", c.name());
    n.put("version", c.version());
    return n;
  }

  private static SbomDiff.Entry entry(Merged m) {
    SbomComponent c = m.first;
    return new SbomDiff.Entry(
        c.key(), c.version(), c.purl(), c.group(), c.name(), m.licenceList(), m.supplier());
  }

  private static SbomDiff.@Nullable Supplier supplier(SbomComponent c) {
    String name = c.supplier() == null || c.supplier().isBlank() ? null : c.supplier().strip();
    TreeSet<String> urls = new TreeSet<>();
    for (String u : c.supplierUrls()) {
      urls.add(u.strip());
    }
    if (name == null && urls.isEmpty()) {
      return null;
    }
    return new SbomDiff.Supplier(name, new ArrayList<>(urls));
  }

  private static void supplierChange(
      String key, Merged a, Merged b, List<SbomDiff.SupplierChange> out) {
    if (a.more == null
        && b.more == null
        && Objects.equals(a.first.supplier(), b.first.supplier())
        && a.first.supplierUrls().equals(b.first.supplierUrls())) {
      return; // written identically
    }
    SbomDiff.Supplier sa = a.supplier();
    SbomDiff.Supplier sb = b.supplier();
    if (!sameSupplier(sa, sb)) {
      out.add(new SbomDiff.SupplierChange(key, a.first.version(), b.first.version(), sa, sb));
    }
  }

  private static boolean sameSupplier(
      SbomDiff.@Nullable Supplier a, SbomDiff.@Nullable Supplier b) {
    if (a == null || b == null) {
      return a == b;
    }
    String an = a.name() == null ? null : a.name().toLowerCase(Locale.ROOT);
    String bn = b.name() == null ? null : b.name().toLowerCase(Locale.ROOT);
    return Objects.equals(an, bn) && a.urls().equals(b.urls());
  }

  private static void hashChange(
      String key, String version, Merged a, Merged b, List<SbomDiff.HashChange> out) {
    Map<String, String> bh = b.hashes();
    Map<String, List<String>> changed = null;
    for (var e : a.hashes().entrySet()) {
      String other = bh.get(e.getKey());
      if (other != null && !other.equals(e.getValue()) && !other.equalsIgnoreCase(e.getValue())) {
        if (changed == null) {
          changed = new TreeMap<>();
        }
        changed.put(e.getKey(), List.of(e.getValue(), other));
      }
    }
    if (changed != null) {
      out.add(new SbomDiff.HashChange(key, version.isEmpty() ? null : version, changed));
    }
  }

  private static void licenceChange(
      String key, Merged a, Merged b, List<SbomDiff.LicenceChange> out) {
    if (a.more == null && b.more == null && a.first.licences().equals(b.first.licences())) {
      return; // written identically
    }
    if (!a.licences().keySet().equals(b.licences().keySet())) {
      out.add(
          new SbomDiff.LicenceChange(
              key, a.first.version(), b.first.version(), a.licenceList(), b.licenceList()));
    }
  }
}
