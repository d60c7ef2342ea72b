package io.souverix.tck;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;

/**
 * The conformance kit's command-line runner: runs the verification classes against a vendor's
 * factories and reports, per SPI, which rules passed, failed or were skipped.
 *
 * <pre>
 * java -cp conformance-tests.jar:&lt;its dependencies&gt;:vendor.jar io.souverix.tck.TckMain \
 *     --store com.example.MyStoreFactory [--checkpoint-store com.example.MyCheckpoints] \
 *     [--reports DIR]
 * </pre>
 *
 * <p>{@code --store} names an {@link EventStoreFactory}, {@code --checkpoint-store} a {@link
 * CheckpointStoreFactory}; at least one is needed. The reports directory (default {@code
 * tck-reports}) receives JUnit XML and {@code conformance-report.md}. The exit status is 0 when no
 * rule failed, 1 when one did, 2 for bad arguments.
 *
 * @since 0.1
 */
public final class TckMain {
  private TckMain() {}

  /**
   * Runs the kit and exits with its status.
   *
   * @param args the command line; see the class documentation
   */
  public static void main(String[] args) {
    System.exit(run(args, System.out));
  }

  /**
   * Runs the kit in this JVM.
   *
   * @param args the command line; see the class documentation
   * @param out receives the summary
   * @return 0 if no rule failed, 1 if one did, 2 for bad arguments or an unwritable report
   */
  public static int run(String[] args, PrintStream out) {
    String store = null;
    String checkpoints = null;
    Path reports = Path.of("tck-reports");
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--store" -> store = value(args, ++i);
          case "--checkpoint-store" -> checkpoints = value(args, ++i);
          case "--reports" -> reports = Path.of(value(args, ++i));
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      if (store == null && checkpoints == null) {
        throw new IllegalArgumentException("give --store and/or --checkpoint-store");
      }
      if (store != null) {
        FactoryVerifications.instantiate(store, EventStoreFactory.class);
      }
      if (checkpoints != null) {
        FactoryVerifications.instantiate(checkpoints, CheckpointStoreFactory.class);
      }
    } catch (IllegalArgumentException e) {
      out.println("error: " + e.getMessage());
      out.println(
          "usage: TckMain --store EVENT_STORE_FACTORY_CLASS [--checkpoint-store"
              + " CHECKPOINT_STORE_FACTORY_CLASS] [--reports DIR]");
      return 2;
    }
    try {
      List<RuleResult> results = execute(store, checkpoints, reports);
      Map<String, int[]> counts = count(results);
      for (Map.Entry<String, int[]> c : counts.entrySet()) {
        out.printf(
            Locale.ROOT,
            "%-16s %3d passed, %3d failed, %3d skipped%n",
            c.getKey(),
            c.getValue()[0],
            c.getValue()[1],
            c.getValue()[2]);
      }
      for (RuleResult r : results) {
        if (r.status() == RuleResult.Status.FAILED) {
          out.printf(
              Locale.ROOT, "FAILED %s %s: %s%n", r.ruleId(), r.statement(), firstLine(r.message()));
        }
      }
      Path md = reports.resolve("conformance-report.md");
      Files.writeString(md, markdown(results, counts, store, checkpoints), StandardCharsets.UTF_8);
      out.println("reports: " + reports.toAbsolutePath());
      return results.stream().anyMatch(r -> r.status() == RuleResult.Status.FAILED) ? 1 : 0;
    } catch (IOException e) {
      out.println("error: cannot write the reports: " + e);
      return 2;
    }
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }

  private static List<RuleResult> execute(
      @Nullable String store, @Nullable String checkpoints, Path reports) throws IOException {
    Files.createDirectories(reports);
    LauncherDiscoveryRequestBuilder request =
        LauncherDiscoveryRequestBuilder.request()
            .filters(EngineFilter.includeEngines("junit-jupiter"));
    if (store != null) {
      request
          .selectors(selectClass(FactoryVerifications.EventStores.class))
          .configurationParameter(FactoryVerifications.STORE_FACTORY, store);
    }
    if (checkpoints != null) {
      request
          .selectors(selectClass(FactoryVerifications.CheckpointStores.class))
          .configurationParameter(FactoryVerifications.CHECKPOINT_FACTORY, checkpoints);
    }
    RuleResultsListener results = new RuleResultsListener();
    // Not closed: it wraps System.err.
    PrintWriter xmlErrors =
        new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    Launcher launcher = LauncherFactory.create();
    launcher.execute(
        request.build(), results, new LegacyXmlReportGeneratingListener(reports, xmlErrors));
    xmlErrors.flush();
    List<RuleResult> sorted = new ArrayList<>(results.results());
    sorted.sort(
        java.util.Comparator.comparing(RuleResult::spi)
            .thenComparing(r -> r.method().replaceFirst("^[a-z]+_", "")));
    return sorted;
  }

  private static Map<String, int[]> count(List<RuleResult> results) {
    Map<String, int[]> counts = new LinkedHashMap<>();
    for (RuleResult r : results) {
      counts.computeIfAbsent(r.spi(), k -> new int[3])[r.status().ordinal()]++;
    }
    return counts;
  }

  /** The start of a message on one line: AssertJ messages put the description first. */
  private static String firstLine(String s) {
    String t = s.strip().replaceAll("\\s+", " ");
    return t.length() <= 240 ? t : t.substring(0, 240) + " ...";
  }

  private static String markdown(
      List<RuleResult> results,
      Map<String, int[]> counts,
      @Nullable String store,
      @Nullable String checkpoints) {
    StringBuilder b = new StringBuilder("# Souverix conformance report\n\n");
    if (store != null) {
      b.append("- EventStore factory: `").append(store).append("`\n");
    }
    if (checkpoints != null) {
      b.append("- CheckpointStore factory: `").append(checkpoints).append("`\n");
    }
    b.append("\n| SPI | Passed | Failed | Skipped |\n|---|---|---|---|\n");
    for (Map.Entry<String, int[]> c : counts.entrySet()) {
      b.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %d | %d |%n",
              c.getKey(),
              c.getValue()[0],
              c.getValue()[1],
              c.getValue()[2]));
    }
    b.append("\n| SPI | Rule | Level | Status | Statement | Detail |\n|---|---|---|---|---|---|\n");
    for (RuleResult r : results) {
      b.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %s | %s | %s |%n",
              r.spi(),
              r.ruleId(),
              r.required() ? "REQUIRED" : "OPTIONAL",
              r.status(),
              cell(r.statement()),
              cell(firstLine(r.message()))));
    }
    return b.toString();
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }
}
