package io.souverix.supplychain.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.souverix.lifecycle.internal.CanonicalJson;
import io.souverix.lifecycle.internal.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The difference between two BOMs under the default matching rules (see {@link SbomDiffer}), with
 * every list in a stable order. {@link #toJson()} gives the documented JSON form.
 *
 * @since 0.1
 */
public final class SbomDiff {
  /** The version of the matching rules this diff follows. */
  public static final int RULES_VERSION = 1;

  /**
   * A component present on one side only. Its JSON form in {@code added} / {@code removed} is the
   * contract's five members; licences and supplier of added components are in {@code
   * added_details}.
   *
   * @param key the matching key
   * @param version the version, or null
   * @param purl the purl as written, or null
   * @param group the group, or null
   * @param name the name
   * @param licences the licences (duplicates merged), sorted
   * @param supplier the supplier, or null when the BOM names none
   * @since 0.1
   */
  public record Entry(
      String key,
      @Nullable String version,
      @Nullable String purl,
      @Nullable String group,
      String name,
      List<String> licences,
      @Nullable Supplier supplier) {
    /** Copies the members. */
    public Entry {
      licences = List.copyOf(licences);
    }
  }

  /**
   * A component's supplier ({@code supplier} of CycloneDX: an organisation's name and URLs).
   *
   * @param name the name, or null
   * @param urls the URLs, sorted, without duplicates
   * @since 0.1
   */
  public record Supplier(@Nullable String name, List<String> urls) {
    /** Copies the members. */
    public Supplier {
      urls = List.copyOf(urls);
    }
  }

  /**
   * A matched component whose supplier changed: the name (compared case-insensitively, blanks
   * trimmed) or the set of URLs differ, or one side names no supplier.
   *
   * @param key the matching key
   * @param oldVersion the version before
   * @param newVersion the version after
   * @param oldSupplier the supplier before, or null
   * @param newSupplier the supplier after, or null
   * @since 0.1
   */
  public record SupplierChange(
      String key,
      @Nullable String oldVersion,
      @Nullable String newVersion,
      @Nullable Supplier oldSupplier,
      @Nullable Supplier newSupplier) {}

  /**
   * A supplier name found in the new BOM and in no component of the old one.
   *
   * @param name the supplier's name as the new BOM first writes it
   * @param keys the keys of the new BOM's components with that supplier, sorted
   * @since 0.1
   */
  public record NewSupplier(String name, List<String> keys) {
    /** Copies the members. */
    public NewSupplier {
      keys = List.copyOf(keys);
    }
  }

  /**
   * A component whose version changed.
   *
   * @param key the matching key
   * @param oldVersion the version before
   * @param newVersion the version after
   * @param direction {@code upgrade}, {@code downgrade} or {@code unknown}
   * @since 0.1
   */
  public record VersionChange(String key, String oldVersion, String newVersion, String direction) {}

  /**
   * A component whose hash changed while its version did not.
   *
   * @param key the matching key
   * @param version the unchanged version
   * @param algorithms for each algorithm present on both sides with different values: old, new
   * @since 0.1
   */
  public record HashChange(
      String key, @Nullable String version, Map<String, List<String>> algorithms) {
    /** Copies the members. */
    public HashChange {
      algorithms = Map.copyOf(algorithms);
    }
  }

  /**
   * A matched component whose licence set changed (compared case-insensitively).
   *
   * @param key the matching key
   * @param oldVersion the version before
   * @param newVersion the version after
   * @param oldLicences the licences before, sorted
   * @param newLicences the licences after, sorted
   * @since 0.1
   */
  public record LicenceChange(
      String key,
      @Nullable String oldVersion,
      @Nullable String newVersion,
      List<String> oldLicences,
      List<String> newLicences) {
    /** Copies the members. */
    public LicenceChange {
      oldLicences = List.copyOf(oldLicences);
      newLicences = List.copyOf(newLicences);
    }
  }

  private final ObjectNode json;
  private final List<Entry> added;
  private final List<Entry> removed;
  private final List<VersionChange> versionChanged;
  private final List<HashChange> hashChanged;
  private final List<LicenceChange> licenceChanged;
  private final List<SupplierChange> supplierChanged;
  private final List<NewSupplier> suppliersAdded;
  private final List<List<String>> edgesAdded;
  private final List<List<String>> edgesRemoved;

  SbomDiff(
      List<Entry> added,
      List<Entry> removed,
      List<VersionChange> versionChanged,
      List<HashChange> hashChanged,
      List<LicenceChange> licenceChanged,
      List<SupplierChange> supplierChanged,
      List<NewSupplier> suppliersAdded,
      List<List<String>> edgesAdded,
      List<List<String>> edgesRemoved,
      ObjectNode extra) {
    ObjectNode o = extra.deepCopy();
    this.added = sorted(added, SbomDiff::entry, o.putArray("added"));
    this.removed = sorted(removed, SbomDiff::entry, o.putArray("removed"));
    this.versionChanged = sorted(versionChanged, SbomDiff::version, o.putArray("version_changed"));
    this.hashChanged = sorted(hashChanged, SbomDiff::hash, o.putArray("hash_changed"));
    this.licenceChanged = sorted(licenceChanged, SbomDiff::licence, o.putArray("license_changed"));
    this.supplierChanged =
        sorted(supplierChanged, SbomDiff::supplierChange, o.putArray("supplier_changed"));
    this.suppliersAdded =
        sorted(suppliersAdded, SbomDiff::newSupplier, o.putArray("suppliers_added"));
    ArrayNode details = o.putArray("added_details");
    this.added.forEach(e -> details.add(detail(e)));
    this.edgesAdded = sorted(edgesAdded, SbomDiff::edge, o.putArray("edges_added"));
    this.edgesRemoved = sorted(edgesRemoved, SbomDiff::edge, o.putArray("edges_removed"));
    ObjectNode s = o.putObject("summary");
    s.put("added", this.added.size());
    s.put("removed", this.removed.size());
    s.put("version_changed", this.versionChanged.size());
    s.put("upgraded", count("upgrade"));
    s.put("downgraded", count("downgrade"));
    s.put("version_direction_unknown", count("unknown"));
    s.put("hash_changed", this.hashChanged.size());
    s.put("license_changed", this.licenceChanged.size());
    s.put("edges_added", this.edgesAdded.size());
    s.put("edges_removed", this.edgesRemoved.size());
    o.put("rules_version", RULES_VERSION);
    this.json = o;
  }

  private long count(String direction) {
    return versionChanged.stream().filter(v -> v.direction().equals(direction)).count();
  }

  /** Sorts items by the canonical JSON of each, and appends that JSON to {@code target}. */
  private static <T> List<T> sorted(
      List<T> items, java.util.function.Function<T, JsonNode> toJson, ArrayNode target) {
    record Row<T>(String text, JsonNode node, T item) {}
    List<Row<T>> rows = new ArrayList<>();
    for (T t : items) {
      JsonNode n = toJson.apply(t);
      rows.add(new Row<>(CanonicalJson.write(n), n, t));
    }
    rows.sort(Comparator.comparing(Row::text));
    List<T> out = new ArrayList<>();
    for (Row<T> r : rows) {
      target.add(r.node());
      out.add(r.item());
    }
    return List.copyOf(out);
  }

  private static JsonNode entry(Entry e) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("key", e.key());
    n.put("version", e.version());
    n.put("purl", e.purl());
    n.put("group", e.group());
    n.put("name", e.name());
    return n;
  }

  private static JsonNode detail(Entry e) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("key", e.key());
    n.put("version", e.version());
    e.licences().forEach(n.putArray("licenses")::add);
    n.set("supplier", supplier(e.supplier()));
    return n;
  }

  private static JsonNode supplier(@Nullable Supplier s) {
    if (s == null) {
      return Json.MAPPER.nullNode();
    }
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("name", s.name());
    s.urls().forEach(n.putArray("urls")::add);
    return n;
  }

  private static JsonNode supplierChange(SupplierChange c) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("key", c.key());
    n.put("old_version", c.oldVersion());
    n.put("new_version", c.newVersion());
    n.set("old", supplier(c.oldSupplier()));
    n.set("new", supplier(c.newSupplier()));
    return n;
  }

  private static JsonNode newSupplier(NewSupplier s) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("name", s.name());
    s.keys().forEach(n.putArray("keys")::add);
    return n;
  }

  private static JsonNode version(VersionChange v) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("key", v.key());
    n.put("old_version", v.oldVersion());
    n.put("new_version", v.newVersion());
    n.put("direction", v.direction());
    return n;
  }

  private static JsonNode hash(HashChange h) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("key", h.key());
    n.put("version", h.version());
    ObjectNode a = n.putObject("algorithms");
    h.algorithms().forEach((alg, v) -> a.putObject(alg).put("old", v.get(0)).put("new", v.get(1)));
    return n;
  }

  private static JsonNode licence(LicenceChange l) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("key", l.key());
    n.put("old_version", l.oldVersion());
    n.put("new_version", l.newVersion());
    l.oldLicences().forEach(n.putArray("old")::add);
    l.newLicences().forEach(n.putArray("new")::add);
    return n;
  }

  private static JsonNode edge(List<String> e) {
    ArrayNode a = Json.MAPPER.createArrayNode();
    e.forEach(a::add);
    return a;
  }

  /**
   * Components only in the new BOM, sorted.
   *
   * @return the added components
   * @since 0.1
   */
  public List<Entry> added() {
    return added;
  }

  /**
   * Components only in the old BOM, sorted.
   *
   * @return the removed components
   * @since 0.1
   */
  public List<Entry> removed() {
    return removed;
  }

  /**
   * Matched components whose version changed, sorted.
   *
   * @return the version changes
   * @since 0.1
   */
  public List<VersionChange> versionChanged() {
    return versionChanged;
  }

  /**
   * Components whose hash changed with an unchanged version (a red flag), sorted.
   *
   * @return the hash changes
   * @since 0.1
   */
  public List<HashChange> hashChanged() {
    return hashChanged;
  }

  /**
   * Matched components whose licences changed, sorted.
   *
   * @return the licence changes
   * @since 0.1
   */
  public List<LicenceChange> licenceChanged() {
    return licenceChanged;
  }

  /**
   * Matched components whose supplier changed, sorted.
   *
   * @return the supplier changes
   * @since 0.1
   */
  public List<SupplierChange> supplierChanged() {
    return supplierChanged;
  }

  /**
   * Supplier names of the new BOM found in no component of the old BOM, sorted.
   *
   * @return the new suppliers with the components that name them
   * @since 0.1
   */
  public List<NewSupplier> suppliersAdded() {
    return suppliersAdded;
  }

  /**
   * Dependency edges {@code [fromKey, toKey]} only in the new BOM, sorted.
   *
   * @return the added edges
   * @since 0.1
   */
  public List<List<String>> edgesAdded() {
    return edgesAdded;
  }

  /**
   * Dependency edges {@code [fromKey, toKey]} only in the old BOM, sorted.
   *
   * @return the removed edges
   * @since 0.1
   */
  public List<List<String>> edgesRemoved() {
    return edgesRemoved;
  }

  /**
   * Whether the two BOMs are the same under the matching rules.
   *
   * @return true when every list is empty
   * @since 0.1
   */
  public boolean isEmpty() {
    return added.isEmpty()
        && removed.isEmpty()
        && versionChanged.isEmpty()
        && hashChanged.isEmpty()
        && licenceChanged.isEmpty()
        && supplierChanged.isEmpty()
        && edgesAdded.isEmpty()
        && edgesRemoved.isEmpty();
  }

  /**
   * The diff as one JSON object, members sorted (RFC 8785), in the schema of {@code
   * docs/supply-chain.md}.
   *
   * @return the JSON text, on one line
   * @since 0.1
   */
  public String toJson() {
    return CanonicalJson.write(json);
  }

  /**
   * A short readable summary, one line per kind of change.
   *
   * @return the summary text
   * @since 0.1
   */
  public String summaryText() {
    JsonNode s = json.get("summary");
    return String.format(
        Locale.ROOT,
        "added %d, removed %d%nversion changed %d (upgraded %d, downgraded %d, unknown %d)%n"
            + "hash changed with the same version %d%nlicence changed %d%n"
            + "supplier changed %d, new suppliers %d%n"
            + "dependency edges added %d, removed %d%n",
        s.get("added").asInt(),
        s.get("removed").asInt(),
        s.get("version_changed").asInt(),
        s.get("upgraded").asInt(),
        s.get("downgraded").asInt(),
        s.get("version_direction_unknown").asInt(),
        s.get("hash_changed").asInt(),
        s.get("license_changed").asInt(),
        supplierChanged.size(),
        suppliersAdded.size(),
        s.get("edges_added").asInt(),
        s.get("edges_removed").asInt());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SbomDiff d && d.toJson().equals(toJson());
  }

  @Override
  public int hashCode() {
    return Objects.hash(toJson());
  }

  @Override
  public String toString() {
    return "SbomDiff" + json.get("summary");
  }
}
