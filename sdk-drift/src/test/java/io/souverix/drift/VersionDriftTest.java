package io.souverix.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionDriftTest {
  @ParameterizedTest(name = "{0} vs {1} -> {2}")
  @CsvSource({
    "1.4.7, 1.4.7, NONE",
    "1.4.7, 1.4.7+build.5, NONE",
    "1.4, 1.4.0, NONE",
    "v1.4.7, 1.4.7, NONE",
    "1.4.7, 1.4.6, LOW",
    "1.4.7, 1.4.7-rc.1, LOW",
    "1.4.7, 1.4.8, LOW",
    "1.4.7, 1.3.9, MEDIUM",
    "1.4.7, 1.5.0, MEDIUM",
    "1.4.7, 0.9.0, HIGH",
    "2.0.0, 1.9.9, HIGH",
    "3.0.0, 1.0.0, CRITICAL",
    "policy-v2.1, policy-v2.0, MEDIUM",
    "policy-v2.1, policy-v2.1.1, LOW",
    "souverix-rempart-1.4.7, souverix-rempart-1.4.6, LOW",
    "1.4.7-rc-1, 1.4.7-rc-2, LOW",
    "policy-v2.1, other-v2.1, HIGH",
    "2024-summer, 2024-winter, LOW",
    "release-alpha, release-beta, HIGH",
    "latest, stable, HIGH"
  })
  void of_versionPair_severityByDistance(String desired, String actual, Severity expected) {
    assertThat(VersionDrift.of("c", desired, actual).severity()).isEqualTo(expected);
  }

  @Test
  void of_notInstalled_critical() {
    assertThat(VersionDrift.of("c", "1.0.0", null).severity()).isEqualTo(Severity.CRITICAL);
  }

  @Test
  void of_semver_patchBelowMinorBelowMajor() {
    Severity patch = VersionDrift.of("c", "1.4.7", "1.4.6").severity();
    Severity minor = VersionDrift.of("c", "1.4.7", "1.3.7").severity();
    Severity major = VersionDrift.of("c", "1.4.7", "0.4.7").severity();
    assertThat(patch).isLessThan(minor);
    assertThat(minor).isLessThan(major);
  }

  @Test
  void ofScore_bands() {
    assertThat(Severity.ofScore(0)).isEqualTo(Severity.NONE);
    assertThat(Severity.ofScore(0.001)).isEqualTo(Severity.LOW);
    assertThat(Severity.ofScore(25)).isEqualTo(Severity.MEDIUM);
    assertThat(Severity.ofScore(50)).isEqualTo(Severity.HIGH);
    assertThat(Severity.ofScore(75)).isEqualTo(Severity.CRITICAL);
    assertThat(Severity.ofScore(100)).isEqualTo(Severity.CRITICAL);
  }

  private static VersionDrift withFixes(String desired, String actual, String... fixes) {
    List<NodeState.SecurityFix> list = new java.util.ArrayList<>();
    for (String f : fixes) {
      String[] vs = f.split("=");
      list.add(new NodeState.SecurityFix(vs[0], Severity.valueOf(vs[1])));
    }
    return VersionDrift.of(new NodeState.Component("c", desired, actual, list));
  }

  @Test
  void of_skippedSecurityFix_raisesSeverityAndNamesIt() {
    VersionDrift d = withFixes("1.4.9", "1.4.6", "1.4.8=CRITICAL", "1.4.2=HIGH", "1.5.0=HIGH");

    assertThat(d.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(d.missingSecurityFixes()).containsExactly("1.4.8");
  }

  @Test
  void of_fixAtDesiredVersion_countsAsMissing_fixAtActual_doesNot() {
    assertThat(withFixes("1.4.8", "1.4.7", "1.4.8=HIGH").missingSecurityFixes())
        .containsExactly("1.4.8");
    assertThat(withFixes("1.4.8", "1.4.7", "1.4.7=HIGH").missingSecurityFixes()).isEmpty();
    assertThat(withFixes("1.4.8", "1.4.7", "1.4.7=HIGH").severity()).isEqualTo(Severity.LOW);
  }

  @Test
  void of_fixPreRelease_ordersBelowRelease() {
    assertThat(withFixes("1.5.0", "1.5.0-rc.1", "1.5.0-rc.2=MEDIUM").missingSecurityFixes())
        .containsExactly("1.5.0-rc.2");
    assertThat(withFixes("1.5.0", "1.5.0-rc.2", "1.5.0-rc.1=MEDIUM").missingSecurityFixes())
        .isEmpty();
  }

  @Test
  void of_lowerFixSeverity_neverLowersDistance() {
    VersionDrift d = withFixes("3.0.0", "1.0.0", "2.0.0=LOW");

    assertThat(d.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(d.missingSecurityFixes()).containsExactly("2.0.0");
  }

  @Test
  void of_notInstalledOrIncomparable_fixCountsAsMissing_failClosed() {
    assertThat(withFixes("1.4.8", null, "1.4.1=HIGH").missingSecurityFixes())
        .containsExactly("1.4.1");
    assertThat(withFixes("1.4.8", "nightly", "1.4.1=HIGH").missingSecurityFixes())
        .containsExactly("1.4.1");
  }

  @Test
  void of_upToDate_noFixIsMissing() {
    VersionDrift d = withFixes("1.4.8", "1.4.8", "1.4.8=CRITICAL", "1.3.0=HIGH");

    assertThat(d.severity()).isEqualTo(Severity.NONE);
    assertThat(d.missingSecurityFixes()).isEmpty();
  }

  @Test
  void securityFix_severityNone_isRejected() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new NodeState.SecurityFix("1.0.0", Severity.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1.0.0");
  }
}
