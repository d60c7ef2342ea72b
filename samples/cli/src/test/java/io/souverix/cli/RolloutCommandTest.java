package io.souverix.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code souverix rollout}: every command reopens the rollout from the SQLite store. */
class RolloutCommandTest {
  static final String PLAN =
      "{\"rollout_id\":\"agent-3\",\"change\":{\"component\":\"agent\",\"kind\":\"version\","
          + "\"version\":\"3.0.0\"},\"targets\":[{\"node\":\"node-1\",\"last_good_version\":\"2.9.1\"},"
          + "{\"node\":\"node-2\",\"last_good_version\":\"2.9.1\"},{\"node\":\"node-3\"}],"
          + "\"waves\":[{\"kind\":\"canary\",\"size\":1},{\"kind\":\"count\",\"size\":2}],"
          + "\"policy\":{\"max_failure_rate\":0.5,\"min_sample\":3,\"on_breach\":\"pause\"}}";

  @TempDir Path dir;

  @Test
  void rollout_startStepReportPauseResumeAbortShow_overSqliteStore() throws Exception {
    Path plan = dir.resolve("plan.json");
    Files.writeString(plan, PLAN);
    String db = dir.resolve("fleet.db").toString();

    Cli.Result start = Cli.run("rollout", "start", "--db", db, "--plan", plan.toString(), "--json");
    assertThat(start.exitCode()).as(start.err()).isZero();
    assertThat(start.json().get("phase").asText()).isEqualTo("running");
    assertThat(start.json().get("wave_count").asInt()).isEqualTo(2);

    assertThat(Cli.run("rollout", "step", "agent-3", "--db", db).exitCode()).isZero();
    Cli.Result healthy =
        Cli.run("rollout", "report", "agent-3", "--db", db, "--node", "node-1", "--json");
    assertThat(healthy.json().get("counts").get("succeeded").asInt()).isEqualTo(1);
    Cli.Result step2 = Cli.run("rollout", "step", "agent-3", "--db", db, "--json");
    assertThat(step2.json().get("current_wave").asInt()).isEqualTo(1);
    assertThat(step2.json().get("counts").get("updating").asInt()).isEqualTo(2);

    Cli.Result failed =
        Cli.run(
            "rollout", "report", "agent-3", "--db", db, "--node", "node-2", "--failed", "--json");
    JsonNode node2 = failed.json().get("nodes").get(1);
    assertThat(node2.get("phase").asText()).isEqualTo("rolled_back");

    assertThat(Cli.run("rollout", "pause", "agent-3", "--db", db).exitCode()).isZero();
    Cli.Result again = Cli.run("rollout", "pause", "agent-3", "--db", db, "--json");
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).contains("ILLEGAL_STATE");
    assertThat(Cli.run("rollout", "resume", "agent-3", "--db", db).exitCode()).isZero();
    assertThat(Cli.run("rollout", "abort", "agent-3", "--db", db, "--reason", "enough").exitCode())
        .isZero();

    Cli.Result show = Cli.run("rollout", "show", "agent-3", "--db", db, "--json");
    assertThat(show.json().get("phase").asText()).isEqualTo("aborted");
    assertThat(show.json().get("reason").asText()).isEqualTo("enough");
    Cli.Result text = Cli.run("rollout", "show", "agent-3", "--db", db);
    assertThat(text.out()).contains("rollout agent-3: agent version -> 3.0.0, aborted", "node-2");

    Cli.Result verify = Cli.run("events", "verify", "--db", db, "--json");
    assertThat(verify.exitCode()).as(verify.err()).isZero();
  }

  @Test
  void rollout_invalidPlanOrUnknownRollout_exitsTwo() throws Exception {
    Path plan = dir.resolve("bad.json");
    Files.writeString(plan, PLAN.replace("\"canary\"", "\"blue\""));
    String db = dir.resolve("fleet.db").toString();
    Cli.Result bad = Cli.run("rollout", "start", "--db", db, "--plan", plan.toString());
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("INVALID_PLAN", "waves[0].kind");

    Cli.Result missing = Cli.run("rollout", "show", "nope", "--db", db, "--json");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("NOT_FOUND");
  }
}
