package io.souverix.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.souverix.lifecycle.internal.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Prints, from a JMH JSON result file, each benchmark's score as a ratio of its raw baseline
 * measured in the same run. A method {@code <x>Raw} is the baseline of every method {@code
 * <x><Word>} of the same class with the same parameters, where {@code <Word>} is one capitalised
 * word of letters (e.g. {@code batch100Raw} of {@code batch100Store}, but not of {@code
 * batch1000Store}).
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.souverix.benchmarks.Ratios target/jmh-result.json
 * [target-ratio]}; the target defaults to 0.5. Exits with 0 even when a ratio misses the target
 * (the report says so), 2 on bad arguments or an unreadable file.
 */
public final class Ratios {
  private static final double DEFAULT_TARGET = 0.5;
  private static final String RAW = "Raw";
  private static final Pattern SUBJECT_WORD = Pattern.compile("[A-Z][A-Za-z]*");

  private Ratios() {}

  /**
   * Reads the result file and prints the ratio table.
   *
   * @param args the JSON result file, then optionally the target ratio
   */
  public static void main(String[] args) {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: Ratios <jmh-result.json> [target-ratio]");
      System.exit(2);
      return;
    }
    try {
      double target = args.length == 2 ? Double.parseDouble(args[1]) : DEFAULT_TARGET;
      JsonNode results = Json.MAPPER.readTree(Files.readString(Path.of(args[0])));
      System.out.print(report(pairs(results), target));
    } catch (IOException | RuntimeException e) {
      System.err.println("cannot report ratios of " + args[0] + ": " + e.getMessage());
      System.exit(2);
    }
  }

  /** One benchmark result: where it comes from and its score and error, in its unit. */
  record Score(
      String className, String method, String params, double score, double error, String unit) {}

  /** A benchmark and its raw baseline with the same class and parameters. */
  record Pair(Score subject, Score baseline) {
    double ratio() {
      return subject.score() / baseline.score();
    }
  }

  /** Pairs every {@code *Raw} result with its subjects; unpaired results are left out. */
  static List<Pair> pairs(JsonNode results) {
    List<Score> scores = new ArrayList<>();
    for (JsonNode r : results) {
      String benchmark = r.path("benchmark").asText();
      int dot = benchmark.lastIndexOf('.');
      JsonNode metric = r.path("primaryMetric");
      scores.add(
          new Score(
              benchmark.substring(benchmark.lastIndexOf('.', dot - 1) + 1, dot),
              benchmark.substring(dot + 1),
              params(r.path("params")),
              metric.path("score").asDouble(),
              metric.path("scoreError").asDouble(Double.NaN),
              metric.path("scoreUnit").asText()));
    }
    List<Pair> pairs = new ArrayList<>();
    for (Score raw : scores) {
      if (!isRaw(raw.method())) {
        continue;
      }
      String prefix = raw.method().substring(0, raw.method().length() - RAW.length());
      for (Score s : scores) {
        if (!isRaw(s.method())
            && s.className().equals(raw.className())
            && s.params().equals(raw.params())
            && s.method().startsWith(prefix)
            && SUBJECT_WORD.matcher(s.method().substring(prefix.length())).matches()) {
          pairs.add(new Pair(s, raw));
        }
      }
    }
    return pairs;
  }

  private static boolean isRaw(String method) {
    return method.endsWith(RAW) && method.length() > RAW.length();
  }

  /** Formats the pairs as a plain-text table with a target verdict per row. */
  static String report(List<Pair> pairs, double target) {
    StringBuilder b = new StringBuilder();
    String header =
        String.format(
            Locale.ROOT,
            "%-54s %-20s %24s %24s %6s  %s%n",
            "benchmark (subject vs raw)",
            "params",
            "subject",
            "raw baseline",
            "ratio",
            "target");
    b.append(header);
    int misses = 0;
    for (Pair p : pairs) {
      double goal = targetOf(p.subject().className(), target);
      boolean ok = p.ratio() >= goal;
      misses += ok ? 0 : 1;
      b.append(
          String.format(
              Locale.ROOT,
              "%-54s %-20s %24s %24s %6.2f  %s%n",
              p.subject().className() + "." + p.subject().method() + " vs " + p.baseline().method(),
              p.subject().params().isEmpty() ? "-" : p.subject().params(),
              score(p.subject()),
              score(p.baseline()),
              p.ratio(),
              String.format(Locale.ROOT, "%s %.2f", ok ? "ok   >=" : "MISS <", goal)));
    }
    b.append(
        String.format(
            Locale.ROOT,
            "%d pairs, %d below their target ratio (default %.2f)%n",
            pairs.size(),
            misses,
            target));
    return b.toString();
  }

  /**
   * The target a benchmark class declares in a {@code static final double TARGET_RATIO}, so the
   * target lives beside the benchmark it judges; {@code fallback} if it declares none.
   */
  static double targetOf(String className, double fallback) {
    try {
      return Class.forName(Ratios.class.getPackageName() + "." + className)
          .getField("TARGET_RATIO")
          .getDouble(null);
    } catch (ReflectiveOperationException e) {
      return fallback;
    }
  }

  private static String score(Score s) {
    String unit = s.unit();
    return Double.isNaN(s.error())
        ? String.format(Locale.ROOT, "%,.0f %s", s.score(), unit)
        : String.format(Locale.ROOT, "%,.0f ± %,.0f %s", s.score(), s.error(), unit);
  }

  private static String params(JsonNode params) {
    StringBuilder b = new StringBuilder();
    Map<String, String> sorted = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      sorted.put(e.getKey(), e.getValue().asText());
    }
    sorted.forEach((k, v) -> b.append(b.length() == 0 ? "" : ",").append(k).append('=').append(v));
    return b.toString();
  }
}
