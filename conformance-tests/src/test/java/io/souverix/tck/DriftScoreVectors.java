package io.souverix.tck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.souverix.drift.DriftException;
import io.souverix.drift.DriftScorer;
import io.souverix.drift.FleetState;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The drift-score vectors ({@code vectors/drift/drift_scores_v1.json}): one node's desired and
 * actual state (a {@code FLEET.json} node) with its expected score, severity, factors and
 * per-component severities under the default weights. {@link #generate()} takes the expected values
 * from sdk-drift ({@code DriftScorer.analyze}); {@link #check(JsonNode)} recomputes them with a
 * plain re-implementation of the formulas in docs/drift.md (no sdk-drift code).
 */
final class DriftScoreVectors {
  static final String FILE = "drift/drift_scores_v1.json";
  static final String NOW = "2026-02-27T03:45:00Z";
  private static final double TOLERANCE = 1e-9;

  private DriftScoreVectors() {}

  private static String component(String name, String desired, String actual) {
    return String.format(
        Locale.ROOT,
        "{\"name\":\"%s\",\"desired\":\"%s\",\"actual\":%s}",
        name,
        desired,
        actual == null ? "null" : "\"" + actual + "\"");
  }

  private static String node(String id, String members) {
    return "{\"node\":\"" + id + "\",\"cluster\":\"c1\",\"region\":\"r1\"" + members + "}";
  }

  private static String components(String... c) {
    return ",\"components\":[" + String.join(",", c) + "]";
  }

  private static final String CONFIG_EQUAL =
      ",\"config\":{\"desired\":{\"a\":{\"x\":1,\"y\":[1,2]},\"b\":{\"on\":true}},"
          + "\"actual\":{\"b\":{\"on\":true},\"a\":{\"y\":[1.0,2],\"x\":1.0}},"
          + "\"last_sync\":\"2026-02-27T03:30:00Z\"}";
  private static final String POLICY_EQUAL =
      ",\"policy\":{\"desired_version\":\"policy-v2.1\",\"actual_version\":\"policy-v2.1\","
          + "\"results\":[{\"policy\":\"p1\",\"passed\":true},{\"policy\":\"p2\",\"passed\":true,"
          + "\"weight\":2}]}";

  /** {comment, flags, node}. */
  private static List<Object[]> cases() {
    List<Object[]> c = new ArrayList<>();
    c.add(
        new Object[] {
          "desired and actual agree everywhere (member order and 1 vs 1.0 are not drift)",
          List.of("NO_DRIFT", "CONFIG"),
          node(
              "n01", components(component("agent", "1.4.7", "1.4.7")) + CONFIG_EQUAL + POLICY_EQUAL)
        });
    c.add(
        new Object[] {
          "one patch behind",
          List.of("VERSION"),
          node("n02", components(component("agent", "1.4.7", "1.4.6")))
        });
    c.add(
        new Object[] {
          "one minor behind",
          List.of("VERSION"),
          node("n03", components(component("agent", "1.4.7", "1.3.9")))
        });
    c.add(
        new Object[] {
          "one major behind",
          List.of("VERSION"),
          node("n04", components(component("agent", "2.0.0", "1.9.9")))
        });
    c.add(
        new Object[] {
          "two majors behind",
          List.of("VERSION"),
          node("n05", components(component("agent", "3.1.0", "1.0.0")))
        });
    c.add(
        new Object[] {
          "component not installed",
          List.of("VERSION"),
          node("n06", components(component("agent", "1.4.7", null)))
        });
    c.add(
        new Object[] {
          "ahead of the desired version counts like behind",
          List.of("VERSION"),
          node("n07", components(component("agent", "1.4.7", "1.5.0")))
        });
    c.add(
        new Object[] {
          "pre-release differs",
          List.of("VERSION"),
          node("n08", components(component("agent", "1.4.7-rc-1", "1.4.7-rc-2")))
        });
    c.add(
        new Object[] {
          "only build metadata differs",
          List.of("VERSION"),
          node("n09", components(component("agent", "1.4.7+b1", "1.4.7+b2")))
        });
    c.add(
        new Object[] {
          "neither version parses (unknown distance, fail closed)",
          List.of("VERSION"),
          node("n10", components(component("agent", "latest", "stable")))
        });
    c.add(
        new Object[] {
          "same prefix, one patch behind",
          List.of("VERSION"),
          node(
              "n11",
              components(component("rempart", "souverix-rempart-1.4.7", "souverix-rempart-1.4.6")))
        });
    c.add(
        new Object[] {
          "different prefixes (unknown distance)",
          List.of("VERSION"),
          node("n12", components(component("agent", "alpha-1.0", "beta-1.0")))
        });
    c.add(
        new Object[] {
          "the worst component drives the version factor",
          List.of("VERSION"),
          node(
              "n13",
              components(
                  component("agent", "1.4.7", "1.4.6"),
                  component("db", "5.0.0", "4.2.0"),
                  component("ui", "2.0.0", "2.0.0")))
        });
    c.add(
        new Object[] {
          "a critical security fix in a skipped patch release",
          List.of("VERSION", "SECURITY_FIX"),
          node(
              "n14",
              ",\"components\":[{\"name\":\"agent\",\"desired\":\"1.4.9\",\"actual\":\"1.4.6\","
                  + "\"security_fixes\":[{\"version\":\"1.4.8\",\"severity\":\"critical\"},"
                  + "{\"version\":\"1.5.0\",\"severity\":\"critical\"},"
                  + "{\"version\":\"1.4.5\"}]}]")
        });
    c.add(
        new Object[] {
          "a security fix of default severity (high) the node lacks",
          List.of("VERSION", "SECURITY_FIX"),
          node(
              "n15",
              ",\"components\":[{\"name\":\"agent\",\"desired\":\"1.4.9\",\"actual\":\"1.4.6\","
                  + "\"security_fixes\":[{\"version\":\"1.4.7\"}]}]")
        });
    c.add(
        new Object[] {
          "configuration: one missing, one extra, one different object of four",
          List.of("CONFIG"),
          node(
              "n16",
              ",\"config\":{\"desired\":{\"a\":{\"x\":1},\"b\":{\"x\":2},\"c\":{\"x\":3}},"
                  + "\"actual\":{\"a\":{\"x\":1},\"b\":{\"x\":20},\"d\":{}},"
                  + "\"last_sync\":\"2026-02-27T01:00:00Z\"}")
        });
    c.add(
        new Object[] {
          "configuration: nothing compared",
          List.of("CONFIG"),
          node("n17", ",\"config\":{\"desired\":{},\"actual\":{}}")
        });
    c.add(
        new Object[] {
          "policy: minor version behind and weighted compliance 0.25",
          List.of("POLICY"),
          node(
              "n18",
              ",\"policy\":{\"desired_version\":\"policy-v2.1\",\"actual_version\":\"policy-v2.0\","
                  + "\"results\":[{\"policy\":\"p1\",\"passed\":true,\"weight\":1},"
                  + "{\"policy\":\"p2\",\"passed\":false,\"weight\":3}]}")
        });
    c.add(
        new Object[] {
          "policy: enforcement audit (medium)",
          List.of("POLICY"),
          node(
              "n19",
              ",\"policy\":{\"desired_version\":\"policy-v2.1\",\"actual_version\":\"policy-v2.1\","
                  + "\"results\":[],\"enforcement\":\"audit\"}")
        });
    c.add(
        new Object[] {
          "policy: enforcement disabled (critical), every weight 0 (compliance 1)",
          List.of("POLICY"),
          node(
              "n20",
              ",\"policy\":{\"desired_version\":\"policy-v2.1\",\"actual_version\":\"policy-v2.1\","
                  + "\"results\":[{\"policy\":\"p1\",\"passed\":false,\"weight\":0}],"
                  + "\"enforcement\":\"disabled\"}")
        });
    c.add(
        new Object[] {
          "every factor at its maximum",
          List.of("VERSION", "CONFIG", "POLICY"),
          node(
              "n21",
              components(component("agent", "1.4.7", null))
                  + ",\"config\":{\"desired\":{\"a\":{}},\"actual\":{\"b\":{}}}"
                  + ",\"policy\":{\"desired_version\":\"policy-v3.0\",\"actual_version\":\"policy-v1.0\","
                  + "\"results\":[{\"policy\":\"p1\",\"passed\":false}]}")
        });
    c.add(
        new Object[] {
          "the contract's example node",
          List.of("VERSION", "CONFIG", "POLICY"),
          node(
              "n22",
              components(component("souverix-rempart", "1.4.7", "1.4.6"))
                  + ",\"config\":{\"desired\":{\"obj-a\":{\"k\":1},\"obj-b\":{\"k\":2}},"
                  + "\"actual\":{\"obj-a\":{\"k\":1}},\"last_sync\":\"2026-02-27T03:30:00Z\"}"
                  + ",\"policy\":{\"desired_version\":\"policy-v2.1\",\"actual_version\":\"policy-v2.0\","
                  + "\"results\":[{\"policy\":\"p1\",\"passed\":true,\"weight\":1.0},"
                  + "{\"policy\":\"p2\",\"passed\":false,\"weight\":1.0}]}")
        });
    return c;
  }

  static ObjectNode generate() {
    ObjectNode file =
        VectorFiles.header(
            "drift-score",
            "One node's drift score under the default weights (docs/drift.md sections 1 to 5): the"
                + " input is a FLEET.json node (desired and actual component versions,"
                + " configuration objects, policy version, results and enforcement); the expected"
                + " values are the score (0..100 points), its severity band, the four factors"
                + " (version, configuration, policy_version, compliance) with weight, drift in"
                + " [0, 1] and contribution in points, and each component's version severity and"
                + " missing security fixes. Numbers compare within 1e-9.",
            "Generated by io.souverix.tck.VectorsTest (-Dsouverix.regenerateVectors=true) from"
                + " sdk-drift (FleetState.parse, DriftScorer.withDefaults().analyze, toJson) in the"
                + " conformance kit's tests; every expected value is recomputed by a plain"
                + " re-implementation of the documented formulas in the test (DriftScoreVectors,"
                + " no sdk-drift code).",
            Map.of(
                "NO_DRIFT", "Desired and actual state agree: score 0.",
                "VERSION", "Component version drift (section 1).",
                "SECURITY_FIX", "Security fixes in skipped versions.",
                "CONFIG", "Configuration drift (section 2).",
                "POLICY", "Policy version, compliance or enforcement drift (section 3)."));
    file.put("now", NOW);
    ObjectNode weights = file.putObject("weights");
    weights.put("version", 40);
    weights.put("configuration", 30);
    weights.put("policy_version", 10);
    weights.put("compliance", 20);
    ArrayNode tests = VectorFiles.group(file, "NodeScore");
    List<Object[]> cases = cases();
    StringBuilder fleet = new StringBuilder("{\"now\":\"" + NOW + "\",\"nodes\":[");
    for (int i = 0; i < cases.size(); i++) {
      fleet.append(i == 0 ? "" : ",").append(cases.get(i)[2]);
    }
    JsonNode analysis;
    try {
      FleetState state = FleetState.parse(fleet.append("]}").toString());
      analysis =
          VectorFiles.json(DriftScorer.withDefaults().analyze(state.nodes(), state.now()).toJson());
    } catch (DriftException e) {
      throw new IllegalStateException(e);
    }
    Iterator<JsonNode> scored = analysis.get("nodes").iterator();
    for (Object[] c : cases) {
      @SuppressWarnings("unchecked")
      ObjectNode t = VectorFiles.test(file, tests, (String) c[0], (List<String>) c[1]);
      t.set("node", VectorFiles.json((String) c[2]));
      JsonNode n = scored.next();
      t.set("score", n.get("score"));
      t.set("severity", n.get("severity"));
      ArrayNode versions = t.putArray("version_drift");
      for (JsonNode v : n.get("version_drift")) {
        ObjectNode x = versions.addObject();
        x.set("component", v.get("component"));
        x.set("severity", v.get("severity"));
        x.set("missing_security_fixes", v.get("missing_security_fixes"));
      }
      t.set("factors", n.get("factors"));
      t.put("result", "valid");
    }
    return file;
  }

  // ---------------------------------------------------------------------------------------------
  // The independent computation (docs/drift.md), with no sdk-drift code.

  private static final List<String> SEVERITIES =
      List.of("none", "low", "medium", "high", "critical");
  private static final String V =
      "v?(\\d{1,18})(?:\\.(\\d{1,18}))?(?:\\.(\\d{1,18}))?(?:-([^+]+))?(?:\\+.*)?";
  private static final Pattern PLAIN = Pattern.compile(V);
  private static final Pattern PREFIXED = Pattern.compile("(.*[^A-Za-z0-9.])" + V);

  /** prefix, major, minor, patch, pre (null when none); null if it does not parse. */
  private static Object[] parse(String s) {
    Matcher m = PLAIN.matcher(s);
    String prefix = "";
    int base = 0;
    if (!m.matches()) {
      m = PREFIXED.matcher(s);
      if (!m.matches()) {
        return null;
      }
      prefix = m.group(1);
      base = 1;
    }
    return new Object[] {
      prefix,
      Long.parseLong(m.group(base + 1)),
      m.group(base + 2) == null ? 0L : Long.parseLong(m.group(base + 2)),
      m.group(base + 3) == null ? 0L : Long.parseLong(m.group(base + 3)),
      m.group(base + 4)
    };
  }

  static String versionSeverity(String desired, String actual) {
    if (actual == null) {
      return "critical";
    }
    if (desired.equals(actual)) {
      return "none";
    }
    Object[] d = parse(desired);
    Object[] a = parse(actual);
    if (d == null || a == null || !d[0].equals(a[0])) {
      return "high";
    }
    long majors = Math.abs((Long) d[1] - (Long) a[1]);
    if (majors >= 2) {
      return "critical";
    }
    if (majors == 1) {
      return "high";
    }
    if (!d[2].equals(a[2])) {
      return "medium";
    }
    if (!d[3].equals(a[3]) || !String.valueOf(d[4]).equals(String.valueOf(a[4]))) {
      return "low";
    }
    return "none";
  }

  /** Compares release versions without pre-releases (all the fixes in these vectors). */
  private static int compareRelease(String x, String y) {
    Object[] a = parse(x);
    Object[] b = parse(y);
    for (int i = 1; i <= 3; i++) {
      int c = Long.compare((Long) a[i], (Long) b[i]);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static String worse(String a, String b) {
    return SEVERITIES.indexOf(a) >= SEVERITIES.indexOf(b) ? a : b;
  }

  private static double level(String severity) {
    return SEVERITIES.indexOf(severity) * 0.25;
  }

  private static String band(double score) {
    if (score == 0) {
      return "none";
    }
    return score < 25 ? "low" : score < 50 ? "medium" : score < 75 ? "high" : "critical";
  }

  /** The expected members of a test, recomputed from its node; the vector's shape. */
  static ObjectNode recompute(JsonNode node) {
    ObjectNode out = VectorFiles.MAPPER.createObjectNode();
    ArrayNode versions = out.putArray("version_drift");
    String worst = "none";
    for (JsonNode c : node.path("components")) {
      String desired = c.get("desired").asText();
      String actual =
          c.path("actual").isNull() || c.path("actual").isMissingNode()
              ? null
              : c.get("actual").asText();
      String severity = versionSeverity(desired, actual);
      ArrayNode missing = VectorFiles.MAPPER.createArrayNode();
      if (!desired.equals(actual)) {
        for (JsonNode f : c.path("security_fixes")) {
          String fv = f.get("version").asText();
          boolean lacks = actual == null || compareRelease(actual, fv) < 0;
          if (lacks && compareRelease(fv, desired) <= 0) {
            missing.add(fv);
            severity = worse(severity, f.path("severity").asText("high"));
          }
        }
      }
      ObjectNode x = versions.addObject();
      x.put("component", c.get("name").asText());
      x.put("severity", severity);
      x.set("missing_security_fixes", missing);
      worst = worse(worst, severity);
    }
    double[] drift = new double[4];
    drift[0] = level(worst);
    JsonNode config = node.path("config");
    if (!config.isMissingNode()) {
      Set<String> keys = new TreeSet<>();
      config.get("desired").fieldNames().forEachRemaining(keys::add);
      config.get("actual").fieldNames().forEachRemaining(keys::add);
      int objects = 0;
      for (String k : keys) {
        JsonNode d = config.get("desired").get(k);
        JsonNode a = config.get("actual").get(k);
        if (d == null
            || a == null
            || !IndependentCanonicalJson.canonical(d)
                .equals(IndependentCanonicalJson.canonical(a))) {
          objects++;
        }
      }
      drift[1] = keys.isEmpty() ? 0 : (double) objects / keys.size();
    }
    JsonNode policy = node.path("policy");
    if (!policy.isMissingNode()) {
      String v =
          versionSeverity(
              policy.get("desired_version").asText(), policy.get("actual_version").asText());
      String enforcement =
          switch (policy.path("enforcement").asText("enforced")) {
            case "audit" -> "medium";
            case "unknown" -> "high";
            case "disabled" -> "critical";
            default -> "none";
          };
      drift[2] = level(worse(v, enforcement));
      double passed = 0;
      double all = 0;
      for (JsonNode r : policy.path("results")) {
        double w = r.path("weight").asDouble(1);
        all += w;
        passed += r.get("passed").asBoolean() ? w : 0;
      }
      drift[3] = all == 0 ? 0 : 1 - passed / all;
    }
    double[] weights = {40, 30, 10, 20};
    String[] names = {"version", "configuration", "policy_version", "compliance"};
    double sum = 100;
    double score = 0;
    ArrayNode factors = out.putArray("factors");
    for (int i = 0; i < 4; i++) {
      double contribution = 100 * weights[i] * drift[i] / sum;
      score += contribution;
      ObjectNode f = factors.addObject();
      f.put("factor", names[i]);
      f.put("weight", weights[i]);
      f.put("drift", drift[i]);
      f.put("contribution", contribution);
    }
    score = Math.min(100, score);
    out.put("score", score);
    out.put("severity", band(score));
    return out;
  }

  static List<String> check(JsonNode file) {
    List<String> mismatches = new ArrayList<>();
    for (JsonNode group : file.get("testGroups")) {
      for (JsonNode t : group.get("tests")) {
        ObjectNode want = recompute(t.get("node"));
        for (String member : List.of("score", "severity", "version_drift", "factors")) {
          if (!equalWithin(want.get(member), t.get(member))) {
            mismatches.add(
                VectorFiles.label(t)
                    + ": "
                    + member
                    + " "
                    + t.get(member)
                    + " but the formula gives "
                    + want.get(member));
          }
        }
      }
    }
    return mismatches;
  }

  /** Structural equality with numbers compared within {@link #TOLERANCE}. */
  static boolean equalWithin(JsonNode a, JsonNode b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a.isNumber() && b.isNumber()) {
      return Math.abs(a.asDouble() - b.asDouble()) <= TOLERANCE;
    }
    if (a.isArray() && b.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!equalWithin(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a.isObject() && b.isObject()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!equalWithin(a.get(k), b.get(k))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }
}
