package io.souverix.supplychain.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.souverix.lifecycle.internal.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every pair of pairs.json gives exactly expected/ID.json, and mirrors when swapped. */
class PairsTest {
  private static final List<String> MEMBERS =
      List.of(
          "summary",
          "added",
          "removed",
          "version_changed",
          "hash_changed",
          "license_changed",
          "edges_added",
          "edges_removed");

  @Test
  void diff_everyPair_matchesExpected() throws Exception {
    Path dir = Vectors.cyclonedx();
    JsonNode pairs = Json.MAPPER.readTree(Files.readAllBytes(dir.resolve("pairs.json")));
    SbomParser parser = SbomParser.defaults();
    List<String> mismatches = new ArrayList<>();
    for (JsonNode p : pairs) {
      String id = p.get("id").asText();
      SbomDiff d =
          SbomDiffer.diff(
              parser.parse(dir.resolve(p.get("old").asText())),
              parser.parse(dir.resolve(p.get("new").asText())));
      JsonNode got = Json.MAPPER.readTree(d.toJson());
      JsonNode want =
          Json.MAPPER.readTree(Files.readAllBytes(dir.resolve("expected/" + id + ".json")));
      want.fieldNames()
          .forEachRemaining(
              m -> {
                if (!want.get(m).equals(got.get(m))) {
                  mismatches.add(
                      id
                          + "."
                          + m
                          + ": expected "
                          + abbrev(want.get(m))
                          + " got "
                          + abbrev(got.get(m)));
                }
              });
    }
    assertThat(pairs.size()).isGreaterThanOrEqualTo(4);
    assertThat(mismatches).isEmpty();
  }

  @Test
  void diff_everyPairSwapped_mirrorsTheDiff() throws Exception {
    Path dir = Vectors.cyclonedx();
    JsonNode pairs = Json.MAPPER.readTree(Files.readAllBytes(dir.resolve("pairs.json")));
    SbomParser parser = SbomParser.defaults();
    for (JsonNode p : pairs) {
      Sbom a = parser.parse(dir.resolve(p.get("old").asText()));
      Sbom b = parser.parse(dir.resolve(p.get("new").asText()));
      Mirror.assertMirrored(SbomDiffer.diff(a, b), SbomDiffer.diff(b, a));
    }
  }

  private static String abbrev(JsonNode n) {
    String s = String.valueOf(n);
    return s.length() > 600 ? s.substring(0, 600) + "..." : s;
  }
}
