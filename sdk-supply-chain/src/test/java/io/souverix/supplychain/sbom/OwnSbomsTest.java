package io.souverix.supplychain.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import io.souverix.lifecycle.spi.Decision;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Diffs the CycloneDX BOMs of our own CLI (samples/cli) made by cyclonedx-maven-plugin 2.9.3 at two
 * commits (resources/own-sboms/commits.txt; regenerate with scripts/own-sboms.sh). Between them the
 * CLI gained the attestation, supply-chain and drift modules, so their dependencies were added;
 * sdk-core and the SQLite store changed code under the same 0.1.0-SNAPSHOT version, so their jar
 * hashes changed without a version change.
 */
class OwnSbomsTest {
  private static final String OLD = "own-sboms/cli-old.cdx.json";
  private static final String NEW = "own-sboms/cli-new.cdx.json";

  private static byte[] resource(String name) throws IOException {
    try (InputStream in =
        Objects.requireNonNull(OwnSbomsTest.class.getClassLoader().getResourceAsStream(name))) {
      return in.readAllBytes();
    }
  }

  private static SbomDiff diff() throws Exception {
    return SbomDiffer.diff(
        SbomParser.defaults().parse(resource(OLD)), SbomParser.defaults().parse(resource(NEW)));
  }

  @Test
  void diff_ownCliBoms_dependenciesOfNewModulesAdded() throws Exception {
    SbomDiff d = diff();

    assertThat(d.removed()).isEmpty();
    assertThat(d.versionChanged()).isEmpty();
    assertThat(d.added()).hasSize(58);
    assertThat(d.added())
        .extracting(e -> e.key() + "@" + e.version())
        .contains(
            "pkg:maven/io.souverix.lifecycle/sdk-supply-chain@0.1.0-SNAPSHOT",
            "pkg:maven/io.souverix.lifecycle/sdk-attestation@0.1.0-SNAPSHOT",
            "pkg:maven/org.cyclonedx/cyclonedx-core-java@12.2.0",
            "pkg:maven/dev.cel/cel@0.14.0",
            "pkg:maven/com.nimbusds/nimbus-jose-jwt@10.10");
    assertThat(d.edgesAdded())
        .contains(
            java.util.List.of(
                "pkg:maven/io.souverix.lifecycle/souverix-cli",
                "pkg:maven/io.souverix.lifecycle/sdk-supply-chain"));
  }

  @Test
  void diff_ownCliBoms_snapshotJarsRebuiltUnderSameVersion() throws Exception {
    SbomDiff d = diff();

    assertThat(d.hashChanged())
        .extracting(h -> h.key() + "@" + h.version())
        .containsExactly(
            "pkg:maven/io.souverix.lifecycle/sdk-core@0.1.0-SNAPSHOT",
            "pkg:maven/io.souverix.lifecycle/souverix-store-sqlite@0.1.0-SNAPSHOT");
  }

  @Test
  void gate_ownCliBoms_deniedOnlyForTheRebuiltSnapshots() throws Exception {
    Decision decision = SbomGate.builtIns().evaluate(diff());

    assertThat(decision.allow()).isFalse();
    assertThat(decision.reasons())
        .containsExactly(
            "no-hash-change-without-version-change: pkg:maven/io.souverix.lifecycle/sdk-core"
                + "@0.1.0-SNAPSHOT changed its MD5, SHA-1, SHA-256, SHA-384, SHA-512, SHA3-256,"
                + " SHA3-384, SHA3-512 hash with the same version",
            "no-hash-change-without-version-change:"
                + " pkg:maven/io.souverix.lifecycle/souverix-store-sqlite@0.1.0-SNAPSHOT changed"
                + " its MD5, SHA-1, SHA-256, SHA-384, SHA-512, SHA3-256, SHA3-384, SHA3-512 hash"
                + " with the same version");
  }

  @Test
  void read_ownCliBoms_streamingReaderAgreesWithParser() throws Exception {
    for (String f : new String[] {OLD, NEW}) {
      byte[] b = resource(f);
      assertThat(StreamingSbomReader.defaults().read(b)).isEqualTo(SbomParser.defaults().parse(b));
    }
  }
}
