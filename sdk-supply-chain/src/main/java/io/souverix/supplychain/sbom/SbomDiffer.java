package io.souverix.supplychain.sbom;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.souverix.lifecycle.internal.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
 *       licence sets are compared case-insensitively for every matched pair;
 *   <li>dependency edges compare as key-to-key sets, self-edges dropped.
 * </ul>
 *
 * @since 0.1
 */
public final class SbomDiffer {
  private SbomDiffer() {}

  /** One key+version of one BOM, duplicates merged. */
  private static final class Merged {
    final SbomComponent first;
    final Map<String, String> hashes = new LinkedHashMap<>();
    final Map<String, String> licences = new TreeMap<>();
    SbomDiff.@Nullable Supplier supplier;

    Merged(SbomComponent c) {
      this.first = c;
      add(c);
    }

    void add(SbomComponent c) {
      c.hashes().forEach(hashes::putIfAbsent);
      for (String l : c.licences()) {
        licences.putIfAbsent(l.toLowerCase(Locale.ROOT), l);
      }
      if (supplier == null) {
        supplier = supplier(c);
      }
    }

    List<String> licenceList() {
      return new ArrayList<>(new TreeSet<>(licences.values()));
    }
  }

  /** One side, indexed. */
  private static final class Side {
    final Map<String, Map<String, Merged>> byKey = new LinkedHashMap<>();
    final Set<List<String>> edges = new LinkedHashSet<>();

    /** Supplier names, lower-cased, to the name as first written and the keys naming it. */
    final Map<String, Map.Entry<String, Set<String>>> suppliers = new LinkedHashMap<>();

    int total;
    int keyedVersions;
    int unkeyed;

    Side(Sbom bom) {
      Map<String, String> refs = new HashMap<>();
      if (bom.metadataComponent() != null && bom.metadataComponent().bomRef() != null) {
        refs.put(bom.metadataComponent().bomRef(), bom.metadataComponent().key());
      }
      for (SbomComponent c : bom.components()) {
        total++;
        if (c.purl() == null && c.name().isEmpty()) {
          unkeyed++;
        }
        if (c.bomRef() != null) {
          refs.putIfAbsent(c.bomRef(), c.key());
        }
        if (c.supplier() != null && !c.supplier().isBlank()) {
          String name = c.supplier().strip();
          suppliers
              .computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> Map.entry(name, new TreeSet<>()))
              .getValue()
              .add(c.key());
        }
        Map<String, Merged> versions = byKey.computeIfAbsent(c.key(), k -> new LinkedHashMap<>());
        String v = c.version() == null ? "" : c.version();
        Merged m = versions.get(v);
        if (m == null) {
          versions.put(v, new Merged(c));
          keyedVersions++;
        } else {
          m.add(c);
        }
      }
      for (Sbom.Edge e : bom.dependencies()) {
        String from = refs.get(e.from());
        String to = refs.get(e.to());
        if (from != null && to != null && !from.equals(to)) {
          edges.add(List.of(from, to));
        }
      }
    }

    ObjectNode stats(Sbom bom) {
      ObjectNode n = Json.MAPPER.createObjectNode();
      n.put("specVersion", bom.specVersion());
      n.put("components_total", total);
      n.put("duplicates_collapsed", total - keyedVersions);
      n.put("keyed_versions", keyedVersions);
      n.put("keys", byKey.size());
      n.put("edges", edges.size());
      n.put("has_dependencies", !bom.dependencies().isEmpty());
      n.put("unkeyed", unkeyed);
      return n;
    }
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
    Side o = new Side(older);
    Side n = new Side(newer);
    List<SbomDiff.Entry> added = new ArrayList<>();
    List<SbomDiff.Entry> removed = new ArrayList<>();
    List<SbomDiff.VersionChange> versions = new ArrayList<>();
    List<SbomDiff.HashChange> hashes = new ArrayList<>();
    List<SbomDiff.LicenceChange> licences = new ArrayList<>();
    List<SbomDiff.SupplierChange> suppliers = new ArrayList<>();
    Set<String> keys = new LinkedHashSet<>(o.byKey.keySet());
    keys.addAll(n.byKey.keySet());
    for (String key : keys) {
      Map<String, Merged> ov = o.byKey.getOrDefault(key, Map.of());
      Map<String, Merged> nv = n.byKey.getOrDefault(key, Map.of());
      List<String> restOld = new ArrayList<>();
      for (String v : ov.keySet()) {
        if (nv.containsKey(v)) {
          Merged a = ov.get(v);
          Merged b = nv.get(v);
          hashChange(key, v, a, b, hashes);
          licenceChange(key, a, b, licences);
          supplierChange(key, a, b, suppliers);
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
      sortVersions(restOld);
      sortVersions(restNew);
      int paired = Math.min(restOld.size(), restNew.size());
      for (int i = 0; i < paired; i++) {
        String a = restOld.get(i);
        String b = restNew.get(i);
        versions.add(
            new SbomDiff.VersionChange(
                key, a, b, VersionOrder.direction(a, b).name().toLowerCase(Locale.ROOT)));
        licenceChange(key, ov.get(a), nv.get(b), licences);
        supplierChange(key, ov.get(a), nv.get(b), suppliers);
      }
      for (int i = paired; i < restOld.size(); i++) {
        removed.add(entry(ov.get(restOld.get(i))));
      }
      for (int i = paired; i < restNew.size(); i++) {
        added.add(entry(nv.get(restNew.get(i))));
      }
    }
    List<SbomDiff.NewSupplier> newSuppliers = new ArrayList<>();
    for (var e : n.suppliers.entrySet()) {
      if (!o.suppliers.containsKey(e.getKey())) {
        newSuppliers.add(
            new SbomDiff.NewSupplier(
                e.getValue().getKey(), new ArrayList<>(e.getValue().getValue())));
      }
    }
    List<List<String>> edgesAdded = new ArrayList<>();
    for (List<String> e : n.edges) {
      if (!o.edges.contains(e)) {
        edgesAdded.add(e);
      }
    }
    List<List<String>> edgesRemoved = new ArrayList<>();
    for (List<String> e : o.edges) {
      if (!n.edges.contains(e)) {
        edgesRemoved.add(e);
      }
    }
    ObjectNode extra = Json.MAPPER.createObjectNode();
    extra.set("old", o.stats(older));
    extra.set("new", n.stats(newer));
    ObjectNode meta = extra.putObject("metadata_component");
    meta.set("old", meta(older.metadataComponent()));
    meta.set("new", meta(newer.metadataComponent()));
    return new SbomDiff(
        added,
        removed,
        versions,
        hashes,
        licences,
        suppliers,
        newSuppliers,
        edgesAdded,
        edgesRemoved,
        extra);
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

  private static void sortVersions(List<String> versions) {
    Comparator<String> byOrder =
        (a, b) -> {
          Integer c = VersionOrder.compare(a, b);
          return c == null || c == 0 ? a.compareTo(b) : c;
        };
    try {
      versions.sort(byOrder);
    } catch (IllegalArgumentException e) {
      // The order is not total for this mix of version strings: fall back to plain text order.
      versions.sort(Comparator.naturalOrder());
    }
  }

  private static SbomDiff.Entry entry(Merged m) {
    SbomComponent c = m.first;
    return new SbomDiff.Entry(
        c.key(), c.version(), c.purl(), c.group(), c.name(), m.licenceList(), m.supplier);
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
    if (!sameSupplier(a.supplier, b.supplier)) {
      out.add(
          new SbomDiff.SupplierChange(
              key, a.first.version(), b.first.version(), a.supplier, b.supplier));
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
    Map<String, List<String>> changed = new TreeMap<>();
    for (var e : a.hashes.entrySet()) {
      String other = b.hashes.get(e.getKey());
      if (other != null && !other.equalsIgnoreCase(e.getValue())) {
        changed.put(e.getKey(), List.of(e.getValue(), other));
      }
    }
    if (!changed.isEmpty()) {
      out.add(new SbomDiff.HashChange(key, version.isEmpty() ? null : version, changed));
    }
  }

  private static void licenceChange(
      String key, Merged a, Merged b, List<SbomDiff.LicenceChange> out) {
    if (!new HashSet<>(a.licences.keySet()).equals(b.licences.keySet())) {
      out.add(
          new SbomDiff.LicenceChange(
              key, a.first.version(), b.first.version(), a.licenceList(), b.licenceList()));
    }
  }
}
