package io.souverix.attestation.result;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A claim of the AR4SI trustworthiness vector (draft-ietf-rats-ar4si, section 2.3), such as {@code
 * instance-identity} or {@code configuration}. An open enumeration: the eight standard claims are
 * constants, and {@link #of(String)} accepts other well-formed names.
 *
 * @since 0.1
 */
public final class TrustClaim {
  private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  /** The attester is a recognised, genuine instance. */
  public static final TrustClaim INSTANCE_IDENTITY = new TrustClaim("instance-identity");

  /** The attester's configuration is approved. */
  public static final TrustClaim CONFIGURATION = new TrustClaim("configuration");

  /** The attester runs only approved executables (firmware, boot chain, applications). */
  public static final TrustClaim EXECUTABLES = new TrustClaim("executables");

  /** The attester's file system holds only approved content. */
  public static final TrustClaim FILE_SYSTEM = new TrustClaim("file-system");

  /** The attester's hardware is genuine and as expected. */
  public static final TrustClaim HARDWARE = new TrustClaim("hardware");

  /** The attester's run-time memory is protected from outside observation. */
  public static final TrustClaim RUNTIME_OPAQUE = new TrustClaim("runtime-opaque");

  /** The attester's persistent storage is protected from outside observation. */
  public static final TrustClaim STORAGE_OPAQUE = new TrustClaim("storage-opaque");

  /** The data the attester sources from elsewhere is trustworthy. */
  public static final TrustClaim SOURCED_DATA = new TrustClaim("sourced-data");

  private static final List<TrustClaim> STANDARD =
      List.of(
          INSTANCE_IDENTITY,
          CONFIGURATION,
          EXECUTABLES,
          FILE_SYSTEM,
          HARDWARE,
          RUNTIME_OPAQUE,
          STORAGE_OPAQUE,
          SOURCED_DATA);

  private final String name;

  private TrustClaim(String name) {
    this.name = name;
  }

  /**
   * Returns the claim of a name: a standard constant, or a new claim for another name.
   *
   * @param name lower-case letters and digits in hyphen-separated words, at most 64 characters
   * @return the claim
   * @throws IllegalArgumentException if the name is not of that form
   */
  public static TrustClaim of(String name) {
    Objects.requireNonNull(name, "name");
    for (TrustClaim c : STANDARD) {
      if (c.name.equals(name)) {
        return c;
      }
    }
    if (name.length() > 64 || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "trustworthiness claim name; expected lower-case hyphenated words of at most 64"
                  + " characters, but got '%s'",
              name.length() > 64 ? name.substring(0, 64) + "..." : name));
    }
    return new TrustClaim(name);
  }

  /**
   * Returns the eight claims defined by AR4SI, in its order.
   *
   * @return an unmodifiable list
   */
  public static List<TrustClaim> standard() {
    return STANDARD;
  }

  /**
   * Returns the claim's name in the trustworthiness vector.
   *
   * @return for example {@code "instance-identity"}
   */
  public String name() {
    return name;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TrustClaim && ((TrustClaim) o).name.equals(name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return name;
  }
}
