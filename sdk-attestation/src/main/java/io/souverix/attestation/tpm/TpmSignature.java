package io.souverix.attestation.tpm;

import io.souverix.attestation.tpm.QuoteException.Code;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Objects;

/**
 * A parsed {@code TPMT_SIGNATURE} (what {@code tpm2_quote -s} writes by default):
 * RSASSA-PKCS1-v1_5, RSASSA-PSS or ECDSA, with its hash algorithm.
 *
 * @since 0.1
 */
public final class TpmSignature {
  /** A TPM signature scheme; the set this verifier accepts is closed. */
  public enum Scheme {
    /** {@code TPM_ALG_RSASSA} (0x0014): RSASSA-PKCS1-v1_5. */
    RSASSA(0x0014),
    /** {@code TPM_ALG_RSAPSS} (0x0016): RSASSA-PSS with MGF1 of the same hash. */
    RSAPSS(0x0016),
    /** {@code TPM_ALG_ECDSA} (0x0018). */
    ECDSA(0x0018);

    private final int id;

    Scheme(int id) {
      this.id = id;
    }

    /**
     * Returns the {@code TPM_ALG_ID}.
     *
     * @return for example 0x0014
     */
    public int id() {
      return id;
    }
  }

  /** Up to 4096-bit RSA (TPM2B_PUBLIC_KEY_RSA). */
  private static final int MAX_RSA = 512;

  /** Up to P-521 (TPM2B_ECC_PARAMETER). */
  private static final int MAX_ECC = 66;

  /** A marshalled signature is at most a few hundred bytes. */
  static final int MAX_BYTES = 1024;

  private final Scheme scheme;
  private final TpmHash hash;
  private final byte[] rsa;
  private final byte[] r;
  private final byte[] s;

  private TpmSignature(Scheme scheme, TpmHash hash, byte[] rsa, byte[] r, byte[] s) {
    this.scheme = scheme;
    this.hash = hash;
    this.rsa = rsa;
    this.r = r;
    this.s = s;
  }

  /**
   * Parses a marshalled {@code TPMT_SIGNATURE}.
   *
   * @param signature the bytes; not null
   * @return the signature
   * @throws QuoteException {@link Code#PARSE_ERROR} if the structure is truncated, has trailing
   *     bytes, a size out of range, or an unknown scheme or hash
   */
  public static TpmSignature parse(byte[] signature) throws QuoteException {
    Objects.requireNonNull(signature, "signature");
    if (signature.length > MAX_BYTES) {
      throw QuoteException.of(
          Code.PARSE_ERROR,
          "TPMT_SIGNATURE length; expected at most %d bytes, but got %d",
          MAX_BYTES,
          signature.length);
    }
    Marshal m = Marshal.bigEndian(signature, "TPMT_SIGNATURE");
    int alg = m.u16("sigAlg");
    Scheme scheme = null;
    for (Scheme candidate : Scheme.values()) {
      if (candidate.id == alg) {
        scheme = candidate;
      }
    }
    if (scheme == null) {
      throw QuoteException.of(
          Code.PARSE_ERROR,
          "signature scheme; expected RSASSA (0x0014), RSAPSS (0x0016) or ECDSA (0x0018), but got"
              + " 0x%04x",
          alg);
    }
    int hashId = m.u16("hash");
    TpmHash hash =
        TpmHash.ofId(hashId)
            .orElseThrow(
                () ->
                    QuoteException.of(
                        Code.PARSE_ERROR,
                        "signature hash; expected sha1, sha256, sha384 or sha512, but got 0x%04x",
                        hashId));
    byte[] rsa = new byte[0];
    byte[] r = new byte[0];
    byte[] s = new byte[0];
    if (scheme == Scheme.ECDSA) {
      r = m.sized(MAX_ECC, "signatureR");
      s = m.sized(MAX_ECC, "signatureS");
    } else {
      rsa = m.sized(MAX_RSA, "sig");
    }
    m.end();
    return new TpmSignature(scheme, hash, rsa, r, s);
  }

  /**
   * Returns the signature scheme.
   *
   * @return RSASSA, RSAPSS or ECDSA
   */
  public Scheme scheme() {
    return scheme;
  }

  /**
   * Returns the hash algorithm the signature was made with.
   *
   * @return the hash
   */
  public TpmHash hash() {
    return hash;
  }

  /** True if this signature over {@code message} verifies with {@code key}. */
  boolean verifies(PublicKey key, byte[] message) {
    try {
      switch (scheme) {
        case RSASSA -> {
          if (!(key instanceof RSAPublicKey)) {
            return false;
          }
          Signature v = Signature.getInstance(hash.jcaName().replace("-", "") + "withRSA");
          v.initVerify(key);
          v.update(message);
          return v.verify(rsa);
        }
        case RSAPSS -> {
          if (!(key instanceof RSAPublicKey rsaKey)) {
            return false;
          }
          // TPMs use a salt as long as the digest (FIPS 186-4) or, in older revisions of the
          // reference code, the longest the key allows; PSS is sound with either.
          int h = hash.digestLength();
          int emLen = (rsaKey.getModulus().bitLength() - 1 + 7) / 8;
          return pss(key, message, h) || (emLen - h - 2 != h && pss(key, message, emLen - h - 2));
        }
        case ECDSA -> {
          if (!(key instanceof ECPublicKey ec)) {
            return false;
          }
          int n = (ec.getParams().getOrder().bitLength() + 7) / 8;
          byte[] p1363 = new byte[2 * n];
          if (!fixed(r, p1363, 0, n) || !fixed(s, p1363, n, n)) {
            return false;
          }
          Signature v =
              Signature.getInstance(hash.jcaName().replace("-", "") + "withECDSAinP1363Format");
          v.initVerify(key);
          v.update(message);
          return v.verify(p1363);
        }
      }
      return false;
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  private boolean pss(PublicKey key, byte[] message, int saltLength)
      throws GeneralSecurityException {
    if (saltLength < 0) {
      return false;
    }
    Signature v = Signature.getInstance("RSASSA-PSS");
    v.setParameter(
        new PSSParameterSpec(
            hash.jcaName(), "MGF1", new MGF1ParameterSpec(hash.jcaName()), saltLength, 1));
    v.initVerify(key);
    v.update(message);
    return v.verify(rsa);
  }

  /** Left-pads an unsigned big-endian integer into {@code out}; false if it does not fit. */
  private static boolean fixed(byte[] value, byte[] out, int offset, int n) {
    byte[] v = new BigInteger(1, value).toByteArray();
    int start = v.length > 1 && v[0] == 0 ? 1 : 0;
    int len = v.length - start;
    if (len > n) {
      return false;
    }
    System.arraycopy(v, start, out, offset + n - len, len);
    return true;
  }
}
