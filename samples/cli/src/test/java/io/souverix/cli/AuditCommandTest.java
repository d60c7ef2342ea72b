package io.souverix.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.souverix.attestation.audit.AuditLog;
import io.souverix.attestation.audit.SignedTreeHead;
import io.souverix.lifecycle.spi.Signer;
import io.souverix.lifecycle.spi.SigningAlgorithm;
import io.souverix.lifecycle.time.ManualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code audit verify} section of ../shared/contracts/attestation.md, run in-process. */
class AuditCommandTest {
  private static KeyPair keys;
  private static KeyPair otherKeys;

  @TempDir Path dir;

  @BeforeAll
  static void generateKeys() throws Exception {
    keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    otherKeys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
  }

  /** Writes a log of 10 entries (a head every 4) with the API, and the public key; returns head. */
  private SignedTreeHead writeLog() throws Exception {
    Files.writeString(dir.resolve("key.pem"), AuditCommand.pem(keys.getPublic()));
    try (AuditLog log =
        AuditLog.newBuilder()
            .signer(Signer.inMemory(keys, SigningAlgorithm.ED25519))
            .clock(ManualClock.at(Instant.parse("2026-03-01T12:00:00Z")))
            .headEvery(4)
            .create(dir)) {
      for (int i = 0; i < 10; i++) {
        log.append(("event-" + i).getBytes(StandardCharsets.UTF_8));
      }
      return log.signTreeHead();
    }
  }

  private Cli.Result verify(Path log, Path key) {
    return Cli.run(
        "audit", "verify", "--log", log.toString(), "--public-key", key.toString(), "--json");
  }

  private Cli.Result verify() {
    return verify(dir, dir.resolve("key.pem"));
  }

  private Path file() {
    return dir.resolve(AuditLog.FILE_NAME);
  }

  private List<String> lines() throws Exception {
    return new ArrayList<>(Files.readAllLines(file()));
  }

  private void write(List<String> lines) throws Exception {
    Files.writeString(file(), String.join("\n", lines) + "\n");
  }

  @Test
  void verify_intactLog_exitsZeroWithSizeAndRoot() throws Exception {
    SignedTreeHead head = writeLog();
    Cli.Result r = verify();
    assertThat(r.exitCode()).isZero();
    JsonNode out = r.json();
    assertThat(out.size()).isEqualTo(4);
    assertThat(out.get("valid").asBoolean()).isTrue();
    assertThat(out.get("reason").asText()).isEqualTo("ok");
    assertThat(out.get("size").asLong()).isEqualTo(10);
    assertThat(out.get("root").asText()).isEqualTo(head.rootHex());
    // The file itself works as well as its directory.
    assertThat(verify(file(), dir.resolve("key.pem")).exitCode()).isZero();
  }

  @Test
  void verify_entryChanged_exitsOneNamingTheEntry() throws Exception {
    writeLog();
    List<String> lines = lines();
    int line = 0;
    while (!lines.get(line).contains("\"index\":5,")) {
      line++;
    }
    String forged = Base64.getEncoder().encodeToString("forged".getBytes(StandardCharsets.UTF_8));
    lines.set(
        line, lines.get(line).replaceAll("\"data\":\"[^\"]*\"", "\"data\":\"" + forged + "\""));
    write(lines);
    Cli.Result r = verify();
    assertThat(r.exitCode()).isEqualTo(1);
    JsonNode out = r.json();
    assertThat(out.get("valid").asBoolean()).isFalse();
    assertThat(out.get("reason").asText()).isEqualTo("ENTRY_HASH_MISMATCH");
    // size and root are those of the last head verified before the failure (size 4).
    assertThat(out.get("size").asLong()).isEqualTo(4);
    assertThat(out.get("root").asText()).hasSize(64);
    assertThat(r.err()).contains("ENTRY_HASH_MISMATCH: entry 5 (line ");
  }

  @Test
  void verify_headSignatureChanged_exitsOneNamingTheHead() throws Exception {
    writeLog();
    List<String> lines = lines();
    int seen = 0;
    int line = 0;
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).startsWith("{\"type\":\"head\"") && seen++ == 1) {
        line = i;
      }
    }
    String l = lines.get(line);
    int at = l.indexOf("\"signature\":\"") + "\"signature\":\"".length() + 5;
    char c = l.charAt(at);
    lines.set(line, l.substring(0, at) + (c == 'A' ? 'B' : 'A') + l.substring(at + 1));
    write(lines);
    Cli.Result r = verify();
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.json().get("reason").asText()).isEqualTo("HEAD_SIGNATURE_INVALID");
    assertThat(r.err()).contains("head 1 (line ");
  }

  @Test
  void verify_entryDeleted_exitsOne() throws Exception {
    writeLog();
    List<String> lines = lines();
    lines.removeIf(s -> s.contains("\"index\":2,"));
    write(lines);
    Cli.Result r = verify();
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.json().get("reason").asText()).isEqualTo("ENTRY_OUT_OF_ORDER");
    assertThat(r.err()).contains("entry 2");
  }

  @Test
  void verify_anotherPublicKey_exitsOne() throws Exception {
    writeLog();
    Path other =
        Files.writeString(dir.resolve("other.pem"), AuditCommand.pem(otherKeys.getPublic()));
    Cli.Result r = verify(dir, other);
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.json().get("reason").asText()).isEqualTo("HEAD_SIGNATURE_INVALID");
    assertThat(r.json().get("size").asLong()).isZero();
  }

  @Test
  void verify_unreadableInput_exitsTwo() throws Exception {
    writeLog();
    Cli.Result noLog = verify(dir.resolve("absent.jsonl"), dir.resolve("key.pem"));
    assertThat(noLog.exitCode()).isEqualTo(2);
    assertThat(noLog.json().get("reason").asText()).isEqualTo("UNREADABLE");

    Path notALog = Files.writeString(dir.resolve("x.json"), "{\"a\":1}\n");
    Cli.Result bad = verify(notALog, dir.resolve("key.pem"));
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.json().get("reason").asText()).isEqualTo("NOT_A_LOG");

    Path garbageKey = Files.writeString(dir.resolve("bad.pem"), "not a key");
    Cli.Result badKey = verify(dir, garbageKey);
    assertThat(badKey.exitCode()).isEqualTo(2);
    assertThat(badKey.json().get("reason").asText()).isEqualTo("UNREADABLE");
    assertThat(badKey.err()).contains("PUBLIC KEY");
  }

  @Test
  void verify_missingOption_exitsTwoWithTheContractObject() {
    Cli.Result r = Cli.run("audit", "verify", "--log", dir.toString(), "--json");
    assertThat(r.exitCode()).isEqualTo(2);
    JsonNode out = r.json();
    assertThat(out.size()).isEqualTo(4);
    assertThat(out.get("reason").asText()).isEqualTo("USAGE");
    assertThat(r.err()).contains("--public-key");
  }

  @Test
  void demo_thenVerify_isValid() {
    Cli.Result demo =
        Cli.run(
            "audit",
            "demo",
            "--dir",
            dir.toString(),
            "--entries",
            "25",
            "--alg",
            "ES256",
            "--json");
    assertThat(demo.exitCode()).isZero();
    JsonNode d = demo.json();
    Cli.Result r = verify(dir, dir.resolve("public-key.pem"));
    assertThat(r.exitCode()).isZero();
    assertThat(r.json().get("size").asLong()).isEqualTo(25);
    assertThat(r.json().get("root").asText()).isEqualTo(d.get("root").asText());
  }

  @Test
  void verify_withoutJson_printsOneLine() throws Exception {
    writeLog();
    Cli.Result r =
        Cli.run(
            "audit",
            "verify",
            "--log",
            dir.toString(),
            "--public-key",
            dir.resolve("key.pem").toString());
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("valid: 10 entries, root ");
  }
}
