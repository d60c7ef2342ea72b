package io.souverix.supplychain.provenance;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Objects;

/**
 * Reads the public keys that key-based (cosign-style) verification uses: PEM {@code PUBLIC KEY}
 * blocks (SubjectPublicKeyInfo) of ECDSA, Ed25519 or RSA keys.
 *
 * @since 0.1
 */
public final class PublicKeys {
  private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
  private static final String END = "-----END PUBLIC KEY-----";

  private PublicKeys() {}

  /**
   * Parses a PEM public key.
   *
   * @param pem the PEM text; not null
   * @return the key
   * @throws ProvenanceException with {@code KEY_UNREADABLE} if it is not a PEM {@code PUBLIC KEY}
   *     of an EC, Ed25519 or RSA key
   * @since 0.1
   */
  public static PublicKey fromPem(String pem) throws ProvenanceException {
    Objects.requireNonNull(pem, "pem");
    int b = pem.indexOf(BEGIN);
    int e = pem.indexOf(END);
    if (b < 0 || e < b) {
      throw unreadable("expected a PEM block '" + BEGIN + "'");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(pem.substring(b + BEGIN.length(), e).strip());
    } catch (IllegalArgumentException ex) {
      throw unreadable("the PEM body is not base64");
    }
    return fromDer(der);
  }

  /**
   * Parses a DER SubjectPublicKeyInfo.
   *
   * @param der the DER bytes; not null
   * @return the key
   * @throws ProvenanceException with {@code KEY_UNREADABLE} if the algorithm is not EC, Ed25519 or
   *     RSA or the encoding is malformed
   * @since 0.1
   */
  public static PublicKey fromDer(byte[] der) throws ProvenanceException {
    Objects.requireNonNull(der, "der");
    for (String alg : new String[] {"EC", "Ed25519", "RSA"}) {
      try {
        return KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(der.clone()));
      } catch (InvalidKeySpecException | NoSuchAlgorithmException | RuntimeException ignored) {
        // try the next algorithm
      }
    }
    throw unreadable("expected an EC, Ed25519 or RSA SubjectPublicKeyInfo");
  }

  /** PEM text of a key, as Rekor records it in hashedrekord entries. */
  static String toPem(PublicKey key) {
    return BEGIN
        + "\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(key.getEncoded())
        + "\n"
        + END
        + "\n";
  }

  private static ProvenanceException unreadable(String why) {
    return new ProvenanceException(ProvenanceException.Code.KEY_UNREADABLE, "public key; " + why);
  }
}
