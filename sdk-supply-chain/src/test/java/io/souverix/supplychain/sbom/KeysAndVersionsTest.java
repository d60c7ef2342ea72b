package io.souverix.supplychain.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.souverix.supplychain.version.VersionScheme;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeysAndVersionsTest {
  @Test
  void key_npmScopedPurl_decodesAndDropsVersion() {
    assertThat(Keys.key("pkg:npm/%40babel/parser@7.21.2#packages/babel-parser", "@babel", "parser"))
        .isEqualTo("pkg:npm/@babel/parser#packages/babel-parser");
  }

  @Test
  void key_pypiAndQualifiers_normalised() {
    assertThat(Keys.key("pkg:PyPI/Django_REST.framework@3.0", null, "x"))
        .isEqualTo("pkg:pypi/django-rest-framework");
    assertThat(
            Keys.key(
                "pkg:maven/org.a/b@1.0?type=jar&repository_url=x&classifier=sources", null, "b"))
        .isEqualTo("pkg:maven/org.a/b?classifier=sources");
    assertThat(Keys.key("pkg:maven/org.a/b@1.0?type=pom", null, "b"))
        .isEqualTo("pkg:maven/org.a/b?type=pom");
  }

  @Test
  void key_withoutPurl_usesGroupAndName() {
    assertThat(Keys.key(null, "org.a", "b")).isEqualTo("gn:org.a/b");
  }

  @Test
  void direction_releasesAndQualifiers_ordered() {
    assertThat(VersionOrder.direction(null, "1.2", "1.10"))
        .isEqualTo(VersionOrder.Direction.UPGRADE);
    assertThat(VersionOrder.direction(null, "1.0.0-rc1", "1.0.0"))
        .isEqualTo(VersionOrder.Direction.UPGRADE);
    assertThat(VersionOrder.direction(null, "1.0-SNAPSHOT", "1.0-beta"))
        .isEqualTo(VersionOrder.Direction.DOWNGRADE);
    assertThat(VersionOrder.direction(null, "1.0.Final", "1.0-sp1"))
        .isEqualTo(VersionOrder.Direction.UPGRADE);
    assertThat(VersionOrder.direction(null, "v0.0.0-2020-a", "v0.0.0-2021-b"))
        .isEqualTo(VersionOrder.Direction.UPGRADE);
    assertThat(VersionOrder.direction(null, "1.0-foo", "1.0-bar"))
        .isEqualTo(VersionOrder.Direction.UNKNOWN);
    assertThat(VersionOrder.direction(null, "latest", "1.0"))
        .isEqualTo(VersionOrder.Direction.UNKNOWN);
  }

  @Test
  void direction_ecosystemSchemes_followTheEcosystem() {
    VersionScheme maven = VersionOrder.scheme("pkg:maven/org.a/b");
    VersionScheme npm = VersionOrder.scheme("pkg:npm/%40babel/parser");
    VersionScheme deb = VersionOrder.scheme("pkg:deb/debian/openssl?arch=amd64");
    assertThat(maven).isEqualTo(VersionScheme.MAVEN);
    assertThat(npm).isEqualTo(VersionScheme.SEMVER);
    assertThat(deb).isEqualTo(VersionScheme.DEBIAN);
    assertThat(VersionOrder.scheme("pkg:pypi/django")).isNull();
    assertThat(VersionOrder.scheme("gn:org.a/b")).isNull();

    // Maven: qualifiers below the release, unknown qualifiers ordered as text (lenient: unknown)
    assertThat(VersionOrder.direction(maven, "1.0-alpha", "1.0"))
        .isEqualTo(VersionOrder.Direction.UPGRADE);
    assertThat(VersionOrder.direction(maven, "1.0-alpha-1", "1.0-beta"))
        .isEqualTo(VersionOrder.Direction.UPGRADE);
    assertThat(VersionOrder.direction(maven, "1.0", "1.0.0"))
        .isEqualTo(VersionOrder.Direction.UNKNOWN);
    assertThat(VersionOrder.direction(maven, "1.0-foo", "1.0-bar"))
        .isEqualTo(VersionOrder.Direction.DOWNGRADE);
    assertThat(VersionOrder.direction(null, "1.0-foo", "1.0-bar"))
        .isEqualTo(VersionOrder.Direction.UNKNOWN);

    // Debian: the epoch wins over the upstream version (lenient: 1 < 2), tilde before everything
    assertThat(VersionOrder.direction(deb, "1:1.1.1", "3.0.0"))
        .isEqualTo(VersionOrder.Direction.DOWNGRADE);
    assertThat(VersionOrder.direction(null, "1:1.1.1", "3.0.0"))
        .isEqualTo(VersionOrder.Direction.UPGRADE);
    assertThat(VersionOrder.direction(deb, "1.0~rc1-1", "1.0-1"))
        .isEqualTo(VersionOrder.Direction.UPGRADE);
    assertThat(VersionOrder.direction(deb, "1.0~~", "1.0~"))
        .isEqualTo(VersionOrder.Direction.UPGRADE);
    assertThat(VersionOrder.direction(deb, "2.30-1ubuntu1", "2.30-1"))
        .isEqualTo(VersionOrder.Direction.DOWNGRADE);

    // SemVer: numeric identifiers below alphanumeric ones (lenient: a number above a word)
    assertThat(VersionOrder.direction(npm, "1.0.0-alpha.1", "1.0.0-alpha.beta"))
        .isEqualTo(VersionOrder.Direction.UPGRADE);
    assertThat(VersionOrder.direction(null, "1.0.0-alpha.1", "1.0.0-alpha.beta"))
        .isEqualTo(VersionOrder.Direction.DOWNGRADE);
    assertThat(VersionOrder.direction(npm, "1.0.0-rc.1", "1.0.0"))
        .isEqualTo(VersionOrder.Direction.UPGRADE);
    assertThat(VersionOrder.direction(npm, "1.0.0+build.1", "1.0.0+build.2"))
        .isEqualTo(VersionOrder.Direction.UNKNOWN);

    // Not a version of the scheme: the lenient order answers
    assertThat(VersionOrder.direction(npm, "1.2", "1.10"))
        .isEqualTo(VersionOrder.Direction.UPGRADE);
    assertThat(VersionOrder.direction(npm, "latest", "1.0.0"))
        .isEqualTo(VersionOrder.Direction.UNKNOWN);
  }

  @Test
  void diff_debianEpochAndSemverPreRelease_classifiedByTheEcosystem() {
    SbomDiff d =
        SbomDiffer.diff(
            bom(deb("1:1.1.1"), npm("1.0.0-alpha.1")), bom(deb("3.0.0"), npm("1.0.0-alpha.beta")));

    assertThat(d.versionChanged())
        .extracting(SbomDiff.VersionChange::key, SbomDiff.VersionChange::direction)
        .containsExactly(
            tuple("pkg:deb/debian/openssl?arch=amd64", "downgrade"),
            tuple("pkg:npm/left-pad", "upgrade"));
  }

  @Test
  void diff_severalNpmVersions_pairedInSemverOrder() {
    // SemVer puts alpha.1 below alpha.beta (the lenient order the other way round)
    SbomDiff d =
        SbomDiffer.diff(
            bom(npm("1.0.0-alpha.beta"), npm("1.0.0-alpha.1")), bom(npm("3.0.0"), npm("2.0.0")));

    assertThat(d.versionChanged())
        .extracting(SbomDiff.VersionChange::oldVersion, SbomDiff.VersionChange::newVersion)
        .containsExactlyInAnyOrder(
            tuple("1.0.0-alpha.1", "2.0.0"), tuple("1.0.0-alpha.beta", "3.0.0"));
  }

  private static Sbom bom(SbomComponent... components) {
    return new Sbom("1.6", Sbom.Format.JSON, null, List.of(components), List.of());
  }

  private static SbomComponent deb(String version) {
    return component("pkg:deb/debian/openssl@" + version + "?arch=amd64", "openssl", version);
  }

  private static SbomComponent npm(String version) {
    return component("pkg:npm/left-pad@" + version, "left-pad", version);
  }

  private static SbomComponent maven(String version) {
    return component("pkg:maven/org.a/b@" + version, "b", version);
  }

  private static SbomComponent component(String purl, String name, String version) {
    return new SbomComponent(
        null, Keys.key(purl, null, name), purl, null, name, version, Map.of(), List.of(), null);
  }
}
