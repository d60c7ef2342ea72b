package io.souverix.attestation.tpm;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A TPM hash algorithm ({@code TPM_ALG_ID}): a PCR bank and the digest of a signing scheme. An open
 * enumeration of constants.
 *
 * @since 0.1
 */
public final class TpmHash {
  /** SHA-1 ({@code TPM_ALG_SHA1}, 0x0004): PCR banks only, never accepted for signatures. */
  public static final TpmHash SHA1 = new TpmHash(0x0004, "sha1", "SHA-1", 20);

  /** SHA-256 ({@code TPM_ALG_SHA256}, 0x000B). */
  public static final TpmHash SHA256 = new TpmHash(0x000B, "sha256", "SHA-256", 32);

  /** SHA-384 ({@code TPM_ALG_SHA384}, 0x000C). */
  public static final TpmHash SHA384 = new TpmHash(0x000C, "sha384", "SHA-384", 48);

  /** SHA-512 ({@code TPM_ALG_SHA512}, 0x000D). */
  public static final TpmHash SHA512 = new TpmHash(0x000D, "sha512", "SHA-512", 64);

  private static final List<TpmHash> KNOWN = List.of(SHA1, SHA256, SHA384, SHA512);

  private final int id;
  private final String name;
  private final String jcaName;
  private final int digestLength;

  private TpmHash(int id, String name, String jcaName, int digestLength) {
    this.id = id;
    this.name = name;
    this.jcaName = jcaName;
    this.digestLength = digestLength;
  }

  /**
   * Finds an algorithm by the name tpm2-tools uses.
   *
   * @param name {@code sha1}, {@code sha256}, {@code sha384} or {@code sha512}, any case; not null
   * @return the algorithm, or empty when the name is none of these
   */
  public static Optional<TpmHash> named(String name) {
    Objects.requireNonNull(name, "name");
    String lower = name.toLowerCase(Locale.ROOT);
    return KNOWN.stream().filter(h -> h.name.equals(lower)).findFirst();
  }

  /** The algorithm of a {@code TPM_ALG_ID}; empty when unknown. */
  static Optional<TpmHash> ofId(int id) {
    return KNOWN.stream().filter(h -> h.id == id).findFirst();
  }

  /**
   * Returns the {@code TPM_ALG_ID}.
   *
   * @return the algorithm identifier, for example 0x000B
   */
  public int id() {
    return id;
  }

  /**
   * Returns the name tpm2-tools uses.
   *
   * @return for example {@code sha256}
   */
  public String name() {
    return name;
  }

  /**
   * Returns the digest length.
   *
   * @return bytes per digest, for example 32
   */
  public int digestLength() {
    return digestLength;
  }

  /** The JCA name, for example SHA-256. */
  String jcaName() {
    return jcaName;
  }

  /** A new digest instance of this algorithm. */
  MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance(jcaName);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide " + jcaName, e);
    }
  }

  /** {@code PCR_new = H(PCR_old || digest)}. */
  byte[] extend(byte[] pcr, byte[] digest) {
    MessageDigest md = newDigest();
    md.update(pcr);
    md.update(digest);
    return md.digest();
  }

  @Override
  public String toString() {
    return name;
  }
}
