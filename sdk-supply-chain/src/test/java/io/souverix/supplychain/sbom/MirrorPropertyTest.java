package io.souverix.supplychain.sbom;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** diff(a, b) mirrors diff(b, a) for generated BOMs with duplicates, versions, hashes, edges. */
class MirrorPropertyTest {
  @Property(tries = 200)
  void diff_swapped_mirrors(@ForAll("boms") Sbom a, @ForAll("boms") Sbom b) {
    Mirror.assertMirrored(SbomDiffer.diff(a, b), SbomDiffer.diff(b, a));
  }

  @Provide
  Arbitrary<Sbom> boms() {
    Arbitrary<SbomComponent> component =
        Arbitraries.integers()
            .between(0, 5)
            .flatMap(
                n ->
                    Arbitraries.of("1.0", "1.1", "2.0-rc1", "2.0", "0.9.b", "x")
                        .flatMap(
                            v ->
                                Arbitraries.of("aa", "bb")
                                    .flatMap(
                                        h ->
                                            Arbitraries.of("MIT", "mit", "Apache-2.0")
                                                .map(
                                                    l ->
                                                        new SbomComponent(
                                                            "r" + n,
                                                            "pkg:npm/c" + n,
                                                            "pkg:npm/c" + n + "@" + v,
                                                            null,
                                                            "c" + n,
                                                            v,
                                                            Map.of("SHA-256", h),
                                                            List.of(l),
                                                            null)))));
    return component
        .list()
        .ofMaxSize(8)
        .flatMap(
            cs ->
                Arbitraries.integers()
                    .between(0, 5)
                    .tuple2()
                    .list()
                    .ofMaxSize(6)
                    .map(
                        es -> {
                          List<Sbom.Edge> edges = new ArrayList<>();
                          es.forEach(t -> edges.add(new Sbom.Edge("r" + t.get1(), "r" + t.get2())));
                          return new Sbom("1.4", Sbom.Format.JSON, null, cs, edges);
                        }));
  }
}
