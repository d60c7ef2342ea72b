package io.souverix.supplychain.version;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A version scheme of an ecosystem: how its version strings are read and ordered. An open set of
 * named constants; each orders its versions totally, and two versions are {@linkplain
 * Version#equals equal} exactly when they compare as equal.
 *
 * <ul>
 *   <li>{@link #SEMVER}: Semantic Versioning 2.0.0 precedence, pre-releases included;
 *   <li>{@link #MAVEN}: Maven's {@code ComparableVersion} order ({@code alpha < beta < milestone <
 *       rc < snapshot < "" < sp});
 *   <li>{@link #DEBIAN}: {@code [epoch:]upstream[-revision]} with the dpkg algorithm ({@code ~}
 *       sorts before everything), also the shape of RPM's epoch:version-release;
 *   <li>{@link #CALVER}: calendar versions {@code YYYY.MM[.DD][.MICRO]}.
 * </ul>
 *
 * @since 0.1
 */
public final class VersionScheme {
  /** Longest version text accepted by any scheme. */
  public static final int MAX_LENGTH = 256;

  /** Semantic Versioning 2.0.0. */
  public static final VersionScheme SEMVER = new VersionScheme("semver", SemVer::parse);

  /** Maven (ComparableVersion). */
  public static final VersionScheme MAVEN = new VersionScheme("maven", MavenVersion::parse);

  /** Debian/RPM-style versions, ordered by dpkg. */
  public static final VersionScheme DEBIAN = new VersionScheme("debian", DebianVersion::parse);

  /** Calendar versions. */
  public static final VersionScheme CALVER = new VersionScheme("calver", CalendarVersion::parse);

  private static final Map<String, VersionScheme> BY_NAME =
      Map.of("semver", SEMVER, "maven", MAVEN, "debian", DEBIAN, "calver", CALVER);

  /** Package URL types whose versions follow one of the schemes. */
  private static final Map<String, VersionScheme> BY_PURL_TYPE =
      Map.of(
          "maven", MAVEN,
          "npm", SEMVER,
          "cargo", SEMVER,
          "golang", SEMVER,
          "deb", DEBIAN,
          "rpm", DEBIAN);

  /** Parses one grammar. */
  interface Grammar {
    ParsedVersion parse(String text) throws VersionException;
  }

  private final String name;
  private final Grammar grammar;

  private VersionScheme(String name, Grammar grammar) {
    this.name = name;
    this.grammar = grammar;
  }

  /**
   * Returns a built-in scheme by name.
   *
   * @param name {@code semver}, {@code maven}, {@code debian} or {@code calver}; not null
   * @return the scheme, or empty if no scheme has this name
   * @since 0.1
   */
  public static Optional<VersionScheme> named(String name) {
    Objects.requireNonNull(name, "name");
    return Optional.ofNullable(BY_NAME.get(name.toLowerCase(Locale.ROOT)));
  }

  /**
   * Returns the scheme of a package URL type ({@code pkg:maven/...} uses Maven's order, {@code
   * npm}, {@code cargo} and {@code golang} use SemVer, {@code deb} and {@code rpm} use dpkg's).
   *
   * @param purlType the purl type, for example {@code "maven"}; not null
   * @return the scheme, or empty if the type has none here
   * @since 0.1
   */
  public static Optional<VersionScheme> forPurlType(String purlType) {
    Objects.requireNonNull(purlType, "purlType");
    return Optional.ofNullable(BY_PURL_TYPE.get(purlType.toLowerCase(Locale.ROOT)));
  }

  /**
   * Returns the scheme's name.
   *
   * @return the name, for example {@code "semver"}
   * @since 0.1
   */
  public String name() {
    return name;
  }

  /**
   * Reads a version.
   *
   * @param text the version text; not null
   * @return the version
   * @throws VersionException {@code MALFORMED_VERSION} if the text is not a version of this scheme
   * @since 0.1
   */
  public Version parse(String text) throws VersionException {
    Objects.requireNonNull(text, "text");
    return new Version(this, text, grammar.parse(text));
  }

  /**
   * Compares two version texts.
   *
   * @param a the first version; not null
   * @param b the second version; not null
   * @return negative, zero or positive as {@code a} is below, equal to or above {@code b}
   * @throws VersionException {@code MALFORMED_VERSION} if either is not a version of this scheme
   * @since 0.1
   */
  public int compare(String a, String b) throws VersionException {
    return parse(a).compareTo(parse(b));
  }

  /**
   * Reads a range of this scheme; see {@link VersionRange#parse(VersionScheme, String)}.
   *
   * @param text the range text; not null
   * @return the range
   * @throws VersionException {@code MALFORMED_RANGE} or {@code MALFORMED_VERSION} if it cannot be
   *     read
   * @since 0.1
   */
  public VersionRange range(String text) throws VersionException {
    return VersionRange.parse(this, text);
  }

  static String clip(String text) {
    return text.length() <= 64 ? text : text.substring(0, 64) + "...";
  }

  @Override
  public String toString() {
    return name;
  }
}
