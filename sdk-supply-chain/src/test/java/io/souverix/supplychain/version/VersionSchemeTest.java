package io.souverix.supplychain.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The orders of the ecosystems' own documentation, as ascending lists. */
class VersionSchemeTest {
  private static void assertAscending(VersionScheme scheme, String... versions) throws Exception {
    for (int i = 0; i + 1 < versions.length; i++) {
      assertThat(scheme.compare(versions[i], versions[i + 1]))
          .as("%s < %s", versions[i], versions[i + 1])
          .isNegative();
      assertThat(scheme.compare(versions[i + 1], versions[i]))
          .as("%s > %s", versions[i + 1], versions[i])
          .isPositive();
    }
  }

  private static void assertEqual(VersionScheme scheme, String a, String b) throws Exception {
    assertThat(scheme.compare(a, b)).as("%s = %s", a, b).isZero();
    assertThat(scheme.parse(a)).isEqualTo(scheme.parse(b)).hasSameHashCodeAs(scheme.parse(b));
  }

  @Test
  void semver_specExamples_ascending() throws Exception {
    // semver.org 2.0.0, section 11.
    assertAscending(VersionScheme.SEMVER, "1.0.0", "2.0.0", "2.1.0", "2.1.1");
    assertAscending(
        VersionScheme.SEMVER,
        "1.0.0-alpha",
        "1.0.0-alpha.1",
        "1.0.0-alpha.beta",
        "1.0.0-beta",
        "1.0.0-beta.2",
        "1.0.0-beta.11",
        "1.0.0-rc.1",
        "1.0.0");
  }

  @Test
  void semver_buildMetadata_ignoredInPrecedence() throws Exception {
    assertEqual(VersionScheme.SEMVER, "1.0.0+20130313144700", "1.0.0+exp.sha.5114f85");
    assertAscending(VersionScheme.SEMVER, "1.0.0-alpha+001", "1.0.0+21AF26D3");
  }

  @Test
  void semver_malformed_rejectedWithCode() {
    for (String bad : List.of("1.0", "01.0.0", "1.0.0-01", "v1.0.0", "1.0.0-", "1.0.0+", "")) {
      assertThatThrownBy(() -> VersionScheme.SEMVER.parse(bad))
          .as(bad)
          .isInstanceOfSatisfying(
              VersionException.class,
              e -> assertThat(e.code()).isEqualTo(VersionException.Code.MALFORMED_VERSION));
    }
  }

  @Test
  void maven_qualifierOrder_asComparableVersion() throws Exception {
    assertAscending(
        VersionScheme.MAVEN,
        "1-alpha",
        "1-beta",
        "1-milestone",
        "1-rc",
        "1-snapshot",
        "1",
        "1-sp",
        "1-abc",
        "1-1");
    assertAscending(VersionScheme.MAVEN, "1.0-alpha1", "1.0-alpha2", "1.0-beta1", "1.0-rc1");
    assertAscending(VersionScheme.MAVEN, "1", "1.1", "1.2", "1.10", "2.0");
  }

  @Test
  void maven_equalities_fromComparableVersionDocs() throws Exception {
    assertEqual(VersionScheme.MAVEN, "1", "1.0");
    assertEqual(VersionScheme.MAVEN, "1", "1.0.0");
    assertEqual(VersionScheme.MAVEN, "1.0", "1-ga");
    assertEqual(VersionScheme.MAVEN, "1.0", "1.0-final");
    assertEqual(VersionScheme.MAVEN, "1.0-RELEASE", "1.0");
    assertEqual(VersionScheme.MAVEN, "1-cr1", "1-rc1");
    assertEqual(VersionScheme.MAVEN, "1a1", "1-alpha-1");
    assertEqual(VersionScheme.MAVEN, "1-SNAPSHOT", "1-snapshot");
    assertThat(VersionScheme.MAVEN.parse("1.0.0-GA").canonical()).isEqualTo("1");
  }

  @Test
  void maven_snapshotAndServicePack_aroundRelease() throws Exception {
    assertAscending(VersionScheme.MAVEN, "2.0-SNAPSHOT", "2.0", "2.0-sp1", "2.1");
    assertAscending(VersionScheme.MAVEN, "2.0", "2.0.1", "2.0.1-sp1");
    assertAscending(VersionScheme.MAVEN, "1.0.0.RC1", "1.0.0.RC2", "1.0.0");
  }

  @Test
  void maven_zeroBeforeQualifier_totalWhereMavenCycles() throws Exception {
    // Maven itself orders 0 < a < 0.alpha < 0; here 0.alpha < 0 < a, with no cycle.
    assertAscending(VersionScheme.MAVEN, "0.alpha", "0", "a");
    assertThat(VersionScheme.MAVEN.compare("0.alpha", "a")).isNegative();
  }

  @Test
  void debian_dpkgExamples_ascending() throws Exception {
    // Debian Policy 5.6.12: '~' sorts before everything, even the end of a part.
    assertAscending(VersionScheme.DEBIAN, "1.0~~", "1.0~~a", "1.0~", "1.0", "1.0a");
    assertAscending(VersionScheme.DEBIAN, "1.0~rc1-1", "1.0-1", "1.0-1ubuntu1", "1.0-2", "1.0.1-1");
    assertAscending(VersionScheme.DEBIAN, "9.9-1", "1:0.1-1", "2:0.0.1");
    assertAscending(VersionScheme.DEBIAN, "1.2.3", "1.2.10", "1.10");
    // Letters sort before non-letters.
    assertAscending(VersionScheme.DEBIAN, "1.0a", "1.0+", "1.0.");
  }

  @Test
  void debian_equalities_numericAndDefaultEpoch() throws Exception {
    assertEqual(VersionScheme.DEBIAN, "0:1.0-1", "1.0-1");
    assertEqual(VersionScheme.DEBIAN, "1.01", "1.1");
    assertEqual(VersionScheme.DEBIAN, "1.0", "1.0-0");
    assertEqual(VersionScheme.DEBIAN, "2.7.4-0ubuntu1.6", "2.7.4-0ubuntu1.06");
  }

  @Test
  void debian_malformed_rejected() {
    for (String bad : List.of("a1.0", "x:1.0", "1.0-", "1.0-a_b", "")) {
      assertThatThrownBy(() -> VersionScheme.DEBIAN.parse(bad))
          .as(bad)
          .isInstanceOf(VersionException.class);
    }
  }

  @Test
  void calver_ordering_numericByPart() throws Exception {
    assertAscending(
        VersionScheme.CALVER,
        "2023.12",
        "2024.1",
        "2024.01.1",
        "2024.01.15",
        "2024.01.15.2",
        "2024.10");
    assertEqual(VersionScheme.CALVER, "2024.04", "2024.4");
    for (String bad : List.of("24.04", "2024.13", "2024.00", "2024.01.32.1", "2024")) {
      assertThatThrownBy(() -> VersionScheme.CALVER.parse(bad))
          .as(bad)
          .isInstanceOf(VersionException.class);
    }
  }

  @Test
  void compareTo_otherScheme_throws() throws Exception {
    Version a = VersionScheme.SEMVER.parse("1.0.0");
    Version b = VersionScheme.MAVEN.parse("1.0.0");
    assertThatThrownBy(() -> a.compareTo(b)).isInstanceOf(IllegalArgumentException.class);
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void forPurlType_knownTypes_mapped() {
    assertThat(VersionScheme.forPurlType("maven")).contains(VersionScheme.MAVEN);
    assertThat(VersionScheme.forPurlType("deb")).contains(VersionScheme.DEBIAN);
    assertThat(VersionScheme.forPurlType("npm")).contains(VersionScheme.SEMVER);
    assertThat(VersionScheme.forPurlType("pypi")).isEmpty();
    assertThat(VersionScheme.named("CalVer")).contains(VersionScheme.CALVER);
  }

  @Test
  void maven_emptyQualifierInsideAList_isNotLostFromTheCanonicalForm() throws Exception {
    // found by VersionOrderPropertyTest: "0-ga.x" sorts before "0-x" but printed the same
    Version a = VersionScheme.MAVEN.parse("0-ga.x");
    Version b = VersionScheme.MAVEN.parse("0-x");

    assertThat(a.compareTo(b)).isNegative();
    assertThat(a).isNotEqualTo(b);
    assertThat(a.canonical()).isNotEqualTo(b.canonical());
    assertThat(VersionScheme.MAVEN.parse("x").canonical()).isNotEqualTo(b.canonical());
  }
}
