package io.souverix.supplychain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A content digest in the OCI form {@code algorithm:hex}, such as {@code sha256:9f86d0...}: the
 * identity of an image, a firmware blob or an SBOM.
 *
 * <p>Only {@code sha256} and {@code sha512} are accepted; the hex part must have the algorithm's
 * length and be lower case, so that one artifact has exactly one textual digest.
 *
 * @since 0.1
 */
public final class Digest {
  private static final Pattern FORM = Pattern.compile("(sha256|sha512):([0-9a-f]+)");

  private final String algorithm;
  private final byte[] value;

  private Digest(String algorithm, byte[] value) {
    this.algorithm = algorithm;
    this.value = value;
  }

  /**
   * Parses {@code algorithm:hex}.
   *
   * @param text the digest text; not null
   * @return the digest
   * @throws IllegalArgumentException if the algorithm is not sha256/sha512 or the hex is malformed
   * @since 0.1
   */
  public static Digest parse(String text) {
    Objects.requireNonNull(text, "text");
    var m = FORM.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "digest; expected 'sha256:<lower-case hex>' or 'sha512:<lower-case hex>', but got"
                  + " '%s'",
              text.length() > 80 ? text.substring(0, 80) + "..." : text));
    }
    String alg = m.group(1);
    String hex = m.group(2);
    int expected = alg.equals("sha256") ? 64 : 128;
    if (hex.length() != expected) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "%s digest length; expected %d hex digits, but got %d",
              alg,
              expected,
              hex.length()));
    }
    byte[] v = new byte[hex.length() / 2];
    for (int i = 0; i < v.length; i++) {
      v[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    return new Digest(alg, v);
  }

  /**
   * Computes the SHA-256 digest of content.
   *
   * @param content the bytes; not null
   * @return the digest
   * @since 0.1
   */
  public static Digest sha256(byte[] content) {
    Objects.requireNonNull(content, "content");
    try {
      return new Digest("sha256", MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }

  /**
   * Returns whether {@code content} has this digest, comparing in constant time.
   *
   * @param content the bytes to check; not null
   * @return true if they match
   * @since 0.1
   */
  public boolean matches(byte[] content) {
    Objects.requireNonNull(content, "content");
    try {
      byte[] actual =
          MessageDigest.getInstance(algorithm.equals("sha256") ? "SHA-256" : "SHA-512")
              .digest(content);
      return MessageDigest.isEqual(actual, value);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides " + algorithm, e);
    }
  }

  /**
   * Returns the algorithm name.
   *
   * @return {@code sha256} or {@code sha512}
   */
  public String algorithm() {
    return algorithm;
  }

  /**
   * Returns the digest bytes.
   *
   * @return a copy
   */
  public byte[] value() {
    return value.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Digest
        && ((Digest) o).algorithm.equals(algorithm)
        && MessageDigest.isEqual(((Digest) o).value, value);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(value);
  }

  /** Returns {@code algorithm:hex}. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(algorithm.length() + 1 + value.length * 2);
    s.append(algorithm).append(':');
    for (byte b : value) {
      s.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
    }
    return s.toString();
  }
}
