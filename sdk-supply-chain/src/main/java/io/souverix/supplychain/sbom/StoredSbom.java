package io.souverix.supplychain.sbom;

import java.time.Instant;
import java.util.Objects;

/**
 * What an {@link SbomStore} keeps about one BOM besides its bytes.
 *
 * @param imageDigest the image digest the BOM describes, {@code sha256:HEX}
 * @param sbomHash {@code sha256:HEX}, the SHA-256 of the BOM's bytes exactly as stored
 * @param component the software component's stream id the image belongs to
 * @param storedAt when it was first stored (the store's clock)
 * @param specVersion the CycloneDX spec version the BOM declares
 * @param format JSON or XML
 * @param components the number of components, nested ones included
 * @since 0.1
 */
public record StoredSbom(
    String imageDigest,
    String sbomHash,
    String component,
    Instant storedAt,
    String specVersion,
    Sbom.Format format,
    int components) {
  /** Checks the members. */
  public StoredSbom {
    Objects.requireNonNull(imageDigest, "imageDigest");
    Objects.requireNonNull(sbomHash, "sbomHash");
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(storedAt, "storedAt");
    Objects.requireNonNull(specVersion, "specVersion");
    Objects.requireNonNull(format, "format");
  }
}
