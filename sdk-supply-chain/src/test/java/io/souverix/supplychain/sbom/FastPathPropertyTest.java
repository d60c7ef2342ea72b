package io.souverix.supplychain.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.souverix.lifecycle.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The streaming reader resolves dependency references to component indices while reading, and the
 * differ then skips its string lookups. On generated documents (shared and blank bom-refs, nested
 * components, a metadata component, unresolved and repeated references, qualifiers) that fast path
 * gives exactly the diff of the straightforward path over plain lists, and of the
 * cyclonedx-core-java path.
 */
class FastPathPropertyTest {
  private static final List<String> REFS = List.of("r0", "r1", "r2", "r3", "r4", "", " ");

  @Property(tries = 300)
  void diff_readerFastPath_sameAsStringPathAndParser(
      @ForAll("documents") byte[] older, @ForAll("documents") byte[] newer) throws Exception {
    StreamingSbomReader reader = StreamingSbomReader.defaults();
    SbomParser parser = SbomParser.defaults().withoutSchemaCheck();
    Sbom a = reader.read(older);
    Sbom b = reader.read(newer);
    assertThat(a.dependencies()).isInstanceOf(RefEdges.class);

    SbomDiff fast = SbomDiffer.diff(a, b);
    SbomDiff plain = SbomDiffer.diff(plain(a), plain(b));
    SbomDiff library = SbomDiffer.diff(parser.parse(older), parser.parse(newer));

    assertThat(fast.toJson()).isEqualTo(plain.toJson());
    assertThat(fast.toJson()).isEqualTo(library.toJson());
    assertThat(a).isEqualTo(parser.parse(older));
  }

  @Test
  void diff_resolvedEdgesWithOtherComponents_resolvesByStrings() throws Exception {
    ObjectNode doc = document();
    ArrayNode cs = doc.putArray("components");
    cs.add(component("a", "1.0", "r1"));
    cs.add(component("b", "1.0", "r2"));
    ObjectNode d = doc.putArray("dependencies").addObject().put("ref", "r1");
    d.putArray("dependsOn").add("r2");
    Sbom read = StreamingSbomReader.defaults().read(bytes(doc));
    List<SbomComponent> reversed = new ArrayList<>(read.components());
    Collections.reverse(reversed);
    Sbom swapped = new Sbom(read.specVersion(), read.format(), null, reversed, read.dependencies());
    Sbom empty = new Sbom("1.6", Sbom.Format.JSON, null, List.of(), List.of());

    assertThat(SbomDiffer.diff(empty, swapped).edgesAdded())
        .containsExactly(List.of("pkg:npm/a", "pkg:npm/b"));
    assertThat(SbomDiffer.diff(empty, swapped).toJson())
        .isEqualTo(SbomDiffer.diff(empty, read).toJson());
  }

  private static Sbom plain(Sbom s) {
    return new Sbom(
        s.specVersion(),
        s.format(),
        s.metadataComponent(),
        new ArrayList<>(s.components()),
        new ArrayList<>(s.dependencies()));
  }

  @Provide
  Arbitrary<byte[]> documents() {
    Arbitrary<ObjectNode> component =
        Combinators.combine(
                Arbitraries.of("a", "b", "c", "d"),
                Arbitraries.of("1.0", "1.1", "2.0"),
                Arbitraries.of(REFS),
                Arbitraries.of("", "?type=jar", "?classifier=x&type=pom", "?os=linux&arch=x86"))
            .as(
                (name, version, ref, qualifiers) -> {
                  ObjectNode c = component(name, version, ref);
                  c.put("purl", "pkg:npm/" + name + "@" + version + qualifiers);
                  return c;
                });
    Arbitrary<ObjectNode> dependency =
        Combinators.combine(
                Arbitraries.of(withUnresolved()),
                Arbitraries.of(withUnresolved()).list().ofMaxSize(4))
            .as(
                (ref, to) -> {
                  ObjectNode d = Json.MAPPER.createObjectNode().put("ref", ref);
                  ArrayNode on = d.putArray("dependsOn");
                  to.forEach(on::add);
                  return d;
                });
    return Combinators.combine(
            component.list().ofMaxSize(10),
            Arbitraries.integers().between(0, 3).list().ofMaxSize(10),
            dependency.list().ofMaxSize(8),
            Arbitraries.of(REFS).injectNull(0.3))
        .as(
            (components, nesting, deps, metaRef) -> {
              ObjectNode doc = document();
              if (metaRef != null) {
                doc.putObject("metadata").set("component", component("app", "9", metaRef));
              }
              ArrayNode top = doc.putArray("components");
              ObjectNode previous = null;
              for (int i = 0; i < components.size(); i++) {
                ObjectNode c = components.get(i);
                boolean nest = previous != null && i < nesting.size() && nesting.get(i) == 0;
                if (nest) {
                  ArrayNode n =
                      previous.has("components")
                          ? (ArrayNode) previous.get("components")
                          : previous.putArray("components");
                  n.add(c);
                } else {
                  top.add(c);
                  previous = c;
                }
              }
              ArrayNode d = doc.putArray("dependencies");
              deps.forEach(d::add);
              return bytes(doc);
            });
  }

  private static List<String> withUnresolved() {
    List<String> refs = new ArrayList<>(REFS);
    refs.add("unresolved");
    return refs;
  }

  private static ObjectNode document() {
    ObjectNode doc = Json.MAPPER.createObjectNode();
    doc.put("bomFormat", "CycloneDX");
    doc.put("specVersion", "1.6");
    doc.put("version", 1);
    return doc;
  }

  private static ObjectNode component(String name, String version, String ref) {
    ObjectNode c = Json.MAPPER.createObjectNode();
    c.put("type", "library");
    c.put("bom-ref", ref);
    c.put("name", name);
    c.put("version", version);
    c.put("purl", "pkg:npm/" + name + "@" + version);
    return c;
  }

  private static byte[] bytes(ObjectNode doc) {
    return doc.toString().getBytes(StandardCharsets.UTF_8);
  }
}
