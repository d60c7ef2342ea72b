package io.souverix.supplychain.firmware;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The verified vendor manifests a fleet knows, by image digest: where the security version of an
 * image recorded in an event (which carries only its digest) comes from. Thread-safe.
 *
 * @since 0.1
 */
public final class FirmwareCatalog {
  private final Map<String, VerifiedFirmwareManifest> byDigest = new ConcurrentHashMap<>();

  private FirmwareCatalog() {}

  /**
   * Creates an empty catalogue.
   *
   * @return the catalogue
   * @since 0.1
   */
  public static FirmwareCatalog create() {
    return new FirmwareCatalog();
  }

  /**
   * Adds a verified manifest.
   *
   * @param manifest the manifest; only verified ones are accepted; not null
   * @since 0.1
   */
  public void add(VerifiedFirmwareManifest manifest) {
    Objects.requireNonNull(manifest, "manifest");
    byDigest.put(manifest.manifest().digest().toString(), manifest);
  }

  /**
   * Returns the manifest of an image.
   *
   * @param digest the digest text, {@code sha256:<hex>}; not null
   * @return the manifest, or empty if unknown
   * @since 0.1
   */
  public Optional<VerifiedFirmwareManifest> byDigest(String digest) {
    return Optional.ofNullable(byDigest.get(Objects.requireNonNull(digest, "digest")));
  }

  /**
   * Returns the security version of an image, for {@code BatchIndex.create}.
   *
   * @param digest the digest text; not null
   * @return the security version, or -1 if the image is unknown
   * @since 0.1
   */
  public long securityVersionOf(String digest) {
    VerifiedFirmwareManifest m = byDigest.get(Objects.requireNonNull(digest, "digest"));
    return m == null ? -1 : m.manifest().securityVersion();
  }
}
