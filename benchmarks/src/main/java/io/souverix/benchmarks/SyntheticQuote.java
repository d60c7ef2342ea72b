package io.souverix.benchmarks;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Random;

/**
 * A TPM 2.0 quote made in Java with a JCA key, in the formats {@code tpm2_quote} writes: a
 * marshalled {@code TPMS_ATTEST} over SHA-256 PCRs 0-9, its {@code TPMT_SIGNATURE} (RSASSA or ECDSA
 * with SHA-256) and the serialized PCR values file. The shape of a real swtpm quote, without a TPM.
 *
 * @param ak the attestation key pair
 * @param message the TPMS_ATTEST
 * @param signature the TPMT_SIGNATURE
 * @param pcrs the PCR values file
 * @param nonce the extraData
 * @param rawSignature the signature as the JDK verifies it (PKCS#1 v1.5, or r||s for ECDSA)
 * @param rawAlgorithm the JDK signature algorithm of {@code rawSignature}
 */
record SyntheticQuote(
    KeyPair ak,
    byte[] message,
    byte[] signature,
    byte[] pcrs,
    byte[] nonce,
    byte[] rawSignature,
    String rawAlgorithm) {
  private static final int PCRS = 10;

  /** A quote signed by a new RSA-2048 (RSASSA) or P-256 (ECDSA) key; deterministic PCRs. */
  static SyntheticQuote create(boolean ecdsa, long seed) throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance(ecdsa ? "EC" : "RSA");
    if (ecdsa) {
      g.initialize(new ECGenParameterSpec("secp256r1"));
    } else {
      g.initialize(2048);
    }
    KeyPair ak = g.generateKeyPair();
    Random random = new Random(seed);
    byte[][] values = new byte[PCRS][32];
    for (byte[] v : values) {
      random.nextBytes(v);
    }
    byte[] nonce = new byte[32];
    random.nextBytes(nonce);
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    for (byte[] v : values) {
      sha256.update(v);
    }
    byte[] pcrDigest = sha256.digest();

    ByteBuffer m = ByteBuffer.allocate(256);
    m.putInt(0xff544347).putShort((short) 0x8018);
    m.putShort((short) 34).putShort((short) 0x000B).put(new byte[32]); // qualifiedSigner
    m.putShort((short) 32).put(nonce); // extraData
    m.putLong(123_456L).putInt(1).putInt(0).put((byte) 1); // clockInfo
    m.putLong(0x2019_1023_0016_3636L); // firmwareVersion
    m.putInt(1).putShort((short) 0x000B).put((byte) 3).put(new byte[] {(byte) 0xFF, 0x03, 0});
    m.putShort((short) 32).put(pcrDigest);
    byte[] message = Arrays.copyOf(m.array(), m.position());

    String alg = ecdsa ? "SHA256withECDSAinP1363Format" : "SHA256withRSA";
    Signature s = Signature.getInstance(alg);
    s.initSign(ak.getPrivate());
    s.update(message);
    byte[] raw = s.sign();
    ByteBuffer sig = ByteBuffer.allocate(8 + raw.length);
    if (ecdsa) {
      int half = raw.length / 2;
      sig.putShort((short) 0x0018).putShort((short) 0x000B);
      sig.putShort((short) half).put(raw, 0, half);
      sig.putShort((short) half).put(raw, half, half);
    } else {
      sig.putShort((short) 0x0014).putShort((short) 0x000B);
      sig.putShort((short) raw.length).put(raw);
    }
    byte[] signature = Arrays.copyOf(sig.array(), sig.position());
    return new SyntheticQuote(ak, message, signature, pcrsFile(values), nonce, raw, alg);
  }

  /** tpm2-tools' serialized layout: TPML_PCR_SELECTION (132 bytes), then TPML_DIGEST lists. */
  private static byte[] pcrsFile(byte[][] values) {
    int lists = (values.length + 7) / 8;
    ByteBuffer b = ByteBuffer.allocate(132 + 4 + lists * 532).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(1).putShort((short) 0x000B).put((byte) 3).put(new byte[] {(byte) 0xFF, 0x03, 0, 0});
    b.position(132);
    b.putInt(lists);
    for (int l = 0; l < lists; l++) {
      int n = Math.min(8, values.length - 8 * l);
      b.putInt(n);
      for (int i = 0; i < 8; i++) {
        int start = b.position();
        if (i < n) {
          b.putShort((short) 32).put(values[8 * l + i]);
        }
        b.position(start + 66);
      }
    }
    return b.array();
  }
}
