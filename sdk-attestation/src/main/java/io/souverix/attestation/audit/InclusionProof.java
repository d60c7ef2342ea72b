package io.souverix.attestation.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An RFC 9162 inclusion proof: the audit path that proves the entry at {@link #index()} is in the
 * tree of {@link #treeSize()} entries.
 *
 * @since 0.1
 */
public final class InclusionProof {
  private final long index;
  private final long treeSize;
  private final List<byte[]> path;

  private InclusionProof(long index, long treeSize, List<byte[]> path) {
    this.index = index;
    this.treeSize = treeSize;
    this.path = path;
  }

  /**
   * Creates a proof from its parts, for example one received from another party.
   *
   * @param index the entry's index
   * @param treeSize the tree size
   * @param path the audit path, leaf side first; each element is copied
   * @return the proof
   * @throws IllegalArgumentException if {@code index} is not in {@code [0, treeSize)}
   */
  public static InclusionProof of(long index, long treeSize, List<byte[]> path) {
    Objects.requireNonNull(path, "path");
    if (index < 0 || index >= treeSize) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT, "leaf index; expected 0 to %d, but got %d", treeSize - 1, index));
    }
    return new InclusionProof(index, treeSize, copy(path));
  }

  static List<byte[]> copy(List<byte[]> path) {
    List<byte[]> c = new ArrayList<>(path.size());
    for (byte[] p : path) {
      c.add(Objects.requireNonNull(p, "path element").clone());
    }
    return c;
  }

  /**
   * Returns the index of the proven entry.
   *
   * @return the index, from 0
   */
  public long index() {
    return index;
  }

  /**
   * Returns the size of the tree the proof is for.
   *
   * @return the tree size
   */
  public long treeSize() {
    return treeSize;
  }

  /**
   * Returns the audit path.
   *
   * @return copies of the path's hashes, leaf side first
   */
  public List<byte[]> path() {
    return copy(path);
  }

  /**
   * Verifies the proof for an entry against a root hash.
   *
   * @param leafHash the entry's leaf hash ({@link MerkleProofs#leafHash(byte[])}); not null
   * @param rootHash the root hash of the tree of {@link #treeSize()} entries; not null
   * @return true if the proof holds
   */
  public boolean verify(byte[] leafHash, byte[] rootHash) {
    return MerkleProofs.verifyInclusion(leafHash, index, treeSize, path, rootHash);
  }

  /**
   * Verifies the proof for an entry against a signed tree head (whose signature the caller has
   * checked).
   *
   * @param leafHash the entry's leaf hash; not null
   * @param head the head; its size must be {@link #treeSize()}
   * @return true if the sizes agree and the proof holds
   */
  public boolean verify(byte[] leafHash, SignedTreeHead head) {
    return head.size() == treeSize && verify(leafHash, head.rootHash());
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "InclusionProof[index=%d, treeSize=%d, %d hashes]",
        index,
        treeSize,
        path.size());
  }
}
