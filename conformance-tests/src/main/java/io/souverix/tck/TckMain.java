package io.souverix.tck;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
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
 * java -jar conformance-tests-runner.jar --store com.example.MyStoreFactory \
 *     [--checkpoint-store com.example.MyCheckpoints] [--policy-engine com.example.MyEngines] \
 *     [--signer com.example.MySigners] [--transport com.example.MyTransports] \
 *     [--classpath vendor.jar:deps.jar] [--report DIR]
 * </pre>
 *
 * <p>{@code --store} names an {@link EventStoreFactory}, {@code --checkpoint-store} a {@link
 * CheckpointStoreFactory}, {@code --policy-engine} a {@link PolicyEngineFactory}, {@code --signer}
 * a {@link SignerFactory} and {@code --transport} a {@link TransportFactory}; at least one is
 * needed. {@code --classpath} adds the vendor's jars and class directories (separated by the
 * platform's path separator) to the runner's own class path; the crash rule's forked JVM gets them
 * too. The report directory ({@code --report}, or {@code --reports}; default {@code tck-reports})
 * receives JUnit XML and {@code conformance-report.md}. The exit status is 0 when no rule failed, 1
 * when one did, 2 for bad arguments.
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
    Map<Option, String> factories = new EnumMap<>(Option.class);
    String classPath = null;
    Path reports = Path.of("tck-reports");
    URLClassLoader loader = null;
    try {
      for (int i = 0; i < args.length; i++) {
        Option option = Option.of(args[i]);
        if (option != null) {
          factories.put(option, value(args, ++i));
          continue;
        }
        switch (args[i]) {
          case "--classpath", "-cp" -> classPath = value(args, ++i);
          case "--report", "--reports" -> reports = Path.of(value(args, ++i));
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      if (factories.isEmpty()) {
        throw new IllegalArgumentException(
            "give at least one of --store, --checkpoint-store, --policy-engine, --signer,"
                + " --transport");
      }
      if (classPath != null) {
        loader = vendorLoader(classPath);
      }
      FactoryVerifications.useVendorClassPath(loader, classPath);
      for (Map.Entry<Option, String> f : factories.entrySet()) {
        FactoryVerifications.instantiate(f.getValue(), f.getKey().factoryType);
      }
    } catch (IllegalArgumentException e) {
      FactoryVerifications.useVendorClassPath(null, null);
      closeQuietly(loader);
      out.println("error: " + e.getMessage());
      out.println(USAGE);
      return 2;
    }
    try {
      List<RuleResult> results = execute(factories, reports, loader);
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
      Files.writeString(md, markdown(results, counts, factories), StandardCharsets.UTF_8);
      out.println("reports: " + reports.toAbsolutePath());
      return results.stream().anyMatch(r -> r.status() == RuleResult.Status.FAILED) ? 1 : 0;
    } catch (IOException e) {
      out.println("error: cannot write the reports: " + e);
      return 2;
    } finally {
      FactoryVerifications.useVendorClassPath(null, null);
      closeQuietly(loader);
    }
  }

  private static final String USAGE =
      "usage: TckMain [--store EVENT_STORE_FACTORY] [--checkpoint-store CHECKPOINT_STORE_FACTORY]"
          + " [--policy-engine POLICY_ENGINE_FACTORY] [--signer SIGNER_FACTORY]"
          + " [--transport TRANSPORT_FACTORY]"
          + " [--classpath JARS] [--report DIR]";

  /** The factory options, in report order, with the verification class each runs. */
  private enum Option {
    STORE(
        "--store",
        "EventStore",
        EventStoreFactory.class,
        FactoryVerifications.EventStores.class,
        FactoryVerifications.STORE_FACTORY),
    CHECKPOINT_STORE(
        "--checkpoint-store",
        "CheckpointStore",
        CheckpointStoreFactory.class,
        FactoryVerifications.CheckpointStores.class,
        FactoryVerifications.CHECKPOINT_FACTORY),
    POLICY_ENGINE(
        "--policy-engine",
        "PolicyEngine",
        PolicyEngineFactory.class,
        FactoryVerifications.PolicyEngines.class,
        FactoryVerifications.POLICY_ENGINE_FACTORY),
    SIGNER(
        "--signer",
        "Signer",
        SignerFactory.class,
        FactoryVerifications.Signers.class,
        FactoryVerifications.SIGNER_FACTORY),
    TRANSPORT(
        "--transport",
        "Transport",
        TransportFactory.class,
        FactoryVerifications.Transports.class,
        FactoryVerifications.TRANSPORT_FACTORY);

    final String flag;
    final String spi;
    final Class<?> factoryType;
    final Class<?> verification;
    final String parameter;

    Option(String flag, String spi, Class<?> factoryType, Class<?> verification, String parameter) {
      this.flag = flag;
      this.spi = spi;
      this.factoryType = factoryType;
      this.verification = verification;
      this.parameter = parameter;
    }

    static @Nullable Option of(String flag) {
      for (Option o : values()) {
        if (o.flag.equals(flag)) {
          return o;
        }
      }
      return null;
    }
  }

  /** A loader for the vendor's jars and class directories, separated by the path separator. */
  private static URLClassLoader vendorLoader(String classPath) {
    List<URL> urls = new ArrayList<>();
    for (String entry : classPath.split(java.util.regex.Pattern.quote(File.pathSeparator))) {
      if (entry.isBlank()) {
        continue;
      }
      Path p = Path.of(entry);
      if (!Files.exists(p)) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "--classpath entry; expected an existing jar or directory, but got '%s'",
                entry));
      }
      try {
        urls.add(p.toUri().toURL());
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException("--classpath entry " + entry + ": " + e, e);
      }
    }
    return new URLClassLoader(urls.toArray(URL[]::new), TckMain.class.getClassLoader());
  }

  private static void closeQuietly(@Nullable URLClassLoader loader) {
    if (loader != null) {
      try {
        loader.close();
      } catch (IOException e) {
        // Nothing left to release that matters to the exit status.
      }
    }
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }

  private static List<RuleResult> execute(
      Map<Option, String> factories, Path reports, @Nullable ClassLoader loader)
      throws IOException {
    Files.createDirectories(reports);
    LauncherDiscoveryRequestBuilder request =
        LauncherDiscoveryRequestBuilder.request()
            .filters(EngineFilter.includeEngines("junit-jupiter"));
    for (Map.Entry<Option, String> f : factories.entrySet()) {
      request
          .selectors(selectClass(f.getKey().verification))
          .configurationParameter(f.getKey().parameter, f.getValue());
    }
    RuleResultsListener results = new RuleResultsListener();
    // Not closed: it wraps System.err.
    PrintWriter xmlErrors =
        new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    if (loader != null) {
      thread.setContextClassLoader(loader);
    }
    try {
      Launcher launcher = LauncherFactory.create();
      launcher.execute(
          request.build(), results, new LegacyXmlReportGeneratingListener(reports, xmlErrors));
    } finally {
      thread.setContextClassLoader(previous);
    }
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
      List<RuleResult> results, Map<String, int[]> counts, Map<Option, String> factories) {
    StringBuilder b = new StringBuilder("# Souverix conformance report\n\n");
    for (Map.Entry<Option, String> f : factories.entrySet()) {
      b.append("- ")
          .append(f.getKey().spi)
          .append(" factory: `")
          .append(f.getValue())
          .append("`\n");
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
