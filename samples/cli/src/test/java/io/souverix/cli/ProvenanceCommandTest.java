package io.souverix.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The `provenance verify-bundle` contract (../shared/contracts/provenance.md), in-process. */
class ProvenanceCommandTest {
  private static final Path DIR =
      Path.of("../../../shared/vectors/sigstore").toAbsolutePath().normalize();

  @TempDir Path tmp;

  private static String v(String rel) {
    return DIR.resolve(rel).toString();
  }

  private static void assumeVectors() {
    assumeTrue(Files.isDirectory(DIR), "Sigstore vectors not found at " + DIR);
  }

  private static final String PROD =
      "trusted_roots/production_trusted_root.sigstore-java-v2.0.0.json";

  @Test
  void verifyBundle_validKeylessWithIdentity_exitsZeroWithContractJson() {
    assumeVectors();
    Cli.Result r =
        Cli.run(
            "provenance",
            "verify-bundle",
            "--bundle",
            v("sigstore-java/bundles/bundle.sigstore"),
            "--artifact",
            v("sigstore-java/bundles/artifact.txt"),
            "--trusted-root",
            v(PROD),
            "--identity",
            "appu@google.com",
            "--issuer",
            "https://accounts.google.com",
            "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode o = r.json();
    assertThat(o.get("valid").asBoolean()).isTrue();
    assertThat(o.get("reason").asText()).isEqualTo("ok");
    assertThat(o.get("identity").asText()).isEqualTo("appu@google.com");
    assertThat(o.get("issuer").asText()).isEqualTo("https://accounts.google.com");
    assertThat(o.get("signed_at").asText()).endsWith("Z");
  }

  @Test
  void verifyBundle_byDigest_exitsZero() {
    assumeVectors();
    Cli.Result r =
        Cli.run(
            "provenance",
            "verify-bundle",
            "--bundle",
            v("sigstore-java/bundles/bundle.dsse.sigstore"),
            "--digest",
            "sha256:a0cfc71271d6e278e57cd332ff957c3f7043fdda354c4cbb190a30d56efa01bf",
            "--trusted-root",
            v(PROD),
            "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
  }

  @Test
  void verifyBundle_wrongIdentity_exitsOne() {
    assumeVectors();
    Cli.Result r =
        Cli.run(
            "provenance",
            "verify-bundle",
            "--bundle",
            v("sigstore-java/bundles/bundle.sigstore"),
            "--artifact",
            v("sigstore-java/bundles/artifact.txt"),
            "--trusted-root",
            v(PROD),
            "--identity",
            "mallory@example.com",
            "--issuer",
            "https://accounts.google.com",
            "--json");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.json().get("valid").asBoolean()).isFalse();
    assertThat(r.json().get("reason").asText()).isEqualTo("identity-mismatch");
  }

  @Test
  void verifyBundle_tamperedBundle_exitsOne() {
    assumeVectors();
    Cli.Result r =
        Cli.run(
            "provenance",
            "verify-bundle",
            "--bundle",
            v("sigstore-java/bundles/bundle-with-mismatched-set.sigstore"),
            "--artifact",
            v("sigstore-java/bundles/artifact.txt"),
            "--trusted-root",
            v(PROD),
            "--json");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.json().get("reason").asText()).isEqualTo("tlog-invalid");
  }

  @Test
  void verifyBundle_unreadableBundle_exitsTwoWithParseError() throws Exception {
    assumeVectors();
    Path bad = Files.writeString(tmp.resolve("bad.json"), "{\"mediaType\":\"nope\"}");
    Cli.Result r =
        Cli.run(
            "provenance",
            "verify-bundle",
            "--bundle",
            bad.toString(),
            "--artifact",
            v("sigstore-java/bundles/artifact.txt"),
            "--trusted-root",
            v(PROD),
            "--json");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.json().get("reason").asText()).isEqualTo("parse-error");
    assertThat(r.err()).startsWith("souverix: INPUT: BUNDLE_UNREADABLE");
  }

  @Test
  void verifyBundle_identityWithoutIssuer_usageError() {
    Cli.Result r =
        Cli.run(
            "provenance",
            "verify-bundle",
            "--bundle",
            "b.json",
            "--artifact",
            "a",
            "--trusted-root",
            "r.json",
            "--identity",
            "x@example.com");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("USAGE");
  }

  @Test
  void verifyBundle_artifactAndDigest_usageError() {
    Cli.Result r =
        Cli.run(
            "provenance",
            "verify-bundle",
            "--bundle",
            "b.json",
            "--artifact",
            "a",
            "--digest",
            "sha256:00",
            "--trusted-root",
            "r.json");
    assertThat(r.exitCode()).isEqualTo(2);
  }

  @Test
  void verifyBundle_everyManifestCase_exitCodeMatchesExpected() throws Exception {
    assumeVectors();
    JsonNode cases = Json.MAPPER.readTree(DIR.resolve("MANIFEST.json").toFile()).get("cases");
    int checked = 0;
    for (JsonNode c : cases) {
      String expected = c.get("expected").asText();
      if (!expected.equals("pass") && !expected.equals("fail")) {
        continue;
      }
      Cli.Result r =
          Cli.run(
              "provenance",
              "verify-bundle",
              "--bundle",
              v(c.get("bundle").asText()),
              "--artifact",
              v(c.get("artifact").asText()),
              "--trusted-root",
              v(c.get("trusted_root").asText()),
              "--json");
      assertThat(r.exitCode() == 0 ? "pass" : "fail")
          .as(c.get("id").asText() + " " + r.out())
          .isEqualTo(expected);
      checked++;
    }
    assertThat(checked).isPositive();
  }
}
