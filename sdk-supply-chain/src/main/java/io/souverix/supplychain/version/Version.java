package io.souverix.supplychain.version;

import java.util.Locale;
import java.util.Objects;

/**
 * A version of one {@link VersionScheme}: comparable with versions of the same scheme, equal to
 * another exactly when they compare as equal (for example Maven's {@code 1.0} and {@code 1.0.0}, or
 * SemVer versions that differ only in build metadata).
 *
 * @since 0.1
 */
public final class Version implements Comparable<Version> {
  private final VersionScheme scheme;
  private final String text;
  private final ParsedVersion parsed;

  Version(VersionScheme scheme, String text, ParsedVersion parsed) {
    this.scheme = scheme;
    this.text = text;
    this.parsed = parsed;
  }

  /**
   * Returns the scheme.
   *
   * @return the scheme
   * @since 0.1
   */
  public VersionScheme scheme() {
    return scheme;
  }

  /**
   * Returns the text as given.
   *
   * @return the text
   * @since 0.1
   */
  public String text() {
    return text;
  }

  /**
   * Returns the canonical form, equal for two versions exactly when they compare as equal.
   *
   * @return the canonical form
   * @since 0.1
   */
  public String canonical() {
    return parsed.canonical();
  }

  /**
   * Compares with a version of the same scheme.
   *
   * @param other the other version; not null
   * @return negative, zero or positive as this is below, equal to or above {@code other}
   * @throws IllegalArgumentException if {@code other} is of another scheme
   * @since 0.1
   */
  @Override
  public int compareTo(Version other) {
    Objects.requireNonNull(other, "other");
    if (other.scheme != scheme) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "version scheme; expected %s, but got %s ('%s')",
              scheme,
              other.scheme,
              other.text));
    }
    return Integer.signum(parsed.compareTo(other.parsed));
  }

  /**
   * Tells whether this version is below another of the same scheme.
   *
   * @param other the other version; not null
   * @return true if this is strictly below {@code other}
   * @throws IllegalArgumentException if {@code other} is of another scheme
   * @since 0.1
   */
  public boolean isBelow(Version other) {
    return compareTo(other) < 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Version v && v.scheme == scheme && v.canonical().equals(canonical());
  }

  @Override
  public int hashCode() {
    return scheme.hashCode() * 31 + canonical().hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
