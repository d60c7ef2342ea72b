package io.souverix.kafka;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Kafka scale run of {@code docs/performance.md}: {@link ScaleRun} for each fleet size, one
 * after the other, each on a fresh broker whose data is deleted at the end. Not part of the normal
 * build; run it with {@code scripts/scale-run.sh [NODES...]}, or
 *
 * <pre>
 * mvn -q -pl adapters/kafka -am test -Dtest=ScaleRunMeasurement \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dsouverix.kafka.scale=true \
 *     -Dsouverix.kafka.scale.nodes=10000,30000,100000 -DargLine=-Xmx3g
 * </pre>
 *
 * Properties ({@code souverix.kafka.scale.*}): {@code nodes} (comma-separated sizes, default
 * 10000), {@code eventsPerNode} (100), {@code partitions} (12), {@code producers} (2), {@code
 * maxPollRecords} (2000), {@code pacedSeconds} (60), {@code pacedShare} (0.5), {@code warmupNodes}
 * (5000: an unreported run of that size first, with 10 s paced phases). The table rows go to stdout
 * and {@code adapters/kafka/target/scale-run/summary.md}, the details of each size to {@code
 * target/scale-run/scale-<nodes>.txt}.
 */
class ScaleRunMeasurement {
  private static final String P = "souverix.kafka.scale.";

  @Test
  void measure() throws Exception {
    assumeTrue(Boolean.getBoolean("souverix.kafka.scale"), "-Dsouverix.kafka.scale=true");
    Path dir = Path.of("target", "scale-run");
    Files.createDirectories(dir);
    Path summary = dir.resolve("summary.md");
    List<String> rows = new ArrayList<>();
    int warmup = Integer.getInteger(P + "warmupNodes", 5000);
    if (warmup > 0) {
      // Not reported: JIT-compiles the broker, the clients and the SDK's code paths, so that the
      // first measured size is not the only one that pays for it.
      ScaleRun.run(
          config(warmup, Duration.ofSeconds(10), dir.resolve("warmup")),
          new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
    }
    for (int nodes :
        Arrays.stream(System.getProperty(P + "nodes", "10000").split(","))
            .map(String::trim)
            .mapToInt(Integer::parseInt)
            .toArray()) {
      ScaleRun.Config c =
          config(nodes, Duration.ofSeconds(Long.getLong(P + "pacedSeconds", 60)), dir);
      ScaleRun.Result r = ScaleRun.run(c, System.out);
      String row = ScaleRun.row(r);
      rows.add(row);
      Files.writeString(
          summary,
          row + System.lineSeparator(),
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      System.out.println(Files.readString(dir.resolve("scale-" + nodes + ".txt")));
    }
    System.out.println(ScaleRun.HEADER);
    rows.forEach(System.out::println);
  }

  private static ScaleRun.Config config(int nodes, Duration paced, Path dir) {
    return new ScaleRun.Config(
        nodes,
        Integer.getInteger(P + "eventsPerNode", 100),
        Integer.getInteger(P + "partitions", 12),
        Integer.getInteger(P + "producers", 2),
        5000,
        Integer.getInteger(P + "maxPollRecords", 2000),
        Double.parseDouble(System.getProperty(P + "pacedShare", "0.5")),
        paced,
        Duration.ofSeconds(Math.min(10, paced.toSeconds() / 4)),
        Duration.ofMinutes(60),
        dir);
  }
}
