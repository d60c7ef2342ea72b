package io.souverix.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The `sbom diff` and `sbom validate` contract (../shared/contracts/sbom-diff.md), in-process. */
class SbomCommandTest {
  private static final String MINIMAL =
      "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.4\",\"version\":1,\"components\":[%s]}";

  @TempDir Path dir;

  private Path bom(String name, String components) throws Exception {
    return Files.writeString(dir.resolve(name), String.format(MINIMAL, components));
  }

  private static String lib(String name, String version) {
    return String.format(
        "{\"type\":\"library\",\"name\":\"%s\",\"version\":\"%s\",\"purl\":\"pkg:npm/%s@%s\"}",
        name, version, name, version);
  }

  @Test
  void diff_twoBoms_printsTheContractJson() throws Exception {
    Path a = bom("a.json", lib("left-pad", "1.0.0") + "," + lib("gone", "2.0.0"));
    Path b = bom("b.json", lib("left-pad", "1.3.0") + "," + lib("fresh", "0.1.0"));
    Cli.Result r = Cli.run("sbom", "diff", a.toString(), b.toString(), "--json");
    assertThat(r.exitCode()).isZero();
    JsonNode out = r.json();
    assertThat(out.get("summary").get("added").asInt()).isEqualTo(1);
    assertThat(out.get("summary").get("removed").asInt()).isEqualTo(1);
    assertThat(out.get("summary").get("upgraded").asInt()).isEqualTo(1);
    assertThat(out.get("added").get(0).get("key").asText()).isEqualTo("pkg:npm/fresh");
    assertThat(out.get("removed").get(0).get("version").asText()).isEqualTo("2.0.0");
    JsonNode v = out.get("version_changed").get(0);
    assertThat(v.get("key").asText()).isEqualTo("pkg:npm/left-pad");
    assertThat(v.get("direction").asText()).isEqualTo("upgrade");
    for (String m :
        new String[] {"hash_changed", "license_changed", "edges_added", "edges_removed"}) {
      assertThat(out.get(m).isArray()).as(m).isTrue();
    }
  }

  @Test
  void diff_invalidInput_exitsTwoWithNothingOnStdout() throws Exception {
    Path a = bom("a.json", lib("x", "1"));
    Path bad = Files.writeString(dir.resolve("bad.json"), "{\"bomFormat\":\"SPDX\"}");
    Cli.Result r = Cli.run("sbom", "diff", a.toString(), bad.toString(), "--json");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("souverix: INPUT: NOT_CYCLONEDX");
  }

  @Test
  void diff_missingFile_exitsTwoWithNothingOnStdout() {
    Cli.Result r =
        Cli.run(
            "sbom",
            "diff",
            dir.resolve("no.json").toString(),
            dir.resolve("none.json").toString(),
            "--json");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
  }

  @Test
  void validate_schemaViolation_exitsOneWithEachReason() throws Exception {
    Path bad =
        Files.writeString(
            dir.resolve("bad.json"),
            "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.4\",\"version\":1,"
                + "\"components\":[{\"type\":\"no-such-type\",\"name\":\"x\"}]}");
    Cli.Result r = Cli.run("sbom", "validate", bad.toString(), "--json");
    assertThat(r.exitCode()).isEqualTo(1);
    JsonNode out = r.json();
    assertThat(out.get("valid").asBoolean()).isFalse();
    assertThat(out.get("code").asText()).isEqualTo("SCHEMA_INVALID");
    assertThat(out.get("problems").size()).isPositive();
  }

  @Test
  void validate_xmlWithDoctype_exitsOneWithoutResolvingEntities() throws Exception {
    Path xxe =
        Files.writeString(
            dir.resolve("xxe.xml"),
            "<?xml version=\"1.0\"?><!DOCTYPE bom [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.4\" version=\"1\">"
                + "<components><component type=\"library\"><name>&x;</name></component>"
                + "</components></bom>");
    Cli.Result r = Cli.run("sbom", "validate", xxe.toString(), "--json");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.json().get("code").asText()).isEqualTo("DOCTYPE_FORBIDDEN");
    assertThat(r.out()).doesNotContain("root:");
  }

  @Test
  void validate_missingFile_exitsTwo() {
    Cli.Result r = Cli.run("sbom", "validate", dir.resolve("absent.xml").toString());
    assertThat(r.exitCode()).isEqualTo(2);
  }

  @Test
  void validate_everySpecTest_exitsZeroForValidAndOneForInvalid() throws Exception {
    Path root =
        Path.of("../../../shared/vectors/cyclonedx/spec-tests").toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      System.err.println("SKIPPED: CycloneDX spec tests not found at " + root);
    }
    assumeTrue(Files.isDirectory(root), "CycloneDX spec tests not found at " + root);
    int checked = 0;
    for (String v : new String[] {"1.2", "1.6"}) {
      try (var files = Files.list(root.resolve(v))) {
        for (Path f : files.sorted().toList()) {
          String n = f.getFileName().toString();
          int want = n.startsWith("valid-") ? 0 : n.startsWith("invalid-") ? 1 : -1;
          if (want < 0) {
            continue;
          }
          assertThat(Cli.run("sbom", "validate", f.toString(), "--json").exitCode())
              .as(v + "/" + n)
              .isEqualTo(want);
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThan(200);
  }
}
