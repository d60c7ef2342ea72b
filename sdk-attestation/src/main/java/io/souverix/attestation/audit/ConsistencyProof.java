package io.souverix.attestation.audit;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An RFC 9162 consistency proof: proves that the tree of {@link #secondSize()} entries extends the
 * tree of {@link #firstSize()} entries, nothing of it changed or removed.
 *
 * @since 0.1
 */
public final class ConsistencyProof {
  private final long firstSize;
  private final long secondSize;
  private final List<byte[]> path;

  private ConsistencyProof(long firstSize, long secondSize, List<byte[]> path) {
    this.firstSize = firstSize;
    this.secondSize = secondSize;
    this.path = path;
  }

  /**
   * Creates a proof from its parts, for example one received from another party.
   *
   * @param firstSize the earlier tree's size
   * @param secondSize the later tree's size
   * @param path the consistency path; each element is copied
   * @return the proof
   * @throws IllegalArgumentException unless {@code 0 <= firstSize <= secondSize}
   */
  public static ConsistencyProof of(long firstSize, long secondSize, List<byte[]> path) {
    Objects.requireNonNull(path, "path");
    if (firstSize < 0 || firstSize > secondSize) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "consistency proof sizes; expected 0 <= first <= second, but got %d and %d",
              firstSize,
              secondSize));
    }
    return new ConsistencyProof(firstSize, secondSize, InclusionProof.copy(path));
  }

  /**
   * Returns the earlier tree's size.
   *
   * @return the size
   */
  public long firstSize() {
    return firstSize;
  }

  /**
   * Returns the later tree's size.
   *
   * @return the size
   */
  public long secondSize() {
    return secondSize;
  }

  /**
   * Returns the consistency path.
   *
   * @return copies of the path's hashes
   */
  public List<byte[]> path() {
    return InclusionProof.copy(path);
  }

  /**
   * Verifies the proof against the two roots.
   *
   * @param firstRoot the root of the earlier tree; not null
   * @param secondRoot the root of the later tree; not null
   * @return true if the proof holds
   */
  public boolean verify(byte[] firstRoot, byte[] secondRoot) {
    return MerkleProofs.verifyConsistency(firstSize, secondSize, firstRoot, secondRoot, path);
  }

  /**
   * Verifies the proof between two signed tree heads (whose signatures the caller has checked).
   *
   * @param first the earlier head; its size must be {@link #firstSize()}
   * @param second the later head; its size must be {@link #secondSize()}
   * @return true if the sizes agree and the proof holds
   */
  public boolean verify(SignedTreeHead first, SignedTreeHead second) {
    return first.size() == firstSize
        && second.size() == secondSize
        && verify(first.rootHash(), second.rootHash());
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT, "ConsistencyProof[%d -> %d, %d hashes]", firstSize, secondSize, path.size());
  }
}
