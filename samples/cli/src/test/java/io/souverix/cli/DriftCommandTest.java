package io.souverix.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code drift score} contract (../shared/contracts/drift.md), run in-process. */
class DriftCommandTest {
  static final String FLEET =
      "{\"now\": \"2026-02-27T03:45:00Z\", \"nodes\": ["
          + "{\"node\": \"sx-rempart-2026-prod-1-node-42\", \"cluster\": \"prod-1\","
          + " \"region\": \"region-a\", \"components\": [{\"name\": \"souverix-rempart\","
          + " \"desired\": \"1.4.7\", \"actual\": \"1.4.6\"}], \"config\": {\"desired\":"
          + " {\"obj-a\": {\"k\": 1}, \"obj-b\": {\"k\": 2}}, \"actual\": {\"obj-a\": {\"k\": 1}},"
          + " \"last_sync\": \"2026-02-27T03:30:00Z\"}, \"policy\": {\"desired_version\":"
          + " \"policy-v2.1\", \"actual_version\": \"policy-v2.0\", \"results\": [{\"policy\":"
          + " \"p1\", \"passed\": true, \"weight\": 1.0}, {\"policy\": \"p2\", \"passed\": false,"
          + " \"weight\": 1.0}]}},"
          + "{\"node\": \"clean-1\", \"cluster\": \"prod-2\", \"region\": \"region-b\","
          + " \"components\": [{\"name\": \"a\", \"desired\": \"2.0.0\", \"actual\": \"2.0.0\"}],"
          + " \"config\": {\"desired\": {\"o\": {}}, \"actual\": {\"o\": {}}, \"last_sync\":"
          + " \"2026-02-27T03:45:00Z\"}, \"policy\": {\"desired_version\": \"v1\","
          + " \"actual_version\": \"v1\", \"results\": [{\"policy\": \"p\", \"passed\": true,"
          + " \"weight\": 2}]}}]}";

  @TempDir Path dir;

  private Cli.Result score(String content) throws Exception {
    Path f = Files.writeString(dir.resolve("fleet.json"), content);
    return Cli.run("drift", "score", "--fleet", f.toString(), "--json");
  }

  @Test
  void score_validFleet_exitsZeroWithEveryRequiredMember() throws Exception {
    Cli.Result r = score(FLEET);
    assertThat(r.exitCode()).isZero();
    assertThat(r.err()).isEmpty();
    JsonNode out = r.json();
    JsonNode n = out.get("nodes").get(0);
    assertThat(n.get("node").asText()).isEqualTo("sx-rempart-2026-prod-1-node-42");
    assertThat(n.get("score").asDouble()).isEqualTo(40.0);
    assertThat(n.get("severity").asText()).isEqualTo("medium");
    JsonNode v = n.get("version_drift").get(0);
    assertThat(v.get("component").asText()).isEqualTo("souverix-rempart");
    assertThat(v.get("desired").asText()).isEqualTo("1.4.7");
    assertThat(v.get("actual").asText()).isEqualTo("1.4.6");
    assertThat(v.get("severity").asText()).isEqualTo("low");
    assertThat(n.get("config_drift").get("objects").asInt()).isEqualTo(1);
    assertThat(n.get("config_drift").get("last_sync").asText()).isEqualTo("2026-02-27T03:30:00Z");
    assertThat(n.get("config_drift").get("stale_by").asText()).isEqualTo("PT15M");
    assertThat(n.get("policy_drift").get("policy_version").asText()).isEqualTo("policy-v2.1");
    assertThat(n.get("policy_drift").get("actual_version").asText()).isEqualTo("policy-v2.0");
    assertThat(n.get("policy_drift").get("compliance_score").asDouble()).isEqualTo(0.5);
    assertThat(n.get("factors"))
        .allSatisfy(
            f -> assertThat(f.has("factor") && f.has("weight") && f.has("contribution")).isTrue());
    JsonNode clean = out.get("nodes").get(1);
    assertThat(clean.get("score").asDouble()).isZero();
    assertThat(clean.get("severity").asText()).isEqualTo("none");
    assertThat(out.get("clusters")).hasSize(2);
    assertThat(out.get("clusters").get(0).get("cluster").asText()).isEqualTo("prod-1");
    assertThat(out.get("regions").get(1).get("region").asText()).isEqualTo("region-b");
    JsonNode fleet = out.get("fleet");
    assertThat(fleet.get("nodes").asInt()).isEqualTo(2);
    assertThat(fleet.get("by_severity").get("none").asInt()).isEqualTo(1);
    assertThat(fleet.get("by_severity").get("medium").asInt()).isEqualTo(1);
    assertThat(fleet.has("score_p50")).isTrue();
    assertThat(fleet.get("score_p95").asDouble()).isEqualTo(40.0);
    assertThat(fleet.get("worst").get(0).asText()).isEqualTo("sx-rempart-2026-prod-1-node-42");
  }

  @Test
  void score_majorBehind_scoresAboveMinorAbovePatch() throws Exception {
    double[] scores = new double[3];
    String[] actuals = {"1.4.6", "1.3.7", "0.4.7"};
    for (int i = 0; i < 3; i++) {
      scores[i] =
          score(FLEET.replace("\"actual\": \"1.4.6\"", "\"actual\": \"" + actuals[i] + "\""))
              .json()
              .get("nodes")
              .get(0)
              .get("score")
              .asDouble();
    }
    assertThat(scores[0]).isLessThan(scores[1]);
    assertThat(scores[1]).isLessThan(scores[2]);
  }

  @Test
  void score_malformedJson_exitsTwoNothingOnStdout() throws Exception {
    Cli.Result r = score("{\"now\": ");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines())
        .singleElement()
        .asString()
        .startsWith("souverix: INPUT: ")
        .contains("MALFORMED_JSON");
  }

  @Test
  void score_invalidMember_exitsTwoNamingIt() throws Exception {
    Cli.Result r = score(FLEET.replace("\"now\": \"2026-02-27T03:45:00Z\"", "\"now\": 7"));
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("INVALID_INPUT", "now; expected an RFC 3339 time");
  }

  @Test
  void score_missingFile_exitsTwoNothingOnStdout() {
    Cli.Result r =
        Cli.run("drift", "score", "--fleet", dir.resolve("absent.json").toString(), "--json");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("souverix: INPUT: cannot read");
  }

  @Test
  void drift_noSubcommand_exitsTwo() {
    assertThat(Cli.run("drift").exitCode()).isEqualTo(2);
  }
}
