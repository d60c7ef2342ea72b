package io.souverix.attestation.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tree against the RFC 6962/9162 reference data (the Certificate Transparency test leaves,
 * roots and proofs, as published with transparency-dev/merkle) and against {@link NaiveMerkle}.
 */
class MerkleTreeTest {
  private static final HexFormat HEX = HexFormat.of();

  private static final List<String> LEAVES =
      List.of(
          "",
          "00",
          "10",
          "2021",
          "3031",
          "40414243",
          "5051525354555657",
          "606162636465666768696a6b6c6d6e6f");

  private static final List<String> ROOTS =
      List.of(
          "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
          "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
          "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
          "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
          "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
          "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
          "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
          "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
          "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

  private static MerkleTree referenceTree() {
    MerkleTree t = new MerkleTree();
    for (String l : LEAVES) {
      t.append(HEX.parseHex(l));
    }
    return t;
  }

  private static List<String> hex(List<byte[]> path) {
    return path.stream().map(HEX::formatHex).toList();
  }

  @Test
  void root_referenceLeaves_matchesPublishedRootsForEverySize() {
    MerkleTree t = referenceTree();
    for (int size = 0; size <= LEAVES.size(); size++) {
      assertThat(HEX.formatHex(t.root(size))).as("size %d", size).isEqualTo(ROOTS.get(size));
    }
    assertThat(HEX.formatHex(MerkleProofs.emptyRoot())).isEqualTo(ROOTS.get(0));
    assertThat(HEX.formatHex(MerkleProofs.leafHash(new byte[0]))).isEqualTo(ROOTS.get(1));
  }

  @Test
  void inclusionPath_referenceLeaves_matchesPublishedProofs() {
    MerkleTree t = referenceTree();
    assertThat(hex(t.inclusionPath(0, 8)))
        .containsExactly(
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
    assertThat(hex(t.inclusionPath(5, 8)))
        .containsExactly(
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
    assertThat(t.inclusionPath(0, 1)).isEmpty();
  }

  @Test
  void consistencyPath_referenceLeaves_matchesPublishedProofs() {
    MerkleTree t = referenceTree();
    assertThat(hex(t.consistencyPath(2, 8)))
        .containsExactly(
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
    assertThat(hex(t.consistencyPath(6, 8)))
        .containsExactly(
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
    assertThat(hex(t.consistencyPath(2, 5)))
        .containsExactly(
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b");
    for (int[] p : new int[][] {{2, 8}, {6, 8}, {2, 5}}) {
      assertThat(
              MerkleProofs.verifyConsistency(
                  p[0],
                  p[1],
                  HEX.parseHex(ROOTS.get(p[0])),
                  HEX.parseHex(ROOTS.get(p[1])),
                  t.consistencyPath(p[0], p[1])))
          .as("%d -> %d", p[0], p[1])
          .isTrue();
    }
  }

  @Test
  void everySizeUpTo48_rootsAndAllProofs_equalTheNaiveImplementation() {
    List<byte[]> entries = NaiveMerkle.entries(48);
    MerkleTree t = new MerkleTree();
    for (byte[] e : entries) {
      t.append(e);
    }
    for (int n = 0; n <= entries.size(); n++) {
      List<byte[]> d = entries.subList(0, n);
      byte[] root = NaiveMerkle.mth(d);
      assertThat(t.root(n)).as("root %d", n).isEqualTo(root);
      for (int m = 0; m < n; m++) {
        List<byte[]> path = t.inclusionPath(m, n);
        assertThat(hex(path)).as("path %d of %d", m, n).isEqualTo(hex(NaiveMerkle.path(m, d)));
        assertThat(MerkleProofs.verifyInclusion(NaiveMerkle.leaf(entries.get(m)), m, n, path, root))
            .as("verify path %d of %d", m, n)
            .isTrue();
      }
      for (int m = 1; m < n; m++) {
        List<byte[]> proof = t.consistencyPath(m, n);
        assertThat(hex(proof)).as("proof %d -> %d", m, n).isEqualTo(hex(NaiveMerkle.proof(m, d)));
        assertThat(
                MerkleProofs.verifyConsistency(
                    m, n, NaiveMerkle.mth(entries.subList(0, m)), root, proof))
            .as("verify proof %d -> %d", m, n)
            .isTrue();
      }
    }
  }

  @Test
  void appends_storeEveryCompleteSubtree_soALargeTreeAgreesAtPowerOfTwoBoundaries() {
    List<byte[]> entries = NaiveMerkle.entries(1025);
    MerkleTree t = new MerkleTree();
    for (byte[] e : entries) {
      t.append(e);
    }
    for (int n : new int[] {511, 512, 513, 1000, 1023, 1024, 1025}) {
      assertThat(t.root(n)).as("root %d", n).isEqualTo(NaiveMerkle.mth(entries.subList(0, n)));
    }
    assertThat(hex(t.inclusionPath(700, 1025)))
        .isEqualTo(hex(NaiveMerkle.path(700, entries.subList(0, 1025))));
    assertThat(hex(t.consistencyPath(1000, 1025)))
        .isEqualTo(hex(NaiveMerkle.proof(1000, entries.subList(0, 1025))));
  }

  @Test
  void proofs_outOfRange_throw() {
    MerkleTree t = referenceTree();
    assertThatThrownBy(() -> t.inclusionPath(8, 8)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> t.inclusionPath(0, 9)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> t.consistencyPath(5, 3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> t.root(9)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void splitPoint_isTheLargestPowerOfTwoBelowN() {
    assertThat(MerkleTree.largestPowerOfTwoBelow(2)).isEqualTo(1);
    assertThat(MerkleTree.largestPowerOfTwoBelow(3)).isEqualTo(2);
    assertThat(MerkleTree.largestPowerOfTwoBelow(4)).isEqualTo(2);
    assertThat(MerkleTree.largestPowerOfTwoBelow(5)).isEqualTo(4);
    assertThat(MerkleTree.largestPowerOfTwoBelow(1000)).isEqualTo(512);
    assertThat(MerkleTree.largestPowerOfTwoBelow((1L << 40) + 1)).isEqualTo(1L << 40);
  }

  @Test
  void verifiers_degenerateAndMalformedInput_returnFalseOrTrueAsTheRfcSays() {
    MerkleTree t = referenceTree();
    byte[] r4 = t.root(4);
    byte[] r8 = t.root(8);
    assertThat(MerkleProofs.verifyConsistency(4, 4, r4, r4, List.of())).isTrue();
    assertThat(MerkleProofs.verifyConsistency(4, 4, r4, r8, List.of())).isFalse();
    assertThat(MerkleProofs.verifyConsistency(0, 8, MerkleProofs.emptyRoot(), r8, List.of()))
        .isTrue();
    assertThat(MerkleProofs.verifyConsistency(0, 8, r4, r8, List.of())).isFalse();
    assertThat(MerkleProofs.verifyConsistency(6, 8, t.root(6), r8, List.of())).isFalse();
    assertThat(MerkleProofs.verifyConsistency(8, 6, r8, t.root(6), t.consistencyPath(6, 8)))
        .isFalse();
    byte[] leaf5 = t.leafHashAt(5);
    List<byte[]> path = t.inclusionPath(5, 8);
    assertThat(MerkleProofs.verifyInclusion(leaf5, 5, 8, path, r8)).isTrue();
    assertThat(MerkleProofs.verifyInclusion(leaf5, 8, 8, path, r8)).isFalse();
    assertThat(MerkleProofs.verifyInclusion(leaf5, -1, 8, path, r8)).isFalse();
    assertThat(MerkleProofs.verifyInclusion(new byte[31], 5, 8, path, r8)).isFalse();
    assertThat(MerkleProofs.verifyInclusion(leaf5, 5, 8, path, new byte[31])).isFalse();
    // An interior node presented as a leaf: the prefixes keep it apart.
    assertThat(
            MerkleProofs.verifyInclusion(
                t.root(2), 0, 4, List.of(t.inclusionPath(2, 4).get(1)), r4))
        .isFalse();
  }
}
