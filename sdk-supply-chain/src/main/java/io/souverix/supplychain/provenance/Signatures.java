package io.souverix.supplychain.provenance;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Locale;

/** Signature checks of key mode: over the artifact, over its digest only, and over DSSE's PAE. */
final class Signatures {
  // DigestInfo prefix of SHA-256 (RFC 8017 section 9.2, note 1).
  private static final byte[] SHA256_DIGEST_INFO = {
    0x30,
    0x31,
    0x30,
    0x0d,
    0x06,
    0x09,
    0x60,
    (byte) 0x86,
    0x48,
    0x01,
    0x65,
    0x03,
    0x04,
    0x02,
    0x01,
    0x05,
    0x00,
    0x04,
    0x20
  };

  private Signatures() {}

  /** Verifies a signature over content (ECDSA and RSA with SHA-256, Ed25519 pure). */
  static boolean verify(PublicKey key, byte[] content, byte[] signature) {
    try {
      Signature s = Signature.getInstance(algorithm(key));
      s.initVerify(key);
      s.update(content);
      return s.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  /** Whether a signature can be checked from the SHA-256 digest alone (not Ed25519). */
  static boolean supportsPrehashed(PublicKey key) {
    return key instanceof ECPublicKey || key instanceof RSAPublicKey;
  }

  /** Verifies a signature given only the SHA-256 digest of the signed content. */
  static boolean verifyPrehashed(PublicKey key, byte[] sha256, byte[] signature) {
    try {
      if (key instanceof ECPublicKey) {
        Signature s = Signature.getInstance("NONEwithECDSA");
        s.initVerify(key);
        s.update(sha256);
        return s.verify(signature);
      }
      if (key instanceof RSAPublicKey) {
        Signature s = Signature.getInstance("NONEwithRSA");
        s.initVerify(key);
        s.update(SHA256_DIGEST_INFO);
        s.update(sha256);
        return s.verify(signature);
      }
      return false;
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  /** DSSE pre-authentication encoding: {@code DSSEv1 SP len(type) SP type SP len(body) SP body}. */
  static byte[] pae(String payloadType, byte[] payload) {
    byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(
        String.format(Locale.ROOT, "DSSEv1 %d %s %d ", type.length, payloadType, payload.length)
            .getBytes(StandardCharsets.UTF_8));
    out.writeBytes(payload);
    return out.toByteArray();
  }

  private static String algorithm(PublicKey key) {
    switch (key.getAlgorithm()) {
      case "EC":
        return "SHA256withECDSA";
      case "RSA":
        return "SHA256withRSA";
      default:
        return "Ed25519";
    }
  }
}
