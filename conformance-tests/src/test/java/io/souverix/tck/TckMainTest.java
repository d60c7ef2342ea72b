package io.souverix.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner, in process, against the in-memory and SQLite factories and a broken one. */
class TckMainTest {
  @TempDir Path reports;

  private String run(int expectedStatus, String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int status = TckMain.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(status).as(out).isEqualTo(expectedStatus);
    return out;
  }

  @Test
  void run_inMemoryFactories_passesEveryRuleAndSkipsDurability() throws Exception {
    String out =
        run(
            0,
            "--store",
            InMemoryStoreFactory.class.getName(),
            "--checkpoint-store",
            InMemoryCheckpointStoreFactory.class.getName(),
            "--reports",
            reports.toString());
    assertThat(out).contains("EventStore        23 passed,   0 failed,   2 skipped");
    assertThat(out).contains("CheckpointStore    9 passed,   0 failed,   1 skipped");
    String md = Files.readString(reports.resolve("conformance-report.md"));
    assertThat(md)
        .contains("| EventStore | ES-3.1 | REQUIRED | PASSED | a stale expected version fails")
        .contains(
            "| EventStore | ES-5.1 | REQUIRED | SKIPPED | acknowledged events survive close and"
                + " reopen (durable stores) | not a durable store (isDurable() is false) |")
        .contains("| CheckpointStore | CP-3.1 | OPTIONAL | PASSED |");
    try (Stream<Path> files = Files.list(reports)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("TEST-junit-jupiter.xml", "conformance-report.md");
    }
    assertThat(Files.readString(reports.resolve("TEST-junit-jupiter.xml")))
        .contains("<testsuite")
        .contains("required_ES301_staleExpectedVersionIsRejected")
        .contains("<skipped");
  }

  @Test
  void run_sqliteFactory_passesEveryRuleIncludingTheCrashRule() {
    String out =
        run(0, "--store", SqliteStoreFactory.class.getName(), "--reports", reports.toString());
    assertThat(out).contains("EventStore        25 passed,   0 failed,   0 skipped");
  }

  @Test
  void run_forgetfulFactory_reportsTheDurabilityRulesFailed() throws Exception {
    String out =
        run(
            1,
            "--store",
            BrokenStores.ForgetfulFactory.class.getName(),
            "--reports",
            reports.toString());
    assertThat(out)
        .contains("EventStore        23 passed,   2 failed,   0 skipped")
        .contains(
            "FAILED ES-5.1 acknowledged events survive close and reopen (durable stores): [events after reopening] Expected size: 6 but was: 0")
        .contains("FAILED ES-5.2 acknowledged events survive SIGKILL of the writer");
    assertThat(Files.readString(reports.resolve("conformance-report.md")))
        .contains("| EventStore | ES-5.2 | REQUIRED | FAILED |");
  }

  @Test
  void run_noFactory_printsUsage() {
    assertThat(run(2, "--reports", reports.toString())).contains("usage: TckMain --store");
    assertThat(run(2, "--store", "no.such.Factory")).contains("'no.such.Factory'");
  }
}
