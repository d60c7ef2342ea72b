package io.souverix.lifecycle.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 digests as lower-case hex. */
public final class Sha256 {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  // MessageDigest.getInstance walks the provider list on every call; hashing is on the append
  // hot path, so each thread keeps one instance (digest() resets it).
  private static final ThreadLocal<MessageDigest> DIGEST =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("every Java platform must provide SHA-256", e);
            }
          });

  private Sha256() {}

  /** Returns the hex SHA-256 of the UTF-8 bytes of {@code text}. */
  public static String hex(String text) {
    return hex(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Returns the raw 32-byte SHA-256 of {@code bytes}. */
  public static byte[] digest(byte[] bytes) {
    return DIGEST.get().digest(bytes);
  }

  /** Returns the hex SHA-256 of {@code bytes}. */
  public static String hex(byte[] bytes) {
    byte[] d = digest(bytes);
    char[] out = new char[d.length * 2];
    for (int i = 0; i < d.length; i++) {
      out[2 * i] = HEX[(d[i] >> 4) & 0xF];
      out[2 * i + 1] = HEX[d[i] & 0xF];
    }
    return new String(out);
  }
}
