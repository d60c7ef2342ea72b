package io.souverix.supplychain.sbom;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates ../shared/vectors/cyclonedx (or -Dsouverix.vectors.cyclonedx); skips visibly without. */
final class Vectors {
  private Vectors() {}

  static Path cyclonedx() {
    String prop = System.getProperty("souverix.vectors.cyclonedx");
    Path dir =
        prop != null ? Path.of(prop) : Path.of("../../shared/vectors/cyclonedx").toAbsolutePath();
    if (!Files.isDirectory(dir)) {
      System.err.println("SKIPPED: CycloneDX vectors not found at " + dir.normalize());
    }
    assumeTrue(Files.isDirectory(dir), "CycloneDX vectors not found at " + dir.normalize());
    return dir.normalize();
  }
}
