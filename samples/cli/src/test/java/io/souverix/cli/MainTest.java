package io.souverix.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class MainTest {
  @Test
  void unknownOption_exitsTwoWithOneTypedLine() {
    Cli.Result r = Cli.run("events", "verify", "--db", "x.db", "--bogus");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines())
        .singleElement()
        .asString()
        .startsWith("souverix: USAGE: Unknown option: '--bogus'")
        .endsWith("(see 'souverix events verify --help')");
  }

  @Test
  void unknownOption_withJson_printsErrorObject() {
    Cli.Result r = Cli.run("timeline", "--json", "--bogus");
    assertThat(r.exitCode()).isEqualTo(2);
    JsonNode error = r.json();
    assertThat(error.get("ok").asBoolean()).isFalse();
    assertThat(error.get("exit_code").asInt()).isEqualTo(2);
    assertThat(error.get("error").get("type").asText()).isEqualTo("USAGE");
  }

  @Test
  void missingRequiredOption_exitsTwo() {
    Cli.Result r = Cli.run("timeline", "--node", "node-000001");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("USAGE", "--db");
  }

  @Test
  void noSubcommand_exitsTwo() {
    Cli.Result top = Cli.run();
    assertThat(top.exitCode()).isEqualTo(2);
    assertThat(top.err())
        .contains("a subcommand is required: demo, events,")
        .contains("attest", "provenance", "rollout");
    assertThat(Cli.run("events").exitCode()).isEqualTo(2);
    assertThat(Cli.run("lifecycle").err()).contains("a subcommand is required: table");
  }

  @Test
  void version_printsVersion() {
    Cli.Result r = Cli.run("--version");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out().strip()).matches("souverix \\d+\\.\\d+\\.\\d+.*");
  }

  @Test
  void help_listsEverySubcommand() {
    Cli.Result r = Cli.run("--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("demo", "events", "timeline", "lifecycle", "Exit codes");
  }

  @Test
  void lifecycleTable_both_printsMarkdownTables() {
    Cli.Result r = Cli.run("lifecycle", "table");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .contains("## hardware", "## software")
        .contains(
            "| `ACTIVATE` | `PROVISIONING` | `ACTIVE` | `attestation-passed`,"
                + " `trust-chain-established` |");
  }

  @Test
  void lifecycleTable_softwareJson_listsTransitions() {
    Cli.Result r = Cli.run("lifecycle", "table", "--kind", "software", "--json");
    assertThat(r.exitCode()).isZero();
    JsonNode tables = r.json().get("tables");
    assertThat(tables).hasSize(1);
    assertThat(tables.get(0).get("kind").asText()).isEqualTo("software");
    assertThat(tables.get(0).get("transitions"))
        .anySatisfy(
            t -> {
              assertThat(t.get("command").asText()).isEqualTo("ROLL_BACK");
              assertThat(t.get("to").asText()).isEqualTo("RUNNING");
              assertThat(t.get("guards").get(0).asText()).isEqualTo("healthy");
            });
  }

  @Test
  void lifecycleTable_unknownKind_exitsTwo() {
    Cli.Result r = Cli.run("lifecycle", "table", "--kind", "firmware");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).startsWith("souverix: USAGE: ");
  }
}
