package io.souverix.supplychain.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** diff(a, b) and diff(b, a) must be mirror images. */
final class Mirror {
  private Mirror() {}

  static void assertMirrored(SbomDiff ab, SbomDiff ba) {
    assertThat(ab.added()).containsExactlyInAnyOrderElementsOf(ba.removed());
    assertThat(ab.removed()).containsExactlyInAnyOrderElementsOf(ba.added());
    assertThat(ab.edgesAdded()).containsExactlyInAnyOrderElementsOf(ba.edgesRemoved());
    assertThat(ab.edgesRemoved()).containsExactlyInAnyOrderElementsOf(ba.edgesAdded());
    assertThat(ab.versionChanged())
        .containsExactlyInAnyOrderElementsOf(
            ba.versionChanged().stream()
                .map(
                    v ->
                        new SbomDiff.VersionChange(
                            v.key(), v.newVersion(), v.oldVersion(), opposite(v.direction())))
                .toList());
    assertThat(ab.licenceChanged())
        .containsExactlyInAnyOrderElementsOf(
            ba.licenceChanged().stream()
                .map(
                    l ->
                        new SbomDiff.LicenceChange(
                            l.key(),
                            l.newVersion(),
                            l.oldVersion(),
                            l.newLicences(),
                            l.oldLicences()))
                .toList());
    assertThat(ab.hashChanged())
        .containsExactlyInAnyOrderElementsOf(
            ba.hashChanged().stream()
                .map(
                    h -> {
                      Map<String, List<String>> swapped = new TreeMap<>();
                      h.algorithms().forEach((k, v) -> swapped.put(k, List.of(v.get(1), v.get(0))));
                      return new SbomDiff.HashChange(h.key(), h.version(), swapped);
                    })
                .toList());
  }

  private static String opposite(String direction) {
    return switch (direction) {
      case "upgrade" -> "downgrade";
      case "downgrade" -> "upgrade";
      default -> direction;
    };
  }
}
