package io.souverix.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code policy eval} section of ../shared/contracts/attestation.md, run in-process. */
class PolicyCommandTest {
  private static final String NODE =
      """
      {"node": {"serial": "SRV-0042", "site": "fra-1"},
       "firmware": {"version": "2.4.1", "signed": true, "signature_chain": ["vendor-root"]},
       "tpm": {"version": "2.0"},
       "hardware": {"cpu": {"cores": 32}, "memory_gib": 256.0},
       "security": {"secure_boot": false, "open_ports": [22, 443]}}
      """;

  @TempDir Path dir;
  Path input;

  @BeforeEach
  void writeInput() throws Exception {
    input = Files.writeString(dir.resolve("node.json"), NODE);
  }

  private Cli.Result eval(String policy) throws Exception {
    Path file = Files.writeString(dir.resolve("node.cel"), policy);
    return Cli.run(
        "policy", "eval", "--policy", file.toString(), "--input", input.toString(), "--json");
  }

  @Test
  void eval_policyTrue_exitsZeroAllow() throws Exception {
    Cli.Result r =
        eval(
            "input.firmware.signed && \"vendor-root\" in input.firmware.signature_chain\n"
                + "  && input.hardware.cpu.cores >= 16 && input.security.open_ports.all(p, p <"
                + " 1024)");
    assertThat(r.exitCode()).isZero();
    JsonNode out = r.json();
    assertThat(out.get("allow").asBoolean()).isTrue();
    assertThat(out.get("reason").asText()).isEqualTo("ok");
    assertThat(out.size()).isEqualTo(2);
  }

  @Test
  void eval_policyFalse_exitsOneDenyWithReason() throws Exception {
    Cli.Result r = eval("input.tpm.version == \"2.0\" && input.security.secure_boot");
    assertThat(r.exitCode()).isEqualTo(1);
    JsonNode out = r.json();
    assertThat(out.get("allow").asBoolean()).isFalse();
    assertThat(out.get("reason").asText()).contains("node.cel");
  }

  @Test
  void eval_policyDoesNotCompile_exitsTwoWithPosition() throws Exception {
    Cli.Result r = eval("input.tpm.version == \"2.0\" &&\n  input.tpm.(");
    assertThat(r.exitCode()).isEqualTo(2);
    JsonNode out = r.json();
    assertThat(out.get("allow").asBoolean()).isFalse();
    assertThat(out.get("reason").asText()).startsWith("COMPILE_ERROR: policy node.cel: 2:");
    assertThat(r.err()).contains("node.cel: 2:");
  }

  @Test
  void eval_undeclaredVariable_exitsTwoWithLineAndColumn() throws Exception {
    Cli.Result r = eval("input.firmware.signed && node.up");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.json().get("reason").asText())
        .isEqualTo(
            "COMPILE_ERROR: policy node.cel: 1:26: undeclared reference to 'node' (in container"
                + " '')");
  }

  @Test
  void eval_policyNotBoolean_exitsTwo() throws Exception {
    Cli.Result statically = eval("size(input.security.open_ports)");
    assertThat(statically.exitCode()).isEqualTo(2);
    assertThat(statically.json().get("reason").asText()).startsWith("NOT_BOOLEAN: ");
    Cli.Result dynamically = eval("input.hardware.cpu.cores");
    assertThat(dynamically.exitCode()).isEqualTo(2);
    assertThat(dynamically.json().get("reason").asText())
        .startsWith("NOT_BOOLEAN: ")
        .contains("int 32");
  }

  @Test
  void eval_missingField_exitsTwoWithPosition() throws Exception {
    Cli.Result r = eval("input.tpm.vendor == \"x\"");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.json().get("reason").asText())
        .startsWith("EVALUATION_ERROR: policy node.cel: 1:10: ")
        .contains("'vendor'");
  }

  @Test
  void eval_missingFieldGuardedWithHas_decides() throws Exception {
    Cli.Result r = eval("!has(input.tpm.vendor) || input.tpm.vendor == \"x\"");
    assertThat(r.exitCode()).isZero();
  }

  @Test
  void eval_unreadableInputOrBadJson_exitsTwo() throws Exception {
    Path file = Files.writeString(dir.resolve("p.cel"), "true");
    Cli.Result absent =
        Cli.run(
            "policy",
            "eval",
            "--policy",
            file.toString(),
            "--input",
            dir.resolve("absent.json").toString(),
            "--json");
    assertThat(absent.exitCode()).isEqualTo(2);
    assertThat(absent.json().get("reason").asText()).startsWith("UNREADABLE: ");
    Files.writeString(input, "[1, 2]");
    Cli.Result notObject = eval("true");
    assertThat(notObject.exitCode()).isEqualTo(2);
    assertThat(notObject.json().get("reason").asText()).startsWith("INVALID_INPUT: ");
  }

  @Test
  void eval_unknownEngine_exitsTwo() throws Exception {
    Path file = Files.writeString(dir.resolve("p.cel"), "true");
    Cli.Result r =
        Cli.run(
            "policy",
            "eval",
            "--policy",
            file.toString(),
            "--input",
            input.toString(),
            "--engine",
            "opa",
            "--json");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.json().get("allow").asBoolean()).isFalse();
  }
}
