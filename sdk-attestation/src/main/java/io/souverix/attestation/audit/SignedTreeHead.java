package io.souverix.attestation.audit;

import io.souverix.lifecycle.spi.Signer;
import io.souverix.lifecycle.spi.SignerException;
import io.souverix.lifecycle.spi.SigningAlgorithm;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * A signed tree head: the size and root hash of an {@link AuditLog}'s Merkle tree at one moment,
 * with a timestamp, signed by the log's {@link Signer}.
 *
 * <p>The signature covers exactly these bytes (see {@code docs/attestation.md}): the ASCII label
 * {@code souverix.audit.tree-head.v1}, one zero byte, the tree size as an unsigned 64-bit
 * big-endian integer, the timestamp as signed 64-bit big-endian milliseconds since the epoch, and
 * the 32-byte root hash. Timestamps therefore have millisecond precision.
 *
 * <h3>Security guarantees</h3>
 *
 * {@link #verifySignature(PublicKey)} accepts a signature only under the head's own algorithm and
 * only when that algorithm fits the given key ({@link SigningAlgorithm#accepts(PublicKey)}), so a
 * head cannot choose a weaker algorithm than the key's owner uses. The label separates tree-head
 * signatures from anything else the same key may sign.
 *
 * @since 0.1
 */
public final class SignedTreeHead {
  static final String LABEL = "souverix.audit.tree-head.v1";
  private static final byte[] LABEL_BYTES = LABEL.getBytes(StandardCharsets.US_ASCII);

  private final long size;
  private final byte[] rootHash;
  private final Instant timestamp;
  private final SigningAlgorithm algorithm;
  private final String keyId;
  private final byte[] signature;

  private SignedTreeHead(
      long size,
      byte[] rootHash,
      Instant timestamp,
      SigningAlgorithm algorithm,
      String keyId,
      byte[] signature) {
    this.size = size;
    this.rootHash = rootHash;
    this.timestamp = timestamp;
    this.algorithm = algorithm;
    this.keyId = keyId;
    this.signature = signature;
  }

  /**
   * Rebuilds a head from its parts, for example one received from another party. Nothing is
   * verified: call {@link #verifySignature(PublicKey)}.
   *
   * @param size the tree size, at least 0
   * @param rootHash the 32-byte root hash; copied
   * @param timestamp the time of signing, whole milliseconds
   * @param algorithm the signature algorithm
   * @param keyId the signer's key id; informational, not verified
   * @param signature the signature; copied
   * @return the head
   * @throws IllegalArgumentException if the size is negative, the root is not 32 bytes, or the
   *     timestamp has a fraction of a millisecond
   */
  public static SignedTreeHead of(
      long size,
      byte[] rootHash,
      Instant timestamp,
      SigningAlgorithm algorithm,
      String keyId,
      byte[] signature) {
    Objects.requireNonNull(rootHash, "rootHash");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(signature, "signature");
    if (size < 0) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "tree size; expected at least 0, but got %d", size));
    }
    if (rootHash.length != MerkleTree.HASH_BYTES) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "root hash; expected 32 bytes, but got %d", rootHash.length));
    }
    if (!timestamp.truncatedTo(ChronoUnit.MILLIS).equals(timestamp)) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT, "timestamp; expected whole milliseconds, but got %s", timestamp));
    }
    return new SignedTreeHead(
        size, rootHash.clone(), timestamp, algorithm, keyId, signature.clone());
  }

  /** Signs a head of a tree of {@code size} leaves with root {@code rootHash}. */
  static SignedTreeHead sign(long size, byte[] rootHash, Instant timestamp, Signer signer)
      throws SignerException {
    Instant ts = timestamp.truncatedTo(ChronoUnit.MILLIS);
    byte[] sig = signer.sign(signedBytes(size, rootHash, ts));
    return new SignedTreeHead(size, rootHash.clone(), ts, signer.algorithm(), signer.keyId(), sig);
  }

  /** The bytes the signature covers. */
  static byte[] signedBytes(long size, byte[] rootHash, Instant timestamp) {
    return ByteBuffer.allocate(LABEL_BYTES.length + 1 + 8 + 8 + rootHash.length)
        .put(LABEL_BYTES)
        .put((byte) 0)
        .putLong(size)
        .putLong(timestamp.toEpochMilli())
        .put(rootHash)
        .array();
  }

  /**
   * Verifies the signature with a public key.
   *
   * @param key the log's public key; not null
   * @return true if the head's algorithm fits the key and the signature verifies
   */
  public boolean verifySignature(PublicKey key) {
    Objects.requireNonNull(key, "key");
    if (!algorithm.accepts(key)) {
      return false;
    }
    try {
      Signature s = algorithm.newSignature(null);
      s.initVerify(key);
      s.update(signedBytes(size, rootHash, timestamp));
      return s.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      // A signature that does not even parse (wrong DER, wrong length) is simply not valid.
      return false;
    }
  }

  /**
   * Returns the number of entries the head covers.
   *
   * @return the tree size
   */
  public long size() {
    return size;
  }

  /**
   * Returns the root hash.
   *
   * @return a copy of the 32-byte root hash
   */
  public byte[] rootHash() {
    return rootHash.clone();
  }

  /**
   * Returns the root hash as lower-case hex.
   *
   * @return 64 hex digits
   */
  public String rootHex() {
    return HexFormat.of().formatHex(rootHash);
  }

  /**
   * Returns the time of signing, from the log's clock.
   *
   * @return the timestamp, whole milliseconds
   */
  public Instant timestamp() {
    return timestamp;
  }

  /**
   * Returns the signature algorithm.
   *
   * @return the algorithm
   */
  public SigningAlgorithm algorithm() {
    return algorithm;
  }

  /**
   * Returns the signer's key id as the signer reported it; not covered by the signature.
   *
   * @return the key id
   */
  public String keyId() {
    return keyId;
  }

  /**
   * Returns the signature (for ECDSA, DER-encoded as the JCA gives it).
   *
   * @return a copy of the signature
   */
  public byte[] signature() {
    return signature.clone();
  }

  boolean rootEquals(byte[] other) {
    return MessageDigest.isEqual(rootHash, other);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedTreeHead h
        && h.size == size
        && MessageDigest.isEqual(h.rootHash, rootHash)
        && h.timestamp.equals(timestamp)
        && h.algorithm == algorithm
        && h.keyId.equals(keyId)
        && MessageDigest.isEqual(h.signature, signature);
  }

  @Override
  public int hashCode() {
    return Objects.hash(size, timestamp, algorithm, keyId) * 31
        + java.util.Arrays.hashCode(rootHash);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT, "SignedTreeHead[size=%d, root=%s, at %s]", size, rootHex(), timestamp);
  }
}
