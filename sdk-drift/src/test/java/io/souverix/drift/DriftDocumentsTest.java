package io.souverix.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.souverix.lifecycle.internal.Json;
import org.junit.jupiter.api.Test;

class DriftDocumentsTest {
  static final String FLEET =
      "{\"now\": \"2026-02-27T03:45:00Z\", \"nodes\": [{\"node\": \"n1\", \"cluster\": \"prod-1\","
          + " \"region\": \"region-a\", \"components\": [{\"name\": \"souverix-rempart\","
          + " \"desired\": \"1.4.7\", \"actual\": \"1.4.6\"}], \"config\": {\"desired\":"
          + " {\"obj-a\": {\"a\": 1, \"b\": [1, 2]}, \"obj-b\": {}}, \"actual\": {\"obj-a\":"
          + " {\"b\": [1, 2.0], \"a\": 1.0}}, \"last_sync\": \"2026-02-27T04:30:00+01:00\"},"
          + " \"policy\": {\"desired_version\": \"policy-v2.1\", \"actual_version\":"
          + " \"policy-v2.0\", \"results\": [{\"policy\": \"p1\", \"passed\": true, \"weight\":"
          + " 1.0}, {\"policy\": \"p2\", \"passed\": false}]}}]}";

  @Test
  void parse_fleet_memberOrderAndNumberFormNotDrift() throws Exception {
    FleetState f = FleetState.parse(FLEET);
    DriftAnalysis a = DriftScorer.withDefaults().analyze(f.nodes(), f.now());
    ConfigDrift c = a.nodes().get(0).configDrift();
    assertThat(c.missing()).containsExactly("obj-b");
    assertThat(c.different()).isEmpty();
    assertThat(c.staleBy()).hasMinutes(15);
    assertThat(a.nodes().get(0).score()).isEqualTo(40.0);
  }

  @Test
  void toJson_analysis_hasContractMembers() throws Exception {
    FleetState f = FleetState.parse(FLEET);
    JsonNode doc =
        Json.MAPPER.readTree(DriftScorer.withDefaults().analyze(f.nodes(), f.now()).toJson());
    JsonNode n = doc.get("nodes").get(0);
    assertThat(n.get("severity").asText()).isEqualTo("medium");
    assertThat(n.get("version_drift").get(0).get("severity").asText()).isEqualTo("low");
    assertThat(n.get("config_drift").get("objects").asInt()).isEqualTo(1);
    assertThat(n.get("config_drift").get("last_sync").asText()).isEqualTo("2026-02-27T03:30:00Z");
    assertThat(n.get("config_drift").get("stale_by").asText()).isEqualTo("PT15M");
    assertThat(n.get("policy_drift").get("policy_version").asText()).isEqualTo("policy-v2.1");
    assertThat(n.get("policy_drift").get("actual_version").asText()).isEqualTo("policy-v2.0");
    assertThat(n.get("policy_drift").get("compliance_score").asDouble()).isEqualTo(0.5);
    assertThat(n.get("factors")).hasSize(4);
    assertThat(doc.get("clusters").get(0).get("cluster").asText()).isEqualTo("prod-1");
    assertThat(doc.get("regions").get(0).get("region").asText()).isEqualTo("region-a");
    JsonNode fleet = doc.get("fleet");
    assertThat(fleet.has("cluster")).isFalse();
    assertThat(fleet.get("by_severity").get("medium").asInt()).isEqualTo(1);
    assertThat(fleet.get("by_severity").get("none").asInt()).isZero();
    assertThat(fleet.get("score_p50").asDouble()).isEqualTo(40.0);
    assertThat(fleet.get("worst").get(0).asText()).isEqualTo("n1");
  }

  @Test
  void parse_badFleets_invalidInputWithPath() {
    String[][] cases = {
      {"{\"nodes\": []}", "now;"},
      {"{\"now\": \"yesterday\", \"nodes\": []}", "now;"},
      {"{\"now\": \"2026-02-27T03:45:00Z\"}", "nodes;"},
      {
        "{\"now\": \"2026-02-27T03:45:00Z\", \"nodes\": [{\"cluster\": \"c\", \"region\": \"r\"}]}",
        "nodes[0].node;"
      },
      {
        "{\"now\": \"2026-02-27T03:45:00Z\", \"nodes\": [{\"node\": \"n\", \"cluster\": \"c\","
            + " \"region\": \"r\", \"policy\": {\"desired_version\": \"v\", \"results\":"
            + " [{\"policy\": \"p\", \"passed\": true, \"weight\": -1}]}}]}",
        "nodes[0].policy.results[0].weight;"
      },
      {
        "{\"now\": \"2026-02-27T03:45:00Z\", \"nodes\": [{\"node\": \"n\", \"cluster\": \"c\","
            + " \"region\": \"r\"}, {\"node\": \"n\", \"cluster\": \"c\", \"region\": \"r\"}]}",
        "got n twice"
      },
      {
        "{\"now\": \"2026-02-27T03:45:00Z\", \"nodes\": [{\"node\": \"n\", \"cluster\": \"c\","
            + " \"region\": \"r\", \"components\": [{\"name\": \"a\", \"desired\": \"2\","
            + " \"security_fixes\": [{\"version\": \"1\", \"severity\": \"none\"}]}]}]}",
        "nodes[0].components[0].security_fixes[0].severity;"
      },
      {
        "{\"now\": \"2026-02-27T03:45:00Z\", \"nodes\": [{\"node\": \"n\", \"cluster\": \"c\","
            + " \"region\": \"r\", \"policy\": {\"desired_version\": \"v\","
            + " \"enforcement\": \"relaxed\"}}]}",
        "nodes[0].policy.enforcement; expected one of enforced, audit, unknown, disabled"
      },
    };
    for (String[] c : cases) {
      assertThatThrownBy(() -> FleetState.parse(c[0]))
          .isInstanceOfSatisfying(
              DriftException.class,
              e -> assertThat(e.code()).isEqualTo(DriftException.Code.INVALID_INPUT))
          .hasMessageContaining(c[1]);
    }
  }

  @Test
  void toJson_securityFixesAndEnforcement_raiseDriftAndAreReported() throws Exception {
    FleetState f =
        FleetState.parse(
            "{\"now\": \"2026-02-27T03:45:00Z\", \"nodes\": [{\"node\": \"n\", \"cluster\":"
                + " \"c\", \"region\": \"r\", \"components\": [{\"name\": \"a\", \"desired\":"
                + " \"1.4.9\", \"actual\": \"1.4.6\", \"security_fixes\": [{\"version\":"
                + " \"1.4.8\", \"severity\": \"critical\"}, {\"version\": \"1.4.7\"}]}],"
                + " \"policy\": {\"desired_version\": \"p-v1\", \"actual_version\": \"p-v1\","
                + " \"enforcement\": \"audit\"}}]}");

    com.fasterxml.jackson.databind.JsonNode node =
        io.souverix.lifecycle.internal.Json.MAPPER
            .readTree(DriftScorer.withDefaults().analyze(f.nodes(), f.now()).toJson())
            .path("nodes")
            .get(0);

    assertThat(node.path("version_drift").get(0).path("severity").asText()).isEqualTo("critical");
    assertThat(node.path("version_drift").get(0).path("missing_security_fixes").toString())
        .isEqualTo("[\"1.4.8\",\"1.4.7\"]");
    assertThat(node.path("policy_drift").path("enforcement").asText()).isEqualTo("audit");
    assertThat(node.path("factors").get(2).path("drift").asDouble())
        .isEqualTo(Severity.MEDIUM.level());
  }
}
