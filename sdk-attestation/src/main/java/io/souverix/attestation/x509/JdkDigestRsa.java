package io.souverix.attestation.x509;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.SignatureException;
import java.util.HashMap;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.encodings.PKCS1Encoding;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.jcajce.provider.asymmetric.rsa.DigestSignatureSpi;
import org.jspecify.annotations.Nullable;

/**
 * Bouncy Castle's RSA PKCS#1 v1.5 signature verification ({@link DigestSignatureSpi}, built exactly
 * as the provider builds {@code SHA256WITHRSA} and its siblings: the same padding, the same
 * DigestInfo comparison) whose message digest is the JDK's {@link MessageDigest}: on Java 17 the
 * JDK's SHA-2 uses the processor's SHA instructions where present and is several times faster than
 * Bouncy Castle's portable code. The digest of the same bytes is the same; only who computes it
 * changes. Not thread-safe: one instance per verification.
 */
final class JdkDigestRsa extends DigestSignatureSpi {
  /** Signature algorithm OID to the digest's OID. */
  private static final Map<String, ASN1ObjectIdentifier> DIGEST_OIDS =
      Map.of(
          "1.2.840.113549.1.1.11", NISTObjectIdentifiers.id_sha256,
          "1.2.840.113549.1.1.12", NISTObjectIdentifiers.id_sha384,
          "1.2.840.113549.1.1.13", NISTObjectIdentifiers.id_sha512);

  /** Digest OID to a JDK digest never used, cloned for each verification (no provider look-up). */
  private static final Map<ASN1ObjectIdentifier, MessageDigest> PROTOTYPES = prototypes();

  private static Map<ASN1ObjectIdentifier, MessageDigest> prototypes() {
    Map<ASN1ObjectIdentifier, MessageDigest> out = new HashMap<>();
    Map<String, ASN1ObjectIdentifier> names =
        Map.of(
            "SHA-256", NISTObjectIdentifiers.id_sha256,
            "SHA-384", NISTObjectIdentifiers.id_sha384,
            "SHA-512", NISTObjectIdentifiers.id_sha512);
    for (Map.Entry<String, ASN1ObjectIdentifier> n : names.entrySet()) {
      try {
        MessageDigest md = MessageDigest.getInstance(n.getKey());
        md.clone(); // only cloneable digests are kept
        out.put(n.getValue(), md);
      } catch (NoSuchAlgorithmException | CloneNotSupportedException e) {
        // that digest then goes through Bouncy Castle's provider
      }
    }
    return Map.copyOf(out);
  }

  private JdkDigestRsa(ASN1ObjectIdentifier digestOid, MessageDigest digest) {
    super(digestOid, new JdkDigest(digest), new PKCS1Encoding(new RSABlindedEngine()));
  }

  /**
   * A verifier for the RSA PKCS#1 v1.5 signature algorithm {@code signatureOid}, initialised with
   * {@code key}; null when the algorithm is not one of SHA-256/384/512 with RSA.
   */
  static @Nullable JdkDigestRsa forVerification(String signatureOid, PublicKey key)
      throws InvalidKeyException {
    ASN1ObjectIdentifier digestOid = DIGEST_OIDS.get(signatureOid);
    MessageDigest prototype = digestOid == null ? null : PROTOTYPES.get(digestOid);
    if (prototype == null) {
      return null;
    }
    MessageDigest md;
    try {
      md = (MessageDigest) prototype.clone();
    } catch (CloneNotSupportedException e) {
      return null;
    }
    JdkDigestRsa v = new JdkDigestRsa(digestOid, md);
    v.engineInitVerify(key);
    return v;
  }

  void update(byte[] b, int off, int len) throws SignatureException {
    engineUpdate(b, off, len);
  }

  boolean verify(byte[] signature) throws SignatureException {
    return engineVerify(signature);
  }

  /** A JDK message digest as a Bouncy Castle {@link Digest}. */
  private static final class JdkDigest implements Digest {
    private final MessageDigest md;

    JdkDigest(MessageDigest md) {
      this.md = md;
    }

    @Override
    public String getAlgorithmName() {
      return md.getAlgorithm();
    }

    @Override
    public int getDigestSize() {
      return md.getDigestLength();
    }

    @Override
    public void update(byte in) {
      md.update(in);
    }

    @Override
    public void update(byte[] in, int off, int len) {
      md.update(in, off, len);
    }

    @Override
    public int doFinal(byte[] out, int off) {
      byte[] d = md.digest();
      System.arraycopy(d, 0, out, off, d.length);
      return d.length;
    }

    @Override
    public void reset() {
      md.reset();
    }
  }
}
