package io.souverix.supplychain.sbom;

import static org.assertj.core.api.Assertions.assertThat;

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
    assertThat(VersionOrder.direction("1.2", "1.10")).isEqualTo(VersionOrder.Direction.UPGRADE);
    assertThat(VersionOrder.direction("1.0.0-rc1", "1.0.0"))
        .isEqualTo(VersionOrder.Direction.UPGRADE);
    assertThat(VersionOrder.direction("1.0-SNAPSHOT", "1.0-beta"))
        .isEqualTo(VersionOrder.Direction.DOWNGRADE);
    assertThat(VersionOrder.direction("1.0.Final", "1.0-sp1"))
        .isEqualTo(VersionOrder.Direction.UPGRADE);
    assertThat(VersionOrder.direction("v0.0.0-2020-a", "v0.0.0-2021-b"))
        .isEqualTo(VersionOrder.Direction.UPGRADE);
    assertThat(VersionOrder.direction("1.0-foo", "1.0-bar"))
        .isEqualTo(VersionOrder.Direction.UNKNOWN);
    assertThat(VersionOrder.direction("latest", "1.0")).isEqualTo(VersionOrder.Direction.UNKNOWN);
  }
}
