package io.souverix.supplychain.sbom;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One component of a BOM, flattened out of any nesting, as the diff sees it.
 *
 * @param bomRef the component's {@code bom-ref}, or null
 * @param key the matching key: the normalised purl without version, or {@code gn:GROUP/NAME}
 * @param purl the purl as written, or null
 * @param group the group (or npm scope, Maven groupId), or null
 * @param name the name
 * @param version the version, or null when the BOM gives none
 * @param hashes hash values by algorithm, the algorithm spelt as in CycloneDX ({@code SHA-256})
 * @param licences licences: SPDX ids as is, named licences as {@code name:NAME}, expressions as is
 * @param supplier the supplier's name, or null
 * @param supplierUrls the supplier's URLs, in document order (empty when none)
 * @since 0.1
 */
public record SbomComponent(
    @Nullable String bomRef,
    String key,
    @Nullable String purl,
    @Nullable String group,
    String name,
    @Nullable String version,
    Map<String, String> hashes,
    List<String> licences,
    @Nullable String supplier,
    List<String> supplierUrls) {
  /** Checks and copies the members. */
  public SbomComponent {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(name, "name");
    hashes = Map.copyOf(hashes);
    licences = List.copyOf(licences);
    supplierUrls = List.copyOf(supplierUrls);
  }

  /**
   * A component without supplier URLs (the members of version 0.1).
   *
   * @param bomRef the component's {@code bom-ref}, or null
   * @param key the matching key
   * @param purl the purl as written, or null
   * @param group the group, or null
   * @param name the name
   * @param version the version, or null
   * @param hashes hash values by algorithm
   * @param licences licences
   * @param supplier the supplier's name, or null
   */
  public SbomComponent(
      @Nullable String bomRef,
      String key,
      @Nullable String purl,
      @Nullable String group,
      String name,
      @Nullable String version,
      Map<String, String> hashes,
      List<String> licences,
      @Nullable String supplier) {
    this(bomRef, key, purl, group, name, version, hashes, licences, supplier, List.of());
  }
}
