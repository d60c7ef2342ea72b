package io.souverix.supplychain.sbom;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A parsed and schema-validated CycloneDX BOM, reduced to what lifecycle tracking and diffing need:
 * its components (nested ones flattened, in document order) and dependency edges.
 *
 * @param specVersion the CycloneDX spec version the document declares, {@code 1.2} to {@code 1.6}
 * @param format the serialisation the document came in
 * @param metadataComponent the component the BOM describes ({@code metadata.component}), or null
 * @param components every component, nested ones included, in document order
 * @param dependencies dependency edges between {@code bom-ref}s, as the document lists them
 * @since 0.1
 */
public record Sbom(
    String specVersion,
    Format format,
    @Nullable SbomComponent metadataComponent,
    List<SbomComponent> components,
    List<Edge> dependencies) {

  /** The serialisation of a BOM. */
  public enum Format {
    /** CycloneDX JSON. */
    JSON,
    /** CycloneDX XML. */
    XML
  }

  /**
   * One {@code dependsOn} edge.
   *
   * @param from the {@code bom-ref} of the depending component
   * @param to the {@code bom-ref} of the component depended on
   * @since 0.1
   */
  public record Edge(String from, String to) {
    /** Checks the members. */
    public Edge {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
    }
  }

  /** Checks and copies the members. */
  public Sbom {
    Objects.requireNonNull(specVersion, "specVersion");
    Objects.requireNonNull(format, "format");
    components = List.copyOf(components);
    // The streaming reader's resolved edges are immutable already and must stay as they are.
    dependencies = dependencies instanceof RefEdges ? dependencies : List.copyOf(dependencies);
  }

  /**
   * The component the BOM describes.
   *
   * @return {@code metadata.component}, if the BOM has one
   * @since 0.1
   */
  public Optional<SbomComponent> describes() {
    return Optional.ofNullable(metadataComponent);
  }
}
