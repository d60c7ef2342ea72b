package io.souverix.tck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.souverix.lifecycle.ComponentKind;
import io.souverix.lifecycle.LifecycleState;
import io.souverix.lifecycle.Transition;
import io.souverix.lifecycle.TransitionTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The language-neutral vectors under {@code src/main/resources/vectors/}: every vector holds
 * against the SDK and an independent computation; the committed files are exactly what the
 * generators produce today (regenerate with {@code -Dsouverix.regenerateVectors=true}); and every
 * file has the shape of {@code vectors/schema/vector-file.schema.json}.
 */
class VectorsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Map<String, Supplier<JsonNode>> GENERATORS =
      Map.of(
          EventHashingVectors.FILE, EventHashingVectors::generate,
          LifecycleTraceVectors.FILE, LifecycleTraceVectors::generate,
          DriftScoreVectors.FILE, DriftScoreVectors::generate,
          SyncDebtVectors.FILE, SyncDebtVectors::generate,
          SbomDiffVectors.FILE, SbomDiffVectors::generate,
          CanonicalNumberVectors.FILE, CanonicalNumberVectors::generate);

  private static String committed(String file) throws IOException {
    try (InputStream in = VectorsTest.class.getResourceAsStream("/vectors/" + file)) {
      assertThat(in).as("vectors/%s on the class path", file).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
    }
  }

  private static String render(JsonNode node) throws IOException {
    return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node).replace("\r\n", "\n")
        + "\n";
  }

  @Test
  void vectors_committed_equalRegenerated() throws IOException {
    for (Map.Entry<String, Supplier<JsonNode>> g : GENERATORS.entrySet()) {
      String fresh = render(g.getValue().get());
      if (Boolean.getBoolean("souverix.regenerateVectors")) {
        Path target = Path.of("src/main/resources/vectors").resolve(g.getKey());
        Files.createDirectories(target.getParent());
        Files.writeString(target, fresh, StandardCharsets.UTF_8);
        continue;
      }
      assertThat(committed(g.getKey()))
          .as("vectors/%s is stale; regenerate with -Dsouverix.regenerateVectors=true", g.getKey())
          .isEqualTo(fresh);
    }
  }

  @Test
  void eventHashingVectors_everyGroup_matchesSdkAndIndependentComputation() throws IOException {
    List<String> mismatches =
        EventHashingVectors.check(MAPPER.readTree(committed(EventHashingVectors.FILE)));
    assertThat(mismatches).isEmpty();
  }

  @Test
  void lifecycleVectors_everyTrace_matchesTheLifecycle() throws IOException {
    List<String> mismatches =
        LifecycleTraceVectors.check(MAPPER.readTree(committed(LifecycleTraceVectors.FILE)));
    assertThat(mismatches).isEmpty();
  }

  @Test
  void driftScoreVectors_everyNode_matchesTheDocumentedFormula() throws IOException {
    assertThat(DriftScoreVectors.check(MAPPER.readTree(committed(DriftScoreVectors.FILE))))
        .isEmpty();
  }

  @Test
  void syncDebtVectors_everyDocument_matchesAnExactRecomputation() throws IOException {
    assertThat(SyncDebtVectors.check(MAPPER.readTree(committed(SyncDebtVectors.FILE)))).isEmpty();
  }

  @Test
  void sbomDiffVectors_everyPair_matchesAnIndependentDiff() throws IOException {
    assertThat(SbomDiffVectors.check(MAPPER.readTree(committed(SbomDiffVectors.FILE)))).isEmpty();
  }

  @Test
  void canonicalNumberVectors_everyNumber_matchesAnIndependentFormatter() throws IOException {
    assertThat(
            CanonicalNumberVectors.check(MAPPER.readTree(committed(CanonicalNumberVectors.FILE))))
        .isEmpty();
  }

  @Test
  void chainValidationVectors_everyChain_agreesWithJdkPkixOrIsFlaggedStricter() throws IOException {
    assertThat(
            ChainValidationVectors.check(MAPPER.readTree(committed(ChainValidationVectors.FILE))))
        .isEmpty();
  }

  /** The first test of the first group, for editing a copy of a file. */
  private static ObjectNode firstTest(JsonNode file) {
    return (ObjectNode) file.get("testGroups").get(0).get("tests").get(0);
  }

  @Test
  void independentChecks_alteredExpectedValue_reportTheVector() throws IOException {
    JsonNode drift = MAPPER.readTree(committed(DriftScoreVectors.FILE));
    ((ObjectNode) drift.get("testGroups").get(0).get("tests").get(1)).put("score", 10.5);
    assertThat(DriftScoreVectors.check(drift)).singleElement().asString().contains("tcId 2");

    JsonNode debt = MAPPER.readTree(committed(SyncDebtVectors.FILE));
    ((ObjectNode) firstTest(debt).get("expected")).put("replay_eta", "2026-02-27T04:10:48Z");
    assertThat(SyncDebtVectors.check(debt)).singleElement().asString().contains("replay_eta");

    JsonNode sbom = MAPPER.readTree(committed(SbomDiffVectors.FILE));
    ((ObjectNode) sbom.get("testGroups").get(0).get("tests").get(1).get("expected"))
        .putArray("removed");
    assertThat(SbomDiffVectors.check(sbom)).singleElement().asString().contains("removed");

    JsonNode numbers = MAPPER.readTree(committed(CanonicalNumberVectors.FILE));
    firstTest(numbers).put("expected", "0.0");
    assertThat(CanonicalNumberVectors.check(numbers)).singleElement().asString().contains("tcId 1");

    JsonNode chains = MAPPER.readTree(committed(ChainValidationVectors.FILE));
    firstTest(chains).put("result", "invalid").put("errorCode", "EXPIRED");
    assertThat(ChainValidationVectors.check(chains))
        .singleElement()
        .asString()
        .contains("PKIX accepts");
  }

  @Test
  void es6Formatter_rfc8785Samples_giveTheRfcText() {
    // Known answers from RFC 8785 appendix B, so the formatter is not only checked against the SDK.
    assertThat(CanonicalNumberVectors.es6(Double.longBitsToDouble(0x7fefffffffffffffL)))
        .isEqualTo("1.7976931348623157e+308");
    assertThat(CanonicalNumberVectors.es6(Double.longBitsToDouble(1L))).isEqualTo("5e-324");
    assertThat(CanonicalNumberVectors.es6(Double.longBitsToDouble(0x4340000000000000L)))
        .isEqualTo("9007199254740992");
    assertThat(CanonicalNumberVectors.es6(Double.longBitsToDouble(0x44b52d02c7e14af6L)))
        .isEqualTo("1e+23");
    assertThat(CanonicalNumberVectors.es6(Double.longBitsToDouble(0x444b1ae4d6e2ef50L)))
        .isEqualTo("1e+21");
    assertThat(CanonicalNumberVectors.es6(Double.longBitsToDouble(0x3eb0c6f7a0b5ed8dL)))
        .isEqualTo("0.000001");
    assertThat(CanonicalNumberVectors.es6(Double.longBitsToDouble(0x4430000000000000L)))
        .isEqualTo("295147905179352830000");
    assertThat(CanonicalNumberVectors.es6(0.1 + 0.2)).isEqualTo("0.30000000000000004");
    assertThat(CanonicalNumberVectors.es6(-1e-7)).isEqualTo("-1e-7");
  }

  @Test
  void driftFormula_documentedExamples_giveTheDocumentedScores() {
    // docs/drift.md section 5: one patch behind scores 10, one major behind 30, all at max 100.
    assertThat(
            DriftScoreVectors.recompute(
                    VectorFiles.json(
                        "{\"components\":[{\"name\":\"a\",\"desired\":\"1.4.7\",\"actual\":\"1.4.6\"}]}"))
                .get("score")
                .asDouble())
        .isEqualTo(10.0);
    assertThat(
            DriftScoreVectors.recompute(
                    VectorFiles.json(
                        "{\"components\":[{\"name\":\"a\",\"desired\":\"2.0.0\",\"actual\":\"1.0.0\"}]}"))
                .get("score")
                .asDouble())
        .isEqualTo(30.0);
  }

  @Test
  void lifecycleVectors_everyTableRowAndState_isCovered() throws IOException {
    JsonNode file = MAPPER.readTree(committed(LifecycleTraceVectors.FILE));
    Set<String> covered = new HashSet<>();
    Set<String> reached = new HashSet<>();
    for (JsonNode group : file.get("testGroups")) {
      for (JsonNode t : group.get("tests")) {
        String state = null;
        for (JsonNode step : t.get("steps")) {
          JsonNode expect = step.get("expect");
          if (expect.has("state")) {
            if (step.get("op").asText().equals("execute")) {
              covered.add(
                  state + " " + step.get("command").asText() + " " + expect.get("state").asText());
            }
            state = expect.get("state").asText();
            reached.add(state);
          }
        }
      }
    }
    List<String> missing = new ArrayList<>();
    for (ComponentKind kind : ComponentKind.values()) {
      TransitionTable table = TransitionTable.of(kind);
      for (Transition t : table.transitions()) {
        for (LifecycleState from : t.from()) {
          String row = from.name() + " " + t.command().name() + " " + t.to().name();
          if (!covered.contains(row)) {
            missing.add(row);
          }
        }
      }
      for (LifecycleState s : table.states()) {
        if (!reached.contains(s.name())) {
          missing.add("state " + s.name());
        }
      }
    }
    assertThat(missing).as("table rows and states no valid step reaches").isEmpty();
  }

  @Test
  void vectorFiles_haveTheSchemaShape() throws IOException {
    List<String> problems = new ArrayList<>();
    // The chain-validation file is generated in sdk-attestation's tests; its shape is checked here.
    List<String> files = new ArrayList<>(GENERATORS.keySet());
    files.add(ChainValidationVectors.FILE);
    for (String name : files) {
      JsonNode file = MAPPER.readTree(committed(name));
      for (String member :
          List.of(
              "schema",
              "suite",
              "version",
              "description",
              "provenance",
              "numberOfTests",
              "notes",
              "testGroups")) {
        if (!file.has(member)) {
          problems.add(name + ": no " + member);
        }
      }
      Set<Integer> ids = new HashSet<>();
      int count = 0;
      for (JsonNode group : file.get("testGroups")) {
        if (!group.has("type")) {
          problems.add(name + ": a group without type");
        }
        for (JsonNode t : group.get("tests")) {
          count++;
          String label = name + " tcId " + t.path("tcId").asText("?");
          if (!ids.add(t.path("tcId").asInt(-1))) {
            problems.add(label + ": tcId missing or repeated");
          }
          if (!t.has("comment") || !t.has("flags")) {
            problems.add(label + ": no comment or flags");
          }
          for (JsonNode f : t.path("flags")) {
            if (!file.get("notes").has(f.asText())) {
              problems.add(label + ": flag " + f.asText() + " not in notes");
            }
          }
          String result = t.path("result").asText();
          if (!List.of("valid", "invalid", "acceptable").contains(result)) {
            problems.add(label + ": result " + result);
          }
          if (result.equals("invalid") != t.has("errorCode")) {
            problems.add(label + ": errorCode present exactly when invalid");
          }
        }
      }
      if (file.get("numberOfTests").asInt() != count) {
        problems.add(
            name + ": numberOfTests " + file.get("numberOfTests") + " but " + count + " tests");
      }
    }
    assertThat(problems).isEmpty();
    assertThat(VectorsTest.class.getResource("/vectors/schema/vector-file.schema.json"))
        .isNotNull();
  }
}
