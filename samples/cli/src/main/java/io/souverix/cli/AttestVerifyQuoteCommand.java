package io.souverix.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.souverix.attestation.tpm.ClockInfo;
import io.souverix.attestation.tpm.PcrValues;
import io.souverix.attestation.tpm.QuoteException;
import io.souverix.attestation.tpm.QuoteVerifier;
import io.souverix.attestation.tpm.TpmHash;
import io.souverix.attestation.tpm.TpmQuote;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code souverix attest verify-quote}: verifies a TPM 2.0 quote made by {@code tpm2_quote}, per
 * the {@code attest verify-quote} section of the attestation CLI contract.
 */
@Command(
    name = "verify-quote",
    mixinStandardHelpOptions = true,
    description = {
      "Verify a TPM 2.0 quote: --ak AK.pem --message QUOTE.msg --signature QUOTE.sig"
          + " --pcrs QUOTE.pcrs --nonce HEX [--golden GOLDEN.json] [--hash sha256] --json",
      "The files are what tpm2_createak -f pem and tpm2_quote -m -s -o write (tpm2-tools 5.x"
          + " default formats).",
      "Exit 0 valid, 1 invalid (reason: SIGNATURE_INVALID, NONCE_MISMATCH, PCR_DIGEST_MISMATCH,"
          + " GOLDEN_MISMATCH, NOT_A_QUOTE, PARSE_ERROR), 2 usage error or unreadable input"
          + " (UNREADABLE, INVALID_INPUT)."
    })
final class AttestVerifyQuoteCommand implements Callable<Integer> {
  private static final HexFormat HEX = HexFormat.of();

  @Spec CommandSpec spec;

  @Mixin JsonOption json;

  @Option(names = "--ak", required = true, paramLabel = "AK.pem", description = "AK public key.")
  Path ak;

  @Option(
      names = "--message",
      required = true,
      paramLabel = "QUOTE.msg",
      description = "The quoted TPMS_ATTEST.")
  Path message;

  @Option(
      names = "--signature",
      required = true,
      paramLabel = "QUOTE.sig",
      description = "The TPMT_SIGNATURE.")
  Path signature;

  @Option(
      names = "--pcrs",
      required = true,
      paramLabel = "QUOTE.pcrs",
      description = "The PCR values (tpm2_quote -o, serialized).")
  Path pcrs;

  @Option(
      names = "--nonce",
      required = true,
      paramLabel = "HEX",
      description = "The nonce the quote must carry.")
  String nonce;

  @Option(
      names = "--golden",
      paramLabel = "GOLDEN.json",
      description = "Golden PCR values: {\"sha256\": {\"0\": \"HEX\", ...}}.")
  @Nullable Path golden;

  @Option(
      names = "--hash",
      defaultValue = "sha256",
      description = "The hash of the signature and PCR digest: sha256 (default), sha384, sha512.")
  String hash;

  /** Rejected verifier inputs: exit 2 with a reason code. */
  private static final class BadInput extends Exception {
    private static final long serialVersionUID = 1L;
    final String reason;

    BadInput(String reason, String message) {
      super(message);
      this.reason = reason;
    }
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    byte[] msg;
    byte[] sig;
    byte[] values;
    QuoteVerifier verifier;
    byte[] expectedNonce;
    try {
      msg = read(message);
      sig = read(signature);
      values = read(pcrs);
      expectedNonce = hex(nonce, "--nonce");
      verifier = verifier();
    } catch (BadInput e) {
      return report(out, err, false, e.reason, e.getMessage(), null, null, 2);
    }
    // What parses is reported even when a check fails, so an operator sees what the TPM said.
    ClockInfo clock = parsedClock(msg);
    PcrValues parsedPcrs = parsedPcrs(values);
    try {
      verifier.verify(msg, sig, values, expectedNonce);
      return report(out, err, true, "ok", null, parsedPcrs, clock, 0);
    } catch (QuoteException e) {
      return report(out, err, false, e.code().name(), e.getMessage(), parsedPcrs, clock, 1);
    }
  }

  private QuoteVerifier verifier() throws BadInput {
    Optional<TpmHash> h = TpmHash.named(hash);
    if (h.isEmpty() || h.get().equals(TpmHash.SHA1)) {
      throw new BadInput(
          "INVALID_INPUT", "--hash; expected sha256, sha384 or sha512, but got " + hash);
    }
    PublicKey key;
    try {
      key = QuoteVerifier.publicKeyFromPem(new String(read(ak), StandardCharsets.UTF_8));
    } catch (QuoteException e) {
      throw new BadInput("INVALID_INPUT", "--ak " + ak + ": " + e.getMessage());
    }
    QuoteVerifier.Builder b = QuoteVerifier.newBuilder().attestationKey(key).hash(h.get());
    if (golden != null) {
      readGolden(b);
    }
    return b.build();
  }

  private void readGolden(QuoteVerifier.Builder b) throws BadInput {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(read(golden));
    } catch (IOException e) {
      throw new BadInput("INVALID_INPUT", "--golden " + golden + ": not JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new BadInput("INVALID_INPUT", "--golden; expected a JSON object of banks");
    }
    for (Iterator<Map.Entry<String, JsonNode>> banks = root.fields(); banks.hasNext(); ) {
      Map.Entry<String, JsonNode> bank = banks.next();
      TpmHash alg =
          TpmHash.named(bank.getKey())
              .orElseThrow(
                  () ->
                      new BadInput(
                          "INVALID_INPUT",
                          "--golden bank; expected sha1, sha256, sha384 or sha512, but got "
                              + bank.getKey()));
      if (!bank.getValue().isObject()) {
        throw new BadInput("INVALID_INPUT", "--golden " + alg + "; expected an object of PCRs");
      }
      Map<Integer, byte[]> values = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = bank.getValue().fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> pcr = it.next();
        int index;
        try {
          index = Integer.parseInt(pcr.getKey());
        } catch (NumberFormatException e) {
          index = -1;
        }
        if (index < 0 || index > 31 || !pcr.getValue().isTextual()) {
          throw new BadInput(
              "INVALID_INPUT",
              String.format(
                  Locale.ROOT,
                  "--golden %s PCR; expected an index 0 to 31 and a hex string, but got %s: %s",
                  alg,
                  pcr.getKey(),
                  pcr.getValue()));
        }
        byte[] v = hex(pcr.getValue().asText(), "--golden " + alg + ":" + index);
        if (v.length != alg.digestLength()) {
          throw new BadInput(
              "INVALID_INPUT",
              String.format(
                  Locale.ROOT,
                  "--golden %s:%d length; expected %d bytes, but got %d",
                  alg,
                  index,
                  alg.digestLength(),
                  v.length));
        }
        values.put(index, v);
      }
      b.golden(alg, values);
    }
  }

  private static byte[] read(Path file) throws BadInput {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new BadInput("UNREADABLE", "cannot read " + file + ": " + e);
    }
  }

  private static byte[] hex(String text, String what) throws BadInput {
    try {
      return HEX.parseHex(text.strip());
    } catch (IllegalArgumentException e) {
      throw new BadInput("INVALID_INPUT", what + "; expected hex, but got " + text);
    }
  }

  private static @Nullable ClockInfo parsedClock(byte[] msg) {
    try {
      return TpmQuote.parse(msg).clockInfo();
    } catch (QuoteException e) {
      return null;
    }
  }

  private static @Nullable PcrValues parsedPcrs(byte[] values) {
    try {
      return PcrValues.parse(values);
    } catch (QuoteException e) {
      return null;
    }
  }

  private int report(
      PrintWriter out,
      PrintWriter err,
      boolean valid,
      String reason,
      @Nullable String detail,
      @Nullable PcrValues values,
      @Nullable ClockInfo clock,
      int exit) {
    if (json.enabled) {
      ObjectNode o = Json.object();
      o.put("valid", valid);
      o.put("reason", reason);
      ObjectNode banks = o.putObject("pcrs");
      if (values != null) {
        for (TpmHash bank : values.banks()) {
          ObjectNode b = banks.putObject(bank.name());
          values.bank(bank).forEach((pcr, v) -> b.put(Integer.toString(pcr), HEX.formatHex(v)));
        }
      }
      if (clock != null) {
        ObjectNode c = o.putObject("clock");
        c.put("clock", clock.clock());
        c.put("resetCount", clock.resetCount());
        c.put("restartCount", clock.restartCount());
      } else {
        o.putNull("clock");
      }
      Json.print(out, o);
    } else {
      out.println(valid ? "valid: ok" : "invalid: " + reason + ": " + detail);
      out.flush();
    }
    if (detail != null) {
      err.println("souverix attest verify-quote: " + reason + ": " + detail);
      err.flush();
    }
    return exit;
  }
}
