package io.souverix.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code sync-debt} contract (../shared/contracts/drift.md), run in-process. */
class SyncDebtCommandTest {
  static final String DEBT =
      "{\"node\": \"sx-rempart-edge-zone-c-node-15\", \"last_sync\": \"2026-02-27T00:00:00Z\","
          + " \"current_time\": \"2026-02-27T03:45:00Z\", \"backlog\": {\"messages\": 1247,"
          + " \"config_updates\": 3, \"policy_updates\": 1, \"version_updates\": 0}, \"rates\":"
          + " {\"messages_per_second\": 1.0, \"config_update_seconds\": 60,"
          + " \"policy_update_seconds\": 120, \"version_update_seconds\": 300}}";

  @TempDir Path dir;

  private Cli.Result run(String content) throws Exception {
    Path f = Files.writeString(dir.resolve("debt.json"), content);
    return Cli.run("sync-debt", "--input", f.toString(), "--json");
  }

  @Test
  void syncDebt_contractExample_exitsZeroWithTheSyncDebtDocument() throws Exception {
    Cli.Result r = run(DEBT);
    assertThat(r.exitCode()).isZero();
    assertThat(r.err()).isEmpty();
    JsonNode d = r.json();
    assertThat(d.get("node").asText()).isEqualTo("sx-rempart-edge-zone-c-node-15");
    assertThat(d.get("last_sync").asText()).isEqualTo("2026-02-27T00:00:00Z");
    assertThat(d.get("current_time").asText()).isEqualTo("2026-02-27T03:45:00Z");
    assertThat(d.get("debt_hours").asDouble()).isEqualTo(3.75);
    assertThat(d.get("backlog").get("messages").asLong()).isEqualTo(1247);
    assertThat(d.get("backlog").get("config_updates").asLong()).isEqualTo(3);
    // 1247 / 1.0 + 3 * 60 + 1 * 120 + 0 * 300 = 1547 s
    assertThat(d.get("estimated_duration").asText()).isEqualTo("PT25M47S");
    assertThat(d.get("replay_eta").asText()).isEqualTo("2026-02-27T04:10:47Z");
  }

  @Test
  void syncDebt_zeroBacklog_zeroDurationEtaIsCurrentTime() throws Exception {
    JsonNode d =
        run(DEBT.replace("1247", "0")
                .replace("\"config_updates\": 3", "\"config_updates\": 0")
                .replace("\"policy_updates\": 1", "\"policy_updates\": 0"))
            .json();
    assertThat(d.get("estimated_duration").asText()).isEqualTo("PT0S");
    assertThat(d.get("replay_eta").asText()).isEqualTo("2026-02-27T03:45:00Z");
  }

  @Test
  void syncDebt_moreBacklog_laterEta() throws Exception {
    String small = run(DEBT).json().get("replay_eta").asText();
    String big = run(DEBT.replace("1247", "5000")).json().get("replay_eta").asText();
    assertThat(java.time.Instant.parse(big)).isAfter(java.time.Instant.parse(small));
  }

  @Test
  void syncDebt_malformedJson_exitsTwoNothingOnStdout() throws Exception {
    Cli.Result r = run("not json");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines())
        .singleElement()
        .asString()
        .startsWith("souverix: INPUT: ")
        .contains("MALFORMED_JSON");
  }

  @Test
  void syncDebt_currentBeforeLastSync_exitsTwo() throws Exception {
    Cli.Result r = run(DEBT.replace("2026-02-27T03:45:00Z", "2026-02-26T03:45:00Z"));
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("INVALID_INPUT", "current_time; expected at or after last_sync");
  }

  @Test
  void syncDebt_negativeCount_exitsTwo() throws Exception {
    Cli.Result r = run(DEBT.replace("1247", "-3"));
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("backlog.messages; expected an integer >= 0, but got -3");
  }
}
