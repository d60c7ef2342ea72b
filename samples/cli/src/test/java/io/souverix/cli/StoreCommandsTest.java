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

/** {@code events verify} and {@code timeline} on a store the demo wrote. */
class StoreCommandsTest {
  @TempDir static Path dir;
  private static Path db;

  @BeforeAll
  static void writeStore() {
    db = dir.resolve("fleet.db");
    Cli.Result r = Cli.run("demo", "--nodes", "12", "--db", db.toString(), "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
  }

  @Test
  void verify_intactStore_exitsZero() {
    Cli.Result r = Cli.run("events", "verify", "--db", db.toString(), "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode v = r.json();
    assertThat(v.get("ok").asBoolean()).isTrue();
    assertThat(v.get("problems")).isEmpty();
    assertThat(v.get("events_checked").asLong())
        .isPositive()
        .isEqualTo(v.get("head_position").asLong());
    assertThat(v.get("streams_checked").asLong()).isEqualTo(36);
    assertThat(r.err()).isEmpty();

    Cli.Result text = Cli.run("events", "verify", "--db", db.toString());
    assertThat(text.exitCode()).isZero();
    assertThat(text.out()).contains("in 36 streams", "chain intact");
  }

  @Test
  void verify_payloadTamperedWithPlainJdbc_exitsOneAndListsProblem() throws Exception {
    Path copy = copyOf(db, "tampered.db");
    long position;
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy);
        Statement s = c.createStatement()) {
      try (ResultSet rs =
          s.executeQuery(
              "SELECT position FROM events WHERE envelope ->> '$.type' = 'emergency.isolated'")) {
        assertThat(rs.next()).isTrue();
        position = rs.getLong(1);
      }
      int updated =
          s.executeUpdate(
              "UPDATE events SET envelope = json_set(envelope, '$.payload',"
                  + " json('{\"reason\":\"routine maintenance\"}')) WHERE position = "
                  + position);
      assertThat(updated).isEqualTo(1);
    }

    Cli.Result r = Cli.run("events", "verify", "--db", copy.toString(), "--json");
    assertThat(r.exitCode()).isEqualTo(1);
    JsonNode v = r.json();
    assertThat(v.get("ok").asBoolean()).isFalse();
    assertThat(v.get("problems")).hasSize(1);
    JsonNode p = v.get("problems").get(0);
    assertThat(p.get("position").asLong()).isEqualTo(position);
    assertThat(p.get("kind").asText()).isEqualTo("HASH_MISMATCH");
    assertThat(p.get("stream_id").asText()).isEqualTo("node-000002");
    assertThat(r.err().lines()).singleElement().asString().startsWith("souverix: CHECK_FAILED: ");

    Cli.Result text = Cli.run("events", "verify", "--db", copy.toString());
    assertThat(text.exitCode()).isEqualTo(1);
    assertThat(text.out()).contains("position " + position, "HASH_MISMATCH", "1 problems");
  }

  @Test
  void verify_missingFile_exitsTwo() {
    Path missing = dir.resolve("missing.db");
    Cli.Result r = Cli.run("events", "verify", "--db", missing.toString(), "--json");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().lines())
        .singleElement()
        .asString()
        .startsWith("souverix: INPUT: no such file");
    assertThat(r.json().get("error").get("type").asText()).isEqualTo("INPUT");
    assertThat(missing).doesNotExist();
  }

  @Test
  void verify_fileThatIsNotSqlite_exitsTwo() throws Exception {
    Path text = dir.resolve("notes.txt");
    Files.writeString(text, "not a database");
    Cli.Result r = Cli.run("events", "verify", "--db", text.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("not a Souverix event store");
    assertThat(Files.readString(text)).isEqualTo("not a database");
  }

  @Test
  void verify_sqliteWithoutEventsTable_exitsTwoAndLeavesFileAlone() throws Exception {
    Path other = dir.resolve("other.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + other);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE notes (text TEXT)");
    }
    Cli.Result r = Cli.run("events", "verify", "--db", other.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("expected a table 'events'");
    assertThat(tables(other)).containsExactly("notes");
  }

  @Test
  void timeline_knownNode_listsItsEventsInGlobalOrder() {
    Cli.Result r = Cli.run("timeline", "--db", db.toString(), "--node", "node-000001", "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode entries = r.json().get("entries");
    List<Long> positions = new ArrayList<>();
    List<String> components = new ArrayList<>();
    for (JsonNode e : entries) {
      positions.add(e.get("position").asLong());
      components.add(e.get("component").asText());
    }
    assertThat(positions).isSorted().doesNotHaveDuplicates();
    assertThat(components).containsOnly("node-000001", "node-000001/os", "node-000001/agent");
    assertThat(entries.get(0).get("type").asText()).isEqualTo("node.serial_registered");
    JsonNode last = entries.get(entries.size() - 1);
    assertThat(last.get("component").asText()).isEqualTo("node-000001");
    assertThat(last.get("summary").asText())
        .isEqualTo(
            "DECOMMISSIONING -> DECOMMISSIONED (COMPLETE_DECOMMISSION): graceful decommission done");

    Cli.Result text = Cli.run("timeline", "--db", db.toString(), "--node", "node-000001");
    assertThat(text.exitCode()).isZero();
    List<String> lines = text.out().lines().toList();
    assertThat(lines).hasSize(entries.size());
    assertThat(lines.get(0))
        .startsWith(entries.get(0).get("occurred_at").asText())
        .contains("node-000001", "node.serial_registered", "registered serial");
  }

  @Test
  void timeline_unknownNode_exitsTwo() {
    Cli.Result r = Cli.run("timeline", "--db", db.toString(), "--node", "node-999999");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines())
        .singleElement()
        .asString()
        .startsWith("souverix: NOT_FOUND: node 'node-999999'");
  }

  @Test
  void timeline_missingFile_exitsTwo() {
    Cli.Result r =
        Cli.run("timeline", "--db", dir.resolve("nope.db").toString(), "--node", "node-000001");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).startsWith("souverix: INPUT: no such file");
  }

  private static Path copyOf(Path source, String name) throws Exception {
    Path copy = dir.resolve(name);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + source);
        Statement s = c.createStatement()) {
      s.execute("VACUUM INTO '" + copy + "'");
    }
    return copy;
  }

  private static List<String> tables(Path file) throws Exception {
    List<String> names = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }

  @Test
  void driftScore_fromStore_scoresNodesWithDesiredState() {
    Cli.Result r = Cli.run("drift", "score", "--db", db.toString(), "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode doc = r.json();
    assertThat(doc.get("nodes")).isNotEmpty();
    assertThat(doc.get("fleet").get("nodes").asInt()).isEqualTo(doc.get("nodes").size());
    for (JsonNode n : doc.get("nodes")) {
      assertThat(n.get("score").asDouble()).isBetween(0.0, 100.0);
      assertThat(n.has("version_drift")).isTrue();
    }
    String first = doc.get("nodes").get(0).get("node").asText();

    Cli.Result one = Cli.run("drift", "score", "--db", db.toString(), "--node", first, "--json");
    assertThat(one.exitCode()).as(one.err()).isZero();
    assertThat(one.json().get("nodes")).hasSize(1);
    assertThat(one.json().get("nodes").get(0)).isEqualTo(doc.get("nodes").get(0));
  }

  @Test
  void driftScore_badCombinations_exitTwo() {
    assertThat(Cli.run("drift", "score", "--db", db.toString(), "--node", "nope").exitCode())
        .isEqualTo(2);
    assertThat(Cli.run("drift", "score").exitCode()).isEqualTo(2);
    assertThat(Cli.run("drift", "score", "--db", db.toString(), "--fleet", "x.json").exitCode())
        .isEqualTo(2);
  }

  @Test
  void syncDebt_fromStore_connectedNodeOwesNothing_missingNodeOptionExitsTwo() {
    Cli.Result score = Cli.run("drift", "score", "--db", db.toString(), "--json");
    String node = score.json().get("nodes").get(0).get("node").asText();

    Cli.Result r =
        Cli.run(
            "sync-debt",
            "--db",
            db.toString(),
            "--node",
            node,
            "--at",
            "2030-01-01T00:00:00Z",
            "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.json().get("node").asText()).isEqualTo(node);
    assertThat(r.json().get("backlog").get("messages").asLong()).isGreaterThanOrEqualTo(0);
    assertThat(r.json().has("replay_eta")).isTrue();

    assertThat(Cli.run("sync-debt", "--db", db.toString()).exitCode()).isEqualTo(2);
  }
}
