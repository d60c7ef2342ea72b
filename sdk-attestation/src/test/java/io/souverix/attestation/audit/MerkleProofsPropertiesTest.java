package io.souverix.attestation.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Every proof verifies, and no tampered proof does, for random tree sizes. */
class MerkleProofsPropertiesTest {
  private static final List<byte[]> ENTRIES = NaiveMerkle.entries(300);
  private static final MerkleTree TREE = tree();

  private static MerkleTree tree() {
    MerkleTree t = new MerkleTree();
    ENTRIES.forEach(t::append);
    return t;
  }

  private static List<byte[]> flip(List<byte[]> path, int element, int bit) {
    List<byte[]> copy = new ArrayList<>();
    for (byte[] p : path) {
      copy.add(p.clone());
    }
    byte[] target = copy.get(element % copy.size());
    target[(bit / 8) % target.length] ^= (byte) (1 << (bit % 8));
    return copy;
  }

  @Property(tries = 300)
  void inclusion_randomSizeAndIndex_verifiesAndTamperingFails(
      @ForAll @IntRange(min = 1, max = 300) int n,
      @ForAll @IntRange(min = 0, max = 299) int i,
      @ForAll @IntRange(min = 0, max = 20) int element,
      @ForAll @IntRange(min = 0, max = 255) int bit) {
    int m = i % n;
    byte[] root = TREE.root(n);
    byte[] leaf = TREE.leafHashAt(m);
    List<byte[]> path = TREE.inclusionPath(m, n);
    assertThat(root).isEqualTo(NaiveMerkle.mth(ENTRIES.subList(0, n)));
    assertThat(MerkleProofs.verifyInclusion(leaf, m, n, path, root)).isTrue();

    byte[] otherLeaf = MerkleProofs.leafHash(new byte[] {(byte) 0xff, (byte) m});
    assertThat(MerkleProofs.verifyInclusion(otherLeaf, m, n, path, root)).isFalse();
    assertThat(MerkleProofs.verifyInclusion(leaf, m, n, path, TREE.root(n == 1 ? 0 : n - 1)))
        .isFalse();
    if (!path.isEmpty()) {
      assertThat(MerkleProofs.verifyInclusion(leaf, m, n, flip(path, element, bit), root))
          .isFalse();
      assertThat(MerkleProofs.verifyInclusion(leaf, m, n, path.subList(0, path.size() - 1), root))
          .isFalse();
      int other = m + 1 < n ? m + 1 : m - 1;
      assertThat(MerkleProofs.verifyInclusion(leaf, other, n, path, root)).isFalse();
    }
    List<byte[]> longer = new ArrayList<>(path);
    longer.add(new byte[32]);
    assertThat(MerkleProofs.verifyInclusion(leaf, m, n, longer, root)).isFalse();
  }

  @Property(tries = 300)
  void consistency_randomSizes_verifiesAndTamperingFails(
      @ForAll @IntRange(min = 1, max = 300) int n,
      @ForAll @IntRange(min = 1, max = 300) int first,
      @ForAll @IntRange(min = 0, max = 20) int element,
      @ForAll @IntRange(min = 0, max = 255) int bit) {
    int m = 1 + (first - 1) % n;
    byte[] r1 = TREE.root(m);
    byte[] r2 = TREE.root(n);
    List<byte[]> proof = TREE.consistencyPath(m, n);
    assertThat(MerkleProofs.verifyConsistency(m, n, r1, r2, proof)).isTrue();
    if (m == n) {
      assertThat(proof).isEmpty();
      return;
    }
    assertThat(proof).isNotEmpty();
    assertThat(MerkleProofs.verifyConsistency(m, n, r1, r2, flip(proof, element, bit))).isFalse();
    assertThat(MerkleProofs.verifyConsistency(m, n, TREE.root(m - 1), r2, proof)).isFalse();
    assertThat(MerkleProofs.verifyConsistency(m, n, r1, TREE.root(n - 1), proof)).isFalse();
    assertThat(MerkleProofs.verifyConsistency(m, n, r1, r2, proof.subList(0, proof.size() - 1)))
        .isFalse();
    List<byte[]> longer = new ArrayList<>(proof);
    longer.add(new byte[32]);
    assertThat(MerkleProofs.verifyConsistency(m, n, r1, r2, longer)).isFalse();
  }
}
