package io.souverix.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded runner jar, built in the package phase, run with {@code java -jar} in a real JVM
 * against factories from the test classes (given with {@code --classpath}). Runs in the
 * integration-test phase (the {@code runner-jar} surefire execution sets {@code
 * souverix.runnerJar}); elsewhere it is skipped.
 */
class RunnerJarIT {
  @TempDir Path work;

  private static Path runnerJar() {
    String jar = System.getProperty("souverix.runnerJar");
    assumeThat(jar).as("souverix.runnerJar (set in the integration-test phase)").isNotNull();
    return Path.of(jar);
  }

  @Test
  void runnerJar_inMemoryStoreAndSigner_writesCountsAndJunitXml() throws Exception {
    Path jar = runnerJar();
    assertThat(jar).exists();
    try (JarFile j = new JarFile(jar.toFile())) {
      assertThat(j.getManifest().getMainAttributes().getValue("Main-Class"))
          .isEqualTo(TckMain.class.getName());
      assertThat(j.getEntry("org/junit/platform/launcher/core/LauncherFactory.class")).isNotNull();
      assertThat(j.getEntry("io/souverix/lifecycle/spi/EventStore.class")).isNotNull();
      // The vendor's classes come from --classpath, not from the runner.
      assertThat(j.getEntry("io/souverix/tck/InMemoryStoreFactory.class")).isNull();
    }
    Path testClasses =
        Path.of(
            InMemoryStoreFactory.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path reports = work.resolve("reports");
    Path stdout = work.resolve("stdout.txt");
    Process p =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1",
                    "-jar",
                    jar.toString(),
                    "--store",
                    InMemoryStoreFactory.class.getName(),
                    "--signer",
                    InMemorySignerFactory.class.getName(),
                    "--transport",
                    InProcessTransportFactory.class.getName(),
                    "--classpath",
                    testClasses.toString(),
                    "--report",
                    reports.toString()))
            .redirectErrorStream(true)
            .redirectOutput(stdout.toFile())
            .start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("runner finished").isTrue();
    String out = Files.readString(stdout, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out)
        .contains("EventStore        23 passed,   0 failed,   2 skipped")
        .contains("Signer             6 passed,   0 failed,   0 skipped")
        .containsPattern("Transport +\\d+ passed,   0 failed,   0 skipped");
    assertThat(reports.resolve("TEST-junit-jupiter.xml")).exists();
    assertThat(Files.readString(reports.resolve("TEST-junit-jupiter.xml")))
        .contains("required_ES301_staleExpectedVersionIsRejected")
        .contains("<testsuite");
    assertThat(Files.readString(reports.resolve("conformance-report.md")))
        .contains("| Signer | 6 | 0 | 0 |")
        .contains("| EventStore | 23 | 0 | 2 |");
  }

  @Test
  void runnerJar_noFactory_exitsWithUsage() throws Exception {
    Path jar = runnerJar();
    Path stdout = work.resolve("stdout.txt");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString())
            .redirectErrorStream(true)
            .redirectOutput(stdout.toFile())
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(Files.readString(stdout)).contains("usage: TckMain");
  }
}
