package io.souverix.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
  private static final int NODES = 50;

  @TempDir static Path dir;
  private static Cli.Result first;

  @BeforeAll
  static void runDemoOnce() {
    first = Cli.run("demo", "--nodes", "50", "--db", dir.resolve("a.db").toString(), "--json");
  }

  @Test
  void demo_fiftyNodes_exitsZeroWithOneJsonObject() {
    assertThat(first.exitCode()).as(first.err()).isZero();
    JsonNode r = first.json();
    assertThat(r.get("ok").asBoolean()).isTrue();
    assertThat(r.get("nodes").asInt()).isEqualTo(NODES);
    assertThat(r.get("seed").asLong()).isEqualTo(42);
    assertThat(r.get("store").get("synchronous").asText()).isEqualTo("normal");
    assertThat(r.get("store").get("durability").asText()).contains("not a power loss");
  }

  @Test
  void demo_fiftyNodes_countsAddUp() {
    JsonNode r = first.json();
    JsonNode fleet = r.get("fleet");
    assertThat(fleet.get("nodes").asInt()).isEqualTo(NODES);
    assertThat(fleet.get("software_components").asInt()).isEqualTo(2 * NODES);
    assertThat(fleet.get("nodes_by_state").get("DECOMMISSIONED").asInt()).isEqualTo(2);
    assertThat(fleet.get("nodes_by_state").get("ACTIVE").asInt()).isEqualTo(NODES - 2);
    int perRegion = 0;
    for (JsonNode region : fleet.get("nodes_by_region_and_state")) {
      for (JsonNode count : region) {
        perRegion += count.asInt();
      }
    }
    assertThat(perRegion).isEqualTo(NODES);

    JsonNode rollout = r.get("rollout");
    int succeeded = rollout.get("succeeded").asInt();
    int rolledBack = rollout.get("rolled_back").asInt();
    assertThat(succeeded + rolledBack).isEqualTo(NODES);
    assertThat(rolledBack).isPositive();
    int waveNodes = 0;
    for (JsonNode w : rollout.get("waves")) {
      waveNodes += w.get("nodes").asInt();
      assertThat(w.get("succeeded").asInt() + w.get("rolled_back").asInt())
          .isEqualTo(w.get("nodes").asInt());
    }
    assertThat(waveNodes).isEqualTo(NODES);
    assertThat(rollout.get("waves").get(0).get("name").asText()).isEqualTo("canary");
    JsonNode agent = r.get("software").get("agent").get("versions");
    assertThat(agent.get("2.4.0").asInt()).isEqualTo(succeeded);
    assertThat(agent.get("2.3.0").asInt()).isEqualTo(rolledBack);
    assertThat(r.get("software").get("agent").get("states").get("RETIRED").asInt()).isEqualTo(2);

    JsonNode offline = r.get("offline_region");
    JsonNode debt = offline.get("sync_debt");
    assertThat(offline.get("connected_now").asInt()).isEqualTo(offline.get("nodes").asInt());
    assertThat(debt.get("nodes_with_debt").asInt()).isEqualTo(offline.get("nodes").asInt());
    assertThat(debt.get("events_missed").asInt())
        .isEqualTo(offline.get("desired_state_changes_while_offline").asInt())
        .isEqualTo(debt.get("events_replayed").asInt());
    assertThat(debt.get("remaining_after_replay").asInt()).isZero();
    assertThat(debt.get("example").get("events").get(0).get("type").asText())
        .isEqualTo("node.desired_state_changed");

    assertThat(r.get("decommissioned")).hasSize(2);
    for (JsonNode d : r.get("decommissioned")) {
      assertThat(d.get("lifecycle_state").asText()).isEqualTo("DECOMMISSIONED");
    }
    assertThat(r.get("decommissioned").get(0).get("path").asText()).isEqualTo("graceful");
    assertThat(r.get("decommissioned").get(1).get("path").asText()).isEqualTo("emergency");

    JsonNode chain = r.get("chain");
    assertThat(chain.get("ok").asBoolean()).isTrue();
    assertThat(chain.get("problems")).isEmpty();
    assertThat(chain.get("events_checked").asLong())
        .isEqualTo(r.get("events").get("total").asLong());
    assertThat(chain.get("streams_checked").asLong()).isEqualTo(3L * NODES);
    assertThat(r.get("steps"))
        .extracting(s -> s.get("step").asText())
        .containsExactly(
            "provision",
            "rollout",
            "offline",
            "sync-debt",
            "decommission",
            "projections",
            "verify");
  }

  @Test
  void demo_views_showActiveAndDecommissionedNodes() {
    JsonNode views = first.json().get("views");
    assertThat(views.get("active_node").get("lifecycle_state").asText()).isEqualTo("ACTIVE");
    assertThat(views.get("active_node").get("connectivity").get("state").asText())
        .isEqualTo("connected");
    assertThat(views.get("active_node").get("certificates").get("current_serial").asText())
        .startsWith("C-node-");
    for (String name : List.of("graceful_decommissioned", "emergency_decommissioned")) {
      JsonNode v = views.get(name);
      assertThat(v.get("lifecycle_state").asText()).isEqualTo("DECOMMISSIONED");
      assertThat(v.get("certificates").get("current_serial").isNull()).isTrue();
      assertThat(v.get("manufacturing").get("batch_id").asText()).isEqualTo("B25-0001");
    }
    assertThat(views.get("agent").get("name").asText()).isEqualTo("agent");
    assertThat(views.get("agent").get("lifecycle_state").asText()).isEqualTo("RUNNING");
  }

  @Test
  void demo_progress_goesToStderrOneLinePerStep() {
    assertThat(first.err().lines())
        .hasSize(7)
        .allSatisfy(line -> assertThat(line).doesNotContain("\r"));
    assertThat(first.err()).contains("provision:", "0% 10% 20%", "100%");
  }

  @Test
  void demo_sameSeedTwice_identicalEventHashes() throws Exception {
    Path second = dir.resolve("b.db");
    Cli.Result again = Cli.run("demo", "--nodes", "50", "--db", second.toString());
    assertThat(again.exitCode()).as(again.err()).isZero();
    // Text mode this time: the readable summary.
    assertThat(again.out())
        .contains("Chain verification: intact", "Decommissioned", "HardwareLifecycle");

    List<String> a = hashes(dir.resolve("a.db"));
    List<String> b = hashes(second);
    assertThat(a).hasSize(first.json().get("events").get("total").asInt());
    assertThat(b).isEqualTo(a);
    assertThat(a.get(a.size() - 1)).isEqualTo(first.json().get("events").get("head_hash").asText());
  }

  @Test
  void demo_otherSeedWithOverwrite_replacesFileWithOtherHashes() throws Exception {
    Path other = dir.resolve("c.db");
    Files.writeString(other, "old");
    Cli.Result r =
        Cli.run("demo", "--nodes", "50", "--seed", "7", "--db", other.toString(), "--overwrite");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(hashes(other).get(0)).isNotEqualTo(hashes(dir.resolve("a.db")).get(0));
  }

  @Test
  void demo_existingFileWithoutOverwrite_exitsTwoAndKeepsFile() throws Exception {
    Path existing = dir.resolve("keep.db");
    Files.writeString(existing, "precious");
    Cli.Result r = Cli.run("demo", "--nodes", "50", "--db", existing.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().lines()).singleElement().asString().startsWith("souverix: INPUT: ");
    assertThat(r.err()).contains("--overwrite");
    assertThat(Files.readString(existing)).isEqualTo("precious");
  }

  @Test
  void demo_tooFewNodes_usageError() {
    Cli.Result r = Cli.run("demo", "--nodes", "3", "--db", dir.resolve("few.db").toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).startsWith("souverix: USAGE: --nodes; expected 10 to");
    assertThat(dir.resolve("few.db")).doesNotExist();
  }

  private static List<String> hashes(Path db) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT envelope ->> '$.hash' FROM events ORDER BY position")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
