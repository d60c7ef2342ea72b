package io.souverix.attestation.audit;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * A deliberately naive second implementation of RFC 9162 section 2.1, written from the RFC's
 * recursive definitions and nothing else: every hash is recomputed from all the leaves, no node is
 * stored. The tests compare the real tree against it.
 */
final class NaiveMerkle {
  private NaiveMerkle() {}

  private static final MessageDigest SHA256 = newSha256();

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  static synchronized byte[] sha256(byte[]... parts) {
    for (byte[] p : parts) {
      SHA256.update(p);
    }
    return SHA256.digest();
  }

  static byte[] leaf(byte[] entry) {
    return sha256(new byte[] {0x00}, entry);
  }

  /** MTH(D[n]) over the raw entries. */
  static byte[] mth(List<byte[]> d) {
    int n = d.size();
    if (n == 0) {
      return sha256();
    }
    if (n == 1) {
      return leaf(d.get(0));
    }
    int k = k(n);
    return sha256(new byte[] {0x01}, mth(d.subList(0, k)), mth(d.subList(k, n)));
  }

  /** The largest power of two smaller than n, found by counting up. */
  static int k(int n) {
    int k = 1;
    while (k * 2 < n) {
      k *= 2;
    }
    return k;
  }

  /** PATH(m, D[n]). */
  static List<byte[]> path(int m, List<byte[]> d) {
    int n = d.size();
    List<byte[]> out = new ArrayList<>();
    if (n == 1) {
      return out;
    }
    int k = k(n);
    if (m < k) {
      out.addAll(path(m, d.subList(0, k)));
      out.add(mth(d.subList(k, n)));
    } else {
      out.addAll(path(m - k, d.subList(k, n)));
      out.add(mth(d.subList(0, k)));
    }
    return out;
  }

  /** PROOF(m, D[n]) = SUBPROOF(m, D[n], true), for 0 < m < n. */
  static List<byte[]> proof(int m, List<byte[]> d) {
    return subproof(m, d, true);
  }

  private static List<byte[]> subproof(int m, List<byte[]> d, boolean b) {
    int n = d.size();
    List<byte[]> out = new ArrayList<>();
    if (m == n) {
      if (!b) {
        out.add(mth(d));
      }
      return out;
    }
    int k = k(n);
    if (m <= k) {
      out.addAll(subproof(m, d.subList(0, k), b));
      out.add(mth(d.subList(k, n)));
    } else {
      out.addAll(subproof(m - k, d.subList(k, n), false));
      out.add(mth(d.subList(0, k)));
    }
    return out;
  }

  /** Deterministic distinct entries of varying length. */
  static List<byte[]> entries(int n) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(ByteBuffer.allocate(4 + i % 7).putInt(i).array());
    }
    return out;
  }
}
