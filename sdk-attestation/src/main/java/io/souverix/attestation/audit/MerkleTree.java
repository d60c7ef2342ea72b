package io.souverix.attestation.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * An append-only RFC 9162 Merkle tree that keeps every complete subtree's hash, level by level.
 *
 * <p>Level 0 holds the leaf hashes; level {@code h} holds the hash of every complete (perfect,
 * aligned) subtree of {@code 2^h} leaves, in order. An append adds one leaf hash and then one node
 * hash for each level whose count became even, so it costs amortised two SHA-256 computations. The
 * root of any earlier size, and inclusion and consistency proofs, are then O(log n): the RFC's
 * recursion only ever needs one subtree that is not complete (the one ending at the tree size), the
 * others are looked up.
 *
 * <p>Not thread-safe: {@link AuditLog} serialises access. Memory: about 64 bytes per leaf.
 */
final class MerkleTree {
  static final int HASH_BYTES = 32;

  private final List<HashArray> levels = new ArrayList<>();
  private final MessageDigest sha256 = newSha256();
  private long size;

  MerkleTree() {
    levels.add(new HashArray());
  }

  static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }

  long size() {
    return size;
  }

  /** Hashes an entry as a leaf: SHA-256(0x00 || entry). */
  byte[] leafHash(byte[] entry) {
    sha256.update((byte) 0x00);
    return sha256.digest(entry);
  }

  /** Appends an entry and returns its leaf hash. */
  byte[] append(byte[] entry) {
    byte[] leaf = leafHash(entry);
    appendLeafHash(leaf);
    return leaf;
  }

  /** Appends a leaf hash (already SHA-256(0x00 || entry)). */
  void appendLeafHash(byte[] leafHash) {
    levels.get(0).add(leafHash, 0);
    size++;
    byte[] scratch = null;
    for (int h = 0; (levels.get(h).size() & 1) == 0; h++) {
      HashArray level = levels.get(h);
      if (scratch == null) {
        scratch = new byte[HASH_BYTES];
      }
      long n = level.size();
      sha256.update((byte) 0x01);
      level.updateDigest(sha256, n - 2);
      level.updateDigest(sha256, n - 1);
      digestInto(scratch);
      if (levels.size() == h + 1) {
        levels.add(new HashArray());
      }
      levels.get(h + 1).add(scratch, 0);
    }
  }

  private void digestInto(byte[] out) {
    try {
      sha256.digest(out, 0, HASH_BYTES);
    } catch (java.security.DigestException e) {
      throw new IllegalStateException("SHA-256 output does not fit 32 bytes", e);
    }
  }

  /** Returns the leaf hash of an entry. */
  byte[] leafHashAt(long index) {
    checkIndex(index, size);
    return levels.get(0).get(index);
  }

  /** Returns MTH(D[0:treeSize]). */
  byte[] root(long treeSize) {
    checkSize(treeSize);
    if (treeSize == 0) {
      return sha256.digest(new byte[0]);
    }
    return subtree(0, treeSize);
  }

  /**
   * MTH(D[start:start+n]) for a range of the RFC's recursion: {@code start} is a multiple of the
   * largest power of two not above {@code n}, so every complete subtree met is stored.
   */
  private byte[] subtree(long start, long n) {
    if (Long.bitCount(n) == 1) {
      int level = Long.numberOfTrailingZeros(n);
      return levels.get(level).get(start >>> level);
    }
    long k = largestPowerOfTwoBelow(n);
    return node(subtree(start, k), subtree(start + k, n - k));
  }

  byte[] node(byte[] left, byte[] right) {
    sha256.update((byte) 0x01);
    sha256.update(left);
    return sha256.digest(right);
  }

  /** RFC 9162 2.1.3.1 PATH(m, D[0:n]), leaf first. */
  List<byte[]> inclusionPath(long index, long treeSize) {
    checkSize(treeSize);
    checkIndex(index, treeSize);
    List<byte[]> path = new ArrayList<>();
    path(index, 0, treeSize, path);
    return path;
  }

  private void path(long m, long start, long n, List<byte[]> out) {
    if (n <= 1) {
      return;
    }
    long k = largestPowerOfTwoBelow(n);
    if (m < k) {
      path(m, start, k, out);
      out.add(subtree(start + k, n - k));
    } else {
      path(m - k, start + k, n - k, out);
      out.add(subtree(start, k));
    }
  }

  /** RFC 9162 2.1.4.1 PROOF(m, D[0:n]). Empty when m is 0 or m == n. */
  List<byte[]> consistencyPath(long first, long second) {
    checkSize(second);
    if (first < 0 || first > second) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "consistency proof sizes; expected 0 <= first <= second, but got %d and %d",
              first,
              second));
    }
    List<byte[]> proof = new ArrayList<>();
    if (first > 0 && first < second) {
      subproof(first, 0, second, true, proof);
    }
    return proof;
  }

  private void subproof(long m, long start, long n, boolean complete, List<byte[]> out) {
    if (m == n) {
      if (!complete) {
        out.add(subtree(start, n));
      }
      return;
    }
    long k = largestPowerOfTwoBelow(n);
    if (m <= k) {
      subproof(m, start, k, complete, out);
      out.add(subtree(start + k, n - k));
    } else {
      subproof(m - k, start + k, n - k, false, out);
      out.add(subtree(start, k));
    }
  }

  /** The largest power of two strictly below n, for n >= 2 (RFC 9162's split point k). */
  static long largestPowerOfTwoBelow(long n) {
    return Long.highestOneBit(n - 1);
  }

  private void checkSize(long treeSize) {
    if (treeSize < 0 || treeSize > size) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "tree size; expected 0 to %d, but got %d", size, treeSize));
    }
  }

  private static void checkIndex(long index, long treeSize) {
    if (index < 0 || index >= treeSize) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT, "leaf index; expected 0 to %d, but got %d", treeSize - 1, index));
    }
  }

  /** A growable array of 32-byte hashes in 1 MiB chunks (no object per hash). */
  static final class HashArray {
    private static final int CHUNK_SHIFT = 15;
    private static final int CHUNK_HASHES = 1 << CHUNK_SHIFT;
    private static final int MASK = CHUNK_HASHES - 1;

    private byte[][] chunks = new byte[1][];
    private long size;

    long size() {
      return size;
    }

    void add(byte[] hash, int offset) {
      int chunk = (int) (size >>> CHUNK_SHIFT);
      if (chunk == chunks.length) {
        chunks = Arrays.copyOf(chunks, chunks.length * 2);
      }
      byte[] c = chunks[chunk];
      if (c == null) {
        // The first chunk of a level starts small: most levels hold few hashes.
        c = new byte[HASH_BYTES * (chunk == 0 ? 16 : CHUNK_HASHES)];
        chunks[chunk] = c;
      }
      int at = (int) (size & MASK) * HASH_BYTES;
      if (at + HASH_BYTES > c.length) {
        c = Arrays.copyOf(c, Math.min(c.length * 2, HASH_BYTES * CHUNK_HASHES));
        chunks[chunk] = c;
      }
      System.arraycopy(hash, offset, c, at, HASH_BYTES);
      size++;
    }

    byte[] get(long index) {
      byte[] c = chunks[(int) (index >>> CHUNK_SHIFT)];
      int at = (int) (index & MASK) * HASH_BYTES;
      return Arrays.copyOfRange(c, at, at + HASH_BYTES);
    }

    void updateDigest(MessageDigest digest, long index) {
      byte[] c = chunks[(int) (index >>> CHUNK_SHIFT)];
      digest.update(c, (int) (index & MASK) * HASH_BYTES, HASH_BYTES);
    }
  }
}
