package io.souverix.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The error paths of the `chain verify` contract (../shared/contracts/chain-verify.md); valid and
 * invalid chains are covered by the validator's tests and, black-box, by the x509-limbo run in
 * .ci/run.
 */
class ChainCommandTest {
  @TempDir Path dir;

  @Test
  void verify_missingLeafFile_exitsTwoWithUsageError() {
    Cli.Result r =
        Cli.run(
            "chain",
            "verify",
            "--roots",
            dir.resolve("roots.pem").toString(),
            "--leaf",
            dir.resolve("absent.pem").toString(),
            "--json");
    assertThat(r.exitCode()).isEqualTo(2);
    JsonNode out = r.json();
    assertThat(out.get("valid").asBoolean()).isFalse();
    assertThat(out.get("reason").asText()).startsWith("usage-error:");
  }

  @Test
  void verify_garbagePem_exitsTwoWithParseError() throws Exception {
    Path roots = Files.writeString(dir.resolve("roots.pem"), "not a certificate\n");
    Path leaf =
        Files.writeString(
            dir.resolve("leaf.pem"),
            "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
    Cli.Result r =
        Cli.run(
            "chain", "verify", "--roots", roots.toString(), "--leaf", leaf.toString(), "--json");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.json().get("reason").asText()).startsWith("parse-error:");
  }

  @Test
  void verify_batchWithABadLine_reportsItAndExitsZero() throws Exception {
    Path batch =
        Files.writeString(
            dir.resolve("cases.jsonl"),
            "{\"id\": \"one\", \"args\": [\"--roots\", \"/nonexistent/roots.pem\", \"--leaf\","
                + " \"/nonexistent/leaf.pem\"]}\n");
    Cli.Result r = Cli.run("chain", "verify", "--batch", batch.toString(), "--json");
    assertThat(r.exitCode()).isZero();
    JsonNode line = r.json();
    assertThat(line.get("id").asText()).isEqualTo("one");
    assertThat(line.get("exit").asInt()).isEqualTo(2);
    assertThat(line.get("reason").asText()).startsWith("usage-error:");
  }
}
