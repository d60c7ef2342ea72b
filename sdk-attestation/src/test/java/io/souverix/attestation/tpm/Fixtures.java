package io.souverix.attestation.tpm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The swtpm-made fixtures in src/test/resources/io/souverix/attestation/tpm (see
 * scripts/tpm-fixtures.sh): three AKs, their quotes of PCRs 0-9 over one nonce, a two-bank quote,
 * the event log the PCRs were extended from, and the PCR values tpm2_pcrread reported.
 */
final class Fixtures {
  static final HexFormat HEX = HexFormat.of();

  private Fixtures() {}

  static byte[] bytes(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(String name) {
    return new String(bytes(name), StandardCharsets.UTF_8);
  }

  static byte[] nonce() {
    return HEX.parseHex(text("nonce.hex").strip());
  }

  static PublicKey ak(String scheme) throws QuoteException {
    return QuoteVerifier.publicKeyFromPem(text("ak-" + scheme + ".pem"));
  }

  static byte[] msg(String quote) {
    return bytes("quote-" + quote + ".msg");
  }

  static byte[] sig(String quote) {
    return bytes("quote-" + quote + ".sig");
  }

  static byte[] pcrs(String quote) {
    return bytes("quote-" + quote + ".pcrs");
  }

  /** The SHA-256 values tpm2_pcrread printed after the quotes (golden.json, written from it). */
  static Map<Integer, byte[]> golden() {
    Map<Integer, byte[]> out = new TreeMap<>();
    for (String line : text("pcrs.yaml").split("\n")) {
      // The file lists sha1 first, then sha256; only the SHA-256 lines have 64 hex digits.
      String[] parts = line.strip().split("\\s*:\\s*0x");
      if (parts.length == 2 && parts[1].length() == 64) {
        out.put(
            Integer.parseInt(parts[0]), HEX.parseHex(parts[1].toLowerCase(java.util.Locale.ROOT)));
      }
    }
    return out;
  }

  static VerifiedQuote verified(String scheme) throws QuoteException {
    return QuoteVerifier.newBuilder()
        .attestationKey(ak(scheme))
        .build()
        .verify(msg(scheme), sig(scheme), pcrs(scheme), nonce());
  }

  static byte[] flip(byte[] in, int index) {
    byte[] out = in.clone();
    out[index] ^= 0x01;
    return out;
  }
}
