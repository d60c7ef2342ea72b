package io.souverix.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
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
    assertThat(run(2, "--reports", reports.toString())).contains("usage: TckMain [--store");
    assertThat(run(2, "--store", "no.such.Factory")).contains("'no.such.Factory'");
  }

  @Test
  void run_policyEngineAndSignerFactories_reportsEachSpi() throws Exception {
    String out =
        run(
            0,
            "--policy-engine",
            ReferencePolicyEngineFactory.class.getName(),
            "--signer",
            InMemorySignerFactory.class.getName(),
            "--report",
            reports.toString());
    assertThat(out)
        .contains("PolicyEngine       8 passed,   0 failed,   2 skipped")
        .contains("Signer             6 passed,   0 failed,   0 skipped");
    assertThat(Files.readString(reports.resolve("conformance-report.md")))
        .contains("- PolicyEngine factory: `" + ReferencePolicyEngineFactory.class.getName() + "`")
        .contains("| PolicyEngine | PE-2.4 | OPTIONAL | SKIPPED |")
        .contains("| Signer | SG-2.1 | REQUIRED | PASSED |");
  }

  @Test
  void run_transportFactory_runsTheTransportRulesAndHonoursItsCapabilities() throws Exception {
    String out =
        run(
            0,
            "--transport",
            InProcessTransportFactory.class.getName(),
            "--report",
            reports.resolve("all").toString());
    assertThat(out).containsPattern("Transport +\\d+ passed,   0 failed,   0 skipped");
    assertThat(Files.readString(reports.resolve("all/conformance-report.md")))
        .contains("- Transport factory: `" + InProcessTransportFactory.class.getName() + "`")
        .contains("| Transport | TR-3.4 | OPTIONAL | PASSED |");
    String without =
        run(
            0,
            "--transport",
            InProcessTransportFactory.WithoutReverification.class.getName(),
            "--report",
            reports.resolve("without").toString());
    assertThat(without).containsPattern("Transport +\\d+ passed,   0 failed,   1 skipped");
    assertThat(Files.readString(reports.resolve("without/conformance-report.md")))
        .contains("| Transport | TR-3.4 | OPTIONAL | SKIPPED |");
  }

  @Test
  void run_classpathOption_loadsAFactoryFromOutsideTheClassPath() throws Exception {
    assertThat(
            run(
                2,
                "--signer",
                "com.example.VendorSigners",
                "--classpath",
                reports.resolve("missing.jar").toString()))
        .contains("expected an existing jar or directory");
    Path classes = Files.createDirectories(reports.resolve("vendor-classes"));
    Path source = Files.createDirectories(reports.resolve("src/com/example"));
    Files.writeString(
        source.resolve("VendorSigners.java"),
        "package com.example;\n"
            + "public final class VendorSigners implements io.souverix.tck.SignerFactory {\n"
            + "  private static final java.security.KeyPair KEY;\n"
            + "  static {\n"
            + "    try {\n"
            + "      KEY = java.security.KeyPairGenerator.getInstance(\"Ed25519\").generateKeyPair();\n"
            + "    } catch (java.security.GeneralSecurityException e) {\n"
            + "      throw new ExceptionInInitializerError(e);\n"
            + "    }\n"
            + "  }\n"
            + "  public io.souverix.lifecycle.spi.Signer create(java.nio.file.Path d) {\n"
            + "    return io.souverix.lifecycle.spi.Signer.inMemory(KEY,\n"
            + "        io.souverix.lifecycle.spi.SigningAlgorithm.ED25519);\n"
            + "  }\n"
            + "}\n");
    int compiled =
        ToolProvider.getSystemJavaCompiler()
            .run(
                null,
                null,
                null,
                "-d",
                classes.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                source.resolve("VendorSigners.java").toString());
    assertThat(compiled).isZero();
    assertThat(run(2, "--signer", "com.example.VendorSigners")).contains("VendorSigners");
    String out =
        run(
            0,
            "--signer",
            "com.example.VendorSigners",
            "--classpath",
            classes.toString(),
            "--report",
            reports.resolve("r").toString());
    assertThat(out).contains("Signer             6 passed,   0 failed,   0 skipped");
  }
}
