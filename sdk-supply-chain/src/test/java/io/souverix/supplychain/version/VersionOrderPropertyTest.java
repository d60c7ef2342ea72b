package io.souverix.supplychain.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Each scheme's order is a total order consistent with equality: antisymmetric, transitive, and
 * compare == 0 exactly when the versions are equal (and then their hash codes agree).
 */
class VersionOrderPropertyTest {
  private static final int TRIES = 400;

  private static void assertLaws(Version a, Version b, Version c) {
    int ab = a.compareTo(b);
    assertThat(Integer.signum(ab)).isEqualTo(-Integer.signum(b.compareTo(a)));
    assertThat(ab == 0).as("%s vs %s", a, b).isEqualTo(a.equals(b));
    if (ab == 0) {
      assertThat(a.hashCode()).isEqualTo(b.hashCode());
    }
    if (ab <= 0 && b.compareTo(c) <= 0) {
      assertThat(a.compareTo(c)).as("%s <= %s <= %s", a, b, c).isLessThanOrEqualTo(0);
    }
    if (ab == 0) {
      assertThat(Integer.signum(a.compareTo(c))).isEqualTo(Integer.signum(b.compareTo(c)));
    }
  }

  @Property(tries = TRIES)
  void semver_totalOrder(
      @ForAll("semver") Version a, @ForAll("semver") Version b, @ForAll("semver") Version c) {
    assertLaws(a, b, c);
  }

  @Property(tries = TRIES)
  void maven_totalOrder(
      @ForAll("maven") Version a, @ForAll("maven") Version b, @ForAll("maven") Version c) {
    assertLaws(a, b, c);
  }

  @Property(tries = TRIES)
  void debian_totalOrder(
      @ForAll("debian") Version a, @ForAll("debian") Version b, @ForAll("debian") Version c) {
    assertLaws(a, b, c);
  }

  @Property(tries = TRIES)
  void calver_totalOrder(
      @ForAll("calver") Version a, @ForAll("calver") Version b, @ForAll("calver") Version c) {
    assertLaws(a, b, c);
  }

  @Property(tries = TRIES)
  void semver_sortedList_isAscendingPairwise(@ForAll("semverLists") List<Version> vs) {
    List<Version> sorted = vs.stream().sorted().toList();
    for (int i = 0; i < sorted.size(); i++) {
      for (int j = i + 1; j < sorted.size(); j++) {
        assertThat(sorted.get(i).compareTo(sorted.get(j))).isLessThanOrEqualTo(0);
      }
    }
  }

  private static Arbitrary<Version> parsed(VersionScheme scheme, Arbitrary<String> texts) {
    return texts.map(
        t -> {
          try {
            return scheme.parse(t);
          } catch (VersionException e) {
            throw new AssertionError("generator made a malformed " + scheme + " version " + t, e);
          }
        });
  }

  @Provide
  Arbitrary<Version> semver() {
    Arbitrary<String> num = Arbitraries.integers().between(0, 3).map(String::valueOf);
    Arbitrary<String> id =
        Arbitraries.oneOf(num, Arbitraries.of("alpha", "beta", "rc", "a1", "1a", "x-y", "11"));
    Arbitrary<String> pre =
        id.list().ofMaxSize(3).map(l -> l.isEmpty() ? "" : "-" + String.join(".", l));
    Arbitrary<String> build = Arbitraries.of("", "+b1", "+001.x");
    return parsed(
        VersionScheme.SEMVER,
        Combinators.combine(num, num, num, pre, build)
            .as((a, b, c, p, m) -> a + "." + b + "." + c + p + m));
  }

  @Provide
  Arbitrary<List<Version>> semverLists() {
    return semver().list().ofMaxSize(8);
  }

  @Provide
  Arbitrary<Version> maven() {
    Arbitrary<String> token =
        Arbitraries.of(
            "0",
            "1",
            "2",
            "10",
            "00",
            "a",
            "b",
            "m",
            "alpha",
            "beta",
            "milestone",
            "rc",
            "cr",
            "snapshot",
            "SNAPSHOT",
            "ga",
            "final",
            "release",
            "sp",
            "foo",
            "x");
    Arbitrary<String> sep = Arbitraries.of(".", "-", "");
    return parsed(
        VersionScheme.MAVEN,
        Combinators.combine(
                token, Combinators.combine(sep, token).as((s, t) -> s + t).list().ofMaxSize(4))
            .as((first, rest) -> first + String.join("", rest)));
  }

  @Provide
  Arbitrary<Version> debian() {
    Arbitrary<String> part =
        Arbitraries.strings().withChars("0129a.+~Z").ofMinLength(0).ofMaxLength(5);
    Arbitrary<String> upstream =
        Combinators.combine(Arbitraries.of("0", "1", "01", "2"), part).as((d, p) -> d + p);
    Arbitrary<String> revision =
        Arbitraries.strings()
            .withChars("0129a.+~")
            .ofMinLength(1)
            .ofMaxLength(4)
            .map(r -> "-" + r)
            .injectNull(0.4)
            .map(r -> r == null ? "" : r);
    Arbitrary<String> epoch = Arbitraries.of("", "0:", "1:", "01:");
    return parsed(
        VersionScheme.DEBIAN,
        Combinators.combine(epoch, upstream, revision).as((e, u, r) -> e + u + r));
  }

  @Provide
  Arbitrary<Version> calver() {
    return parsed(
        VersionScheme.CALVER,
        Combinators.combine(
                Arbitraries.of("2023", "2024"),
                Arbitraries.of("1", "01", "2", "12"),
                Arbitraries.of("", ".1", ".01", ".15"),
                Arbitraries.of("", ".0", ".3"))
            .as((y, m, d, micro) -> y + "." + m + d + (d.isEmpty() ? "" : micro)));
  }
}
