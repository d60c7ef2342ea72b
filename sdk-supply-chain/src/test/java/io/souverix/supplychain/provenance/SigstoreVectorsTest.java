package io.souverix.supplychain.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.souverix.lifecycle.internal.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs every case of {@code ../shared/vectors/sigstore/MANIFEST.json} through {@link
 * ProvenanceVerifier} in process, as {@code provenance verify-bundle} would, and requires at least
 * 95% agreement; every disagreement is listed.
 */
class SigstoreVectorsTest {
  /**
   * Cases whose upstream test only reads the bundle: sigstore-java's BundleReaderTest asserts that
   * the four bundles without an inclusion proof are rejected while reading ("Could not find an
   * inclusion proof") and that bundle.v3_1 reads; a read failure is an invalid verdict here.
   */
  private static final Map<String, String> PARSE_ONLY =
      Map.of(
          "sigstore-java/bundle.v1.no.inclusion.sigstore", "fail",
          "sigstore-java/bundle.v2.no.inclusion.sigstore", "fail",
          "sigstore-java/bundle.v3.no.inclusion.sigstore", "fail",
          "sigstore-java/bundle.v3_1.no.inclusion.sigstore", "fail",
          "sigstore-java/bundle.v3_1.sigstore", "pass");

  static Path vectors() {
    String p = System.getProperty("souverix.sigstore.vectors");
    return (p != null ? Path.of(p) : Path.of("../../shared/vectors/sigstore"))
        .toAbsolutePath()
        .normalize();
  }

  @Test
  void manifest_everyCase_agreesOnAtLeast95Percent() throws Exception {
    Path dir = vectors();
    Path manifest = dir.resolve("MANIFEST.json");
    if (!Files.isRegularFile(manifest)) {
      System.err.println("SKIPPED: Sigstore vectors not found at " + manifest);
    }
    assumeTrue(Files.isRegularFile(manifest), "Sigstore vectors not found at " + manifest);
    JsonNode cases = Json.MAPPER.readTree(manifest.toFile()).get("cases");
    List<String> disagreements = new ArrayList<>();
    int agree = 0;
    for (JsonNode c : cases) {
      String id = c.get("id").asText();
      String expected = c.get("expected").asText();
      if (expected.equals("parse-only")) {
        expected = PARSE_ONLY.getOrDefault(id, "pass");
      }
      ProvenanceResult r = run(dir, c);
      String got = r != null && r.valid() ? "pass" : "fail";
      if (got.equals(expected)) {
        agree++;
      } else {
        disagreements.add(
            id + ": expected " + expected + ", got " + (r == null ? "parse-error" : r));
      }
    }
    int total = cases.size();
    System.out.printf(
        "sigstore vectors: %d of %d agree; disagreements: %s%n", agree, total, disagreements);
    assertThat(agree * 100)
        .as("disagreements: %s", disagreements)
        .isGreaterThanOrEqualTo(95 * total);
  }

  /** Verifies one case; null when the bundle, root or key is unreadable (parse-error). */
  static ProvenanceResult run(Path dir, JsonNode c) throws Exception {
    try {
      SigstoreBundle bundle = SigstoreBundle.from(dir.resolve(c.get("bundle").asText()));
      TrustedRoot root = TrustedRoot.from(dir.resolve(c.get("trusted_root").asText()));
      ProvenanceVerifier.Builder b = ProvenanceVerifier.newBuilder().trustedRoot(root);
      if (c.path("key").isTextual()) {
        b.publicKey(PublicKeys.fromPem(Files.readString(dir.resolve(c.get("key").asText()))));
      } else if (c.path("identity").isTextual() && c.path("issuer").isTextual()) {
        b.identity(IdentityPolicy.exact(c.get("identity").asText(), c.get("issuer").asText()));
      } else {
        b.identity(IdentityPolicy.anyIdentity());
      }
      return b.build().verify(bundle, Files.readAllBytes(dir.resolve(c.get("artifact").asText())));
    } catch (ProvenanceException e) {
      return null;
    }
  }
}
