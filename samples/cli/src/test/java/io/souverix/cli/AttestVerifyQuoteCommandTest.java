package io.souverix.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code attest verify-quote} section of ../shared/contracts/attestation.md, run in-process on
 * the swtpm quotes that scripts/tpm-fixtures.sh wrote into sdk-attestation's test resources.
 */
class AttestVerifyQuoteCommandTest {
  private static final Path FIXTURES =
      Path.of("../../sdk-attestation/src/test/resources/io/souverix/attestation/tpm")
          .toAbsolutePath()
          .normalize();

  private static String nonce;

  @TempDir Path dir;

  @BeforeAll
  static void readNonce() throws Exception {
    nonce = Files.readString(FIXTURES.resolve("nonce.hex")).strip();
  }

  private static Path fixture(String name) {
    return FIXTURES.resolve(name);
  }

  private static List<String> args(String ak, String quote, String... extra) {
    List<String> a = new ArrayList<>();
    a.addAll(
        List.of(
            "attest",
            "verify-quote",
            "--ak",
            fixture("ak-" + ak + ".pem").toString(),
            "--message",
            fixture("quote-" + quote + ".msg").toString(),
            "--signature",
            fixture("quote-" + quote + ".sig").toString(),
            "--pcrs",
            fixture("quote-" + quote + ".pcrs").toString(),
            "--nonce",
            nonce,
            "--json"));
    a.addAll(List.of(extra));
    return a;
  }

  private static Cli.Result run(List<String> args) {
    return Cli.run(args.toArray(String[]::new));
  }

  /** Replaces the value after {@code option} in {@code args}. */
  private static List<String> with(List<String> args, String option, String value) {
    List<String> a = new ArrayList<>(args);
    a.set(a.indexOf(option) + 1, value);
    return a;
  }

  private Path tampered(String name, int index) throws Exception {
    byte[] b = Files.readAllBytes(fixture(name));
    b[index] ^= 0x01;
    return Files.write(dir.resolve(name), b);
  }

  @ParameterizedTest
  @ValueSource(strings = {"rsassa", "rsapss", "ecdsa"})
  void verifyQuote_validQuote_exitsZeroWithPcrsAndClock(String scheme) throws Exception {
    Cli.Result r = run(args(scheme, scheme, "--golden", fixture("golden.json").toString()));

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode out = r.json();
    assertThat(out.get("valid").asBoolean()).isTrue();
    assertThat(out.get("reason").asText()).isEqualTo("ok");
    JsonNode golden = Json.MAPPER.readTree(fixture("golden.json").toFile());
    assertThat(out.get("pcrs")).isEqualTo(golden);
    assertThat(out.get("clock").get("clock").asLong()).isPositive();
    assertThat(out.get("clock").has("resetCount")).isTrue();
    assertThat(out.get("clock").has("restartCount")).isTrue();
    assertThat(out.size()).isEqualTo(4);
  }

  @Test
  void verifyQuote_twoBanks_reportsBothBanks() {
    JsonNode out = run(args("rsassa", "twobanks")).json();
    assertThat(out.get("valid").asBoolean()).isTrue();
    assertThat(out.get("pcrs").get("sha1").get("4").asText()).isEqualTo("0".repeat(40));
    assertThat(out.get("pcrs").get("sha256").size()).isEqualTo(3);
  }

  @Test
  void verifyQuote_wrongNonce_exitsOneNonceMismatch() {
    Cli.Result r = run(with(args("ecdsa", "ecdsa"), "--nonce", "00" + nonce.substring(2)));
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.json().get("valid").asBoolean()).isFalse();
    assertThat(r.json().get("reason").asText()).isEqualTo("NONCE_MISMATCH");
    assertThat(r.err()).contains("NONCE_MISMATCH: quote extraData; expected 00");
  }

  @Test
  void verifyQuote_tamperedMessageOrSignature_exitsOneSignatureInvalid() throws Exception {
    Cli.Result message =
        run(
            with(
                args("rsassa", "rsassa"),
                "--message",
                tampered("quote-rsassa.msg", 0x50).toString()));
    assertThat(message.exitCode()).isEqualTo(1);
    assertThat(message.json().get("reason").asText()).isEqualTo("SIGNATURE_INVALID");
    Cli.Result signature =
        run(
            with(
                args("ecdsa", "ecdsa"), "--signature", tampered("quote-ecdsa.sig", 10).toString()));
    assertThat(signature.exitCode()).isEqualTo(1);
    assertThat(signature.json().get("reason").asText()).isEqualTo("SIGNATURE_INVALID");
  }

  @Test
  void verifyQuote_tamperedPcrs_exitsOnePcrDigestMismatch() throws Exception {
    Cli.Result r =
        run(
            with(
                args("rsapss", "rsapss"), "--pcrs", tampered("quote-rsapss.pcrs", 142).toString()));
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.json().get("reason").asText()).isEqualTo("PCR_DIGEST_MISMATCH");
  }

  @Test
  void verifyQuote_goldenMismatch_exitsOneGoldenMismatch() throws Exception {
    Path golden =
        Files.writeString(
            dir.resolve("golden.json"), "{\"sha256\": {\"16\": \"" + "0".repeat(64) + "\"}}");
    Cli.Result unquoted = run(args("rsassa", "rsassa", "--golden", golden.toString()));
    assertThat(unquoted.exitCode()).isEqualTo(1);
    assertThat(unquoted.json().get("reason").asText()).isEqualTo("GOLDEN_MISMATCH");
    Files.writeString(golden, "{\"sha256\": {\"0\": \"" + "ab".repeat(32) + "\"}}");
    Cli.Result differs = run(args("rsassa", "rsassa", "--golden", golden.toString()));
    assertThat(differs.exitCode()).isEqualTo(1);
    assertThat(differs.json().get("reason").asText()).isEqualTo("GOLDEN_MISMATCH");
    assertThat(differs.err()).contains("PCR sha256:0; expected " + "ab".repeat(32));
  }

  @Test
  void verifyQuote_notAQuoteOrTruncated_exitsOneWithCode() throws Exception {
    Cli.Result magic =
        run(
            with(
                args("rsassa", "rsassa"), "--message", tampered("quote-rsassa.msg", 0).toString()));
    assertThat(magic.exitCode()).isEqualTo(1);
    assertThat(magic.json().get("reason").asText()).isEqualTo("NOT_A_QUOTE");
    assertThat(magic.json().get("clock").isNull()).isTrue();
    Path cut = Files.write(dir.resolve("cut.sig"), new byte[] {0, 0x14});
    Cli.Result truncated = run(with(args("rsassa", "rsassa"), "--signature", cut.toString()));
    assertThat(truncated.exitCode()).isEqualTo(1);
    assertThat(truncated.json().get("reason").asText()).isEqualTo("PARSE_ERROR");
  }

  @Test
  void verifyQuote_unreadableOrInvalidInputs_exitsTwo() throws Exception {
    Cli.Result missing =
        run(with(args("rsassa", "rsassa"), "--message", dir.resolve("absent.msg").toString()));
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.json().get("reason").asText()).isEqualTo("UNREADABLE");
    Cli.Result badNonce = run(with(args("rsassa", "rsassa"), "--nonce", "xyz"));
    assertThat(badNonce.exitCode()).isEqualTo(2);
    assertThat(badNonce.json().get("reason").asText()).isEqualTo("INVALID_INPUT");
    Path notPem = Files.writeString(dir.resolve("ak.pem"), "not a key");
    Cli.Result badKey = run(with(args("rsassa", "rsassa"), "--ak", notPem.toString()));
    assertThat(badKey.exitCode()).isEqualTo(2);
    assertThat(badKey.json().get("reason").asText()).isEqualTo("INVALID_INPUT");
    Path badGolden = Files.writeString(dir.resolve("g.json"), "{\"sha256\": {\"0\": \"abcd\"}}");
    Cli.Result golden = run(args("rsassa", "rsassa", "--golden", badGolden.toString()));
    assertThat(golden.exitCode()).isEqualTo(2);
    assertThat(golden.err()).contains("--golden sha256:0 length; expected 32 bytes, but got 2");
    Cli.Result sha1 = run(args("rsassa", "rsassa", "--hash", "sha1"));
    assertThat(sha1.exitCode()).isEqualTo(2);
    Cli.Result usage = Cli.run("attest", "verify-quote", "--json");
    assertThat(usage.exitCode()).isEqualTo(2);
  }

  @Test
  void verifyQuote_withoutJson_printsOneLine() {
    List<String> a = new ArrayList<>(args("ecdsa", "ecdsa"));
    a.remove("--json");
    Cli.Result r = run(a);
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEqualTo("valid: ok" + System.lineSeparator());
  }
}
