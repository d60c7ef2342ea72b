package io.souverix.attestation.audit;

import java.security.MessageDigest;
import java.util.List;
import java.util.Objects;

/**
 * The RFC 9162 Merkle tree hashing and proof verification algorithms, usable without a log: a party
 * holding only a signed tree head and a proof checks it here.
 *
 * <p>Hashing (RFC 9162 section 2.1.1): a leaf hash is {@code SHA-256(0x00 || entry)}, an interior
 * node {@code SHA-256(0x01 || left || right)}, the empty tree's hash {@code SHA-256()}, and a tree
 * of {@code n > 1} leaves splits at the largest power of two smaller than {@code n}.
 *
 * <h3>Security guarantees</h3>
 *
 * The verifiers implement RFC 9162 sections 2.1.3.2 and 2.1.4.2 step by step and return {@code
 * false}, never throw, for any malformed input: hashes that are not 32 bytes, indices or sizes out
 * of range, paths that are too short or too long. The distinct prefixes for leaves and nodes stop
 * an interior node from being presented as a leaf.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9162#section-2.1">RFC 9162 section 2.1</a>
 * @since 0.1
 */
public final class MerkleProofs {
  private MerkleProofs() {}

  /**
   * Returns the leaf hash of an entry, {@code SHA-256(0x00 || entry)}.
   *
   * @param entry the entry's bytes; not null
   * @return a new 32-byte array
   */
  public static byte[] leafHash(byte[] entry) {
    Objects.requireNonNull(entry, "entry");
    MessageDigest d = MerkleTree.newSha256();
    d.update((byte) 0x00);
    return d.digest(entry);
  }

  /**
   * Returns the root hash of the empty tree, {@code SHA-256()} of no bytes.
   *
   * @return a new 32-byte array
   */
  public static byte[] emptyRoot() {
    return MerkleTree.newSha256().digest();
  }

  /**
   * Verifies an inclusion proof (RFC 9162 section 2.1.3.2).
   *
   * @param leafHash the leaf hash of the entry (see {@link #leafHash(byte[])}); not null
   * @param index the entry's index, from 0
   * @param treeSize the size of the tree whose root is {@code root}
   * @param path the audit path, leaf side first; not null
   * @param root the root hash to check against; not null
   * @return true if and only if the path proves the leaf at {@code index} in that tree
   */
  public static boolean verifyInclusion(
      byte[] leafHash, long index, long treeSize, List<byte[]> path, byte[] root) {
    Objects.requireNonNull(leafHash, "leafHash");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(root, "root");
    if (index < 0 || index >= treeSize || !isHash(leafHash) || !isHash(root) || !allHashes(path)) {
      return false;
    }
    MessageDigest d = MerkleTree.newSha256();
    long fn = index;
    long sn = treeSize - 1;
    byte[] r = leafHash;
    for (byte[] p : path) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = node(d, p, r);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>>= 1;
            sn >>>= 1;
          }
        }
      } else {
        r = node(d, r, p);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    return sn == 0 && MessageDigest.isEqual(r, root);
  }

  /**
   * Verifies a consistency proof (RFC 9162 section 2.1.4.2): the tree of size {@code second} with
   * root {@code secondRoot} extends the tree of size {@code first} with root {@code firstRoot}.
   *
   * <p>Two cases the RFC leaves to the caller: when {@code first == second} the proof must be empty
   * and the roots equal; when {@code first == 0} the proof must be empty and {@code firstRoot} the
   * empty tree's hash.
   *
   * @param first the size of the earlier tree, at least 0
   * @param second the size of the later tree
   * @param firstRoot the earlier root; not null
   * @param secondRoot the later root; not null
   * @param path the consistency path; not null
   * @return true if and only if the proof holds
   */
  public static boolean verifyConsistency(
      long first, long second, byte[] firstRoot, byte[] secondRoot, List<byte[]> path) {
    Objects.requireNonNull(firstRoot, "firstRoot");
    Objects.requireNonNull(secondRoot, "secondRoot");
    Objects.requireNonNull(path, "path");
    if (first < 0
        || second < first
        || !isHash(firstRoot)
        || !isHash(secondRoot)
        || !allHashes(path)) {
      return false;
    }
    if (first == second) {
      return path.isEmpty() && MessageDigest.isEqual(firstRoot, secondRoot);
    }
    if (first == 0) {
      return path.isEmpty() && MessageDigest.isEqual(firstRoot, emptyRoot());
    }
    if (path.isEmpty()) {
      return false;
    }
    MessageDigest d = MerkleTree.newSha256();
    int start = 0;
    byte[] seed;
    if (Long.bitCount(first) == 1) {
      // Step 2: a power-of-two first tree is itself a node of the second; the path omits it.
      seed = firstRoot;
    } else {
      seed = path.get(0);
      start = 1;
    }
    long fn = first - 1;
    long sn = second - 1;
    while ((fn & 1) == 1) {
      fn >>>= 1;
      sn >>>= 1;
    }
    byte[] fr = seed;
    byte[] sr = seed;
    for (int i = start; i < path.size(); i++) {
      byte[] c = path.get(i);
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = node(d, c, fr);
        sr = node(d, c, sr);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>>= 1;
            sn >>>= 1;
          }
        }
      } else {
        sr = node(d, sr, c);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    return sn == 0 && MessageDigest.isEqual(fr, firstRoot) && MessageDigest.isEqual(sr, secondRoot);
  }

  private static byte[] node(MessageDigest d, byte[] left, byte[] right) {
    d.update((byte) 0x01);
    d.update(left);
    return d.digest(right);
  }

  private static boolean isHash(byte[] b) {
    return b.length == MerkleTree.HASH_BYTES;
  }

  private static boolean allHashes(List<byte[]> path) {
    for (byte[] p : path) {
      if (p == null || !isHash(p)) {
        return false;
      }
    }
    return true;
  }
}
