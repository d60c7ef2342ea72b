package io.souverix.supplychain.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class VersionRangeTest {
  @Test
  void comparators_halfOpen_containsLowerNotUpper() throws Exception {
    VersionRange r = VersionScheme.SEMVER.range(">=1.2.0 <2.0.0");
    assertThat(r.contains("1.2.0")).isTrue();
    assertThat(r.contains("1.9.9")).isTrue();
    assertThat(r.contains("1.5.0-rc.1")).isTrue();
    assertThat(r.contains("2.0.0-alpha")).isTrue();
    assertThat(r.contains("2.0.0")).isFalse();
    assertThat(r.contains("1.1.9")).isFalse();
  }

  @Test
  void comparators_alternatives_union() throws Exception {
    VersionRange r = VersionScheme.SEMVER.range("<1.0.0 || >=2.0.0, <3.0.0 || =4.0.0");
    assertThat(r.contains("0.9.0")).isTrue();
    assertThat(r.contains("1.0.0")).isFalse();
    assertThat(r.contains("2.5.0")).isTrue();
    assertThat(r.contains("3.0.0")).isFalse();
    assertThat(r.contains("4.0.0")).isTrue();
    assertThat(VersionScheme.SEMVER.range("*").contains("9.9.9")).isTrue();
  }

  @Test
  void maven_intervalNotation_asMavenDocs() throws Exception {
    VersionRange r = VersionScheme.MAVEN.range("[1.0,2.0)");
    assertThat(r.contains("1.0")).isTrue();
    assertThat(r.contains("1.5-SNAPSHOT")).isTrue();
    assertThat(r.contains("2.0")).isFalse();
    assertThat(r.contains("2.0-SNAPSHOT")).isTrue(); // 2.0-SNAPSHOT < 2.0 in Maven's order
    assertThat(VersionScheme.MAVEN.range("(,1.0]").contains("1.0")).isTrue();
    assertThat(VersionScheme.MAVEN.range("(,1.0]").contains("1.0.1")).isFalse();
    assertThat(VersionScheme.MAVEN.range("[1.5]").contains("1.5.0")).isTrue();
    assertThat(VersionScheme.MAVEN.range("[1.5]").contains("1.5.1")).isFalse();
    VersionRange union = VersionScheme.MAVEN.range("(,1.0],[1.2,)");
    assertThat(union.contains("1.1")).isFalse();
    assertThat(union.contains("0.9")).isTrue();
    assertThat(union.contains("1.2")).isTrue();
    assertThat(union.contains("7")).isTrue();
  }

  @Test
  void debianRange_tildeBelowRelease() throws Exception {
    VersionRange r = VersionScheme.DEBIAN.range(">=1:2.0~ <1:3.0");
    assertThat(r.contains("1:2.0~rc1-1")).isTrue();
    assertThat(r.contains("2.9")).isFalse(); // epoch 0
  }

  @Test
  void parse_malformed_rejectedWithCode() {
    for (String bad :
        List.of(
            "[1.0,2.0",
            "(1.0]",
            "[,1.0]",
            "[2.0,1.0]",
            "(1.0,1.0)",
            ">= ",
            ">2.0.0 <1.0.0",
            "[1.0],",
            "1.0 ||",
            "")) {
      assertThatThrownBy(() -> VersionScheme.SEMVER.range(bad))
          .as(bad)
          .isInstanceOf(VersionException.class);
    }
    assertThatThrownBy(() -> VersionScheme.MAVEN.range("[1.0,2.0,3.0]"))
        .isInstanceOfSatisfying(
            VersionException.class,
            e -> assertThat(e.code()).isEqualTo(VersionException.Code.MALFORMED_RANGE));
  }

  @Test
  void policy_denyWinsThenAllowThenFailClosed() throws Exception {
    VersionPolicy p =
        VersionPolicy.newBuilder()
            .allow("openssl", VersionScheme.DEBIAN.range(">=3.0.0"))
            .deny("openssl", VersionScheme.DEBIAN.range(">=3.0.0 <3.0.7"))
            .deny("log4j-core", VersionScheme.MAVEN.range("[2.0-beta9,2.15.0)"))
            .build();
    assertThat(p.evaluate("openssl", "3.0.8-1").allowed()).isTrue();
    PolicyDecision denied = p.evaluate("openssl", "3.0.2-0ubuntu1.10");
    assertThat(denied.allowed()).isFalse();
    assertThat(denied.rule()).isEqualTo("deny >=3.0.0 <3.0.7");
    assertThat(p.evaluate("openssl", "1.1.1w").rule()).isEqualTo("no allow range matches");
    assertThat(p.evaluate("log4j-core", "2.14.1").allowed()).isFalse();
    assertThat(p.evaluate("log4j-core", "2.17.1").allowed()).isTrue();
    assertThat(p.evaluate("zlib", "1.3").allowed()).isFalse();
    assertThat(VersionPolicy.newBuilder().allowUnlisted().build().evaluate("zlib", "1.3").allowed())
        .isTrue();
  }

  @Test
  void policy_mixedSchemesForOneComponent_rejected() throws Exception {
    VersionPolicy.Builder b =
        VersionPolicy.newBuilder().allow("c", VersionScheme.SEMVER.range(">=1.0.0"));
    VersionRange maven = VersionScheme.MAVEN.range("[1,2)");
    assertThatThrownBy(() -> b.deny("c", maven)).isInstanceOf(IllegalArgumentException.class);
  }
}
