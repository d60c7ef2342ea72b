package io.souverix.attestation.x509;

import io.souverix.lifecycle.internal.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.jspecify.annotations.Nullable;

/**
 * A bounded cache of certificate signatures already verified, for {@link
 * TrustChainValidator.Builder#signatureCache(SignatureCache)}. Off unless configured.
 *
 * <p>An entry is the SHA-256 of the issuer's SubjectPublicKeyInfo (DER), the certificate's
 * signature algorithm (DER), its tbsCertificate (the bytes verified) and its signature bits, each
 * length-prefixed. Only successful verifications are kept: a failed one is verified again every
 * time, and a certificate under another key, with another algorithm, other content or another
 * signature never matches. Every other check (validity, key and algorithm policy, constraints,
 * names, revocation) still runs on every validation; only the signature computation is skipped.
 * When full, the least recently used entry is dropped. One cache may be shared by several
 * validators (a signature's validity does not depend on their options). Thread-safe.
 *
 * @since 0.1
 */
public final class SignatureCache {
  private final int maxEntries;
  private final Map<ByteBuffer, Boolean> verified;
  private final AtomicLong hits = new AtomicLong();

  private SignatureCache(int maxEntries) {
    this.maxEntries = maxEntries;
    this.verified =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Boolean> eldest) {
            return size() > SignatureCache.this.maxEntries;
          }
        };
  }

  /**
   * Creates an empty cache.
   *
   * @param maxEntries the number of verified signatures kept at most, at least 1 (about 150 bytes
   *     each)
   * @return the cache
   * @throws IllegalArgumentException if {@code maxEntries} is below 1
   */
  public static SignatureCache create(int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT, "signatureCache maxEntries; expected >= 1, but got %d", maxEntries));
    }
    return new SignatureCache(maxEntries);
  }

  /**
   * The number of verified signatures kept at most.
   *
   * @return the bound given to {@link #create(int)}
   */
  public int maxEntries() {
    return maxEntries;
  }

  /**
   * The number of verified signatures currently kept.
   *
   * @return between 0 and {@link #maxEntries()}
   */
  public int size() {
    synchronized (verified) {
      return verified.size();
    }
  }

  /** Signature verifications answered from the cache so far. */
  long hits() {
    return hits.get();
  }

  /**
   * True if {@code child}'s signature verifies with {@code verifier}, {@code issuer}'s key: from
   * the cache when this exact signature verified before, otherwise verified and, on success, kept.
   */
  boolean verifies(ParsedCert issuer, ParsedCert child, ContentVerifierProvider verifier) {
    ByteBuffer key = key(issuer, child);
    if (key == null) {
      return Keys.verifies(child, verifier);
    }
    synchronized (verified) {
      if (verified.get(key) != null) {
        hits.incrementAndGet();
        return true;
      }
    }
    boolean ok = Keys.verifies(child, verifier);
    if (ok) {
      synchronized (verified) {
        verified.put(key, Boolean.TRUE);
      }
    }
    return ok;
  }

  /** The entry of this signature; null if a part cannot be encoded (then it is not cached). */
  private static @Nullable ByteBuffer key(ParsedCert issuer, ParsedCert child) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(child.der.length + 256);
      part(out, issuer.publicKeyInfo().getEncoded(ASN1Encoding.DER));
      part(out, child.bc.getSignatureAlgorithm().getEncoded(ASN1Encoding.DER));
      int[] span = Keys.tbsSpan(child.der);
      if (span != null) {
        length(out, span[1]);
        out.write(child.der, span[0], span[1]);
      } else {
        part(out, child.bc.getTBSCertificate().getEncoded(ASN1Encoding.DER));
      }
      byte[] bits = child.bc.getSignature().getBytes();
      length(out, child.bc.getSignature().getPadBits());
      part(out, bits);
      return ByteBuffer.wrap(Sha256.digest(out.toByteArray()));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static void part(ByteArrayOutputStream out, byte[] bytes) {
    length(out, bytes.length);
    out.write(bytes, 0, bytes.length);
  }

  private static void length(ByteArrayOutputStream out, int n) {
    out.write(n >>> 24);
    out.write(n >>> 16);
    out.write(n >>> 8);
    out.write(n);
  }
}
