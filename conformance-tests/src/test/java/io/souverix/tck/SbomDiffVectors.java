package io.souverix.tck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.souverix.supplychain.sbom.SbomDiffer;
import io.souverix.supplychain.sbom.SbomParseException;
import io.souverix.supplychain.sbom.SbomParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The SBOM-diff vectors ({@code vectors/sbom/sbom_diff_v1.json}): two small CycloneDX JSON BOMs
 * (inline) with the expected {@code added}, {@code removed}, {@code version_changed} and {@code
 * hash_changed} lists of the diff. {@link #generate()} takes them from sdk-supply-chain ({@code
 * SbomDiffer.diff(..).toJson()}); {@link #check(JsonNode)} recomputes them with a simple diff of
 * its own over the JSON (the vectors use plain purls and dotted numeric versions).
 */
final class SbomDiffVectors {
  static final String FILE = "sbom/sbom_diff_v1.json";
  private static final String H1 = "1".repeat(64);
  private static final String H2 = "2".repeat(64);
  private static final String H3 = "ab".repeat(32);

  private SbomDiffVectors() {}

  /** A component: name, version, purl type ("maven", "npm" or null for none), hash or null. */
  private static String c(String group, String name, String version, String type, String hash) {
    StringBuilder b = new StringBuilder("{\"type\":\"library\"");
    if (group != null) {
      b.append(",\"group\":\"").append(group).append('"');
    }
    b.append(",\"name\":\"").append(name).append("\",\"version\":\"").append(version).append('"');
    if (type != null) {
      String ns = group == null ? "" : group + "/";
      b.append(String.format(Locale.ROOT, ",\"purl\":\"pkg:%s/%s%s@%s\"", type, ns, name, version));
    }
    if (hash != null) {
      b.append(",\"hashes\":[{\"alg\":\"SHA-256\",\"content\":\"").append(hash).append("\"}]");
    }
    return b.append('}').toString();
  }

  private static String bom(String... components) {
    return "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",\"version\":1,\"components\":["
        + String.join(",", components)
        + "]}";
  }

  private static final String CORE = c("org.example", "core", "1.2.3", "maven", H1);
  private static final String LEFTPAD = c(null, "left-pad", "1.3.0", "npm", null);

  /** {comment, flags, old, new}. */
  private static List<Object[]> cases() {
    List<Object[]> c = new ArrayList<>();
    c.add(new Object[] {"identical BOMs", List.of(), bom(CORE, LEFTPAD), bom(LEFTPAD, CORE)});
    c.add(
        new Object[] {
          "one component added, one removed",
          List.of("ADDED", "REMOVED"),
          bom(CORE, LEFTPAD),
          bom(CORE, c(null, "is-odd", "3.0.1", "npm", null))
        });
    c.add(
        new Object[] {
          "upgrade compared numerically (1.2.3 to 1.10.0)",
          List.of("VERSION"),
          bom(CORE),
          bom(c("org.example", "core", "1.10.0", "maven", H1))
        });
    c.add(
        new Object[] {
          "downgrade",
          List.of("VERSION"),
          bom(CORE, LEFTPAD),
          bom(CORE, c(null, "left-pad", "1.1.9", "npm", null))
        });
    c.add(
        new Object[] {
          "same version, different SHA-256",
          List.of("HASH"),
          bom(CORE),
          bom(c("org.example", "core", "1.2.3", "maven", H2))
        });
    c.add(
        new Object[] {
          "same version, hash differing only in letter case is unchanged",
          List.of("HASH"),
          bom(c("org.example", "core", "1.2.3", "maven", H3)),
          bom(c("org.example", "core", "1.2.3", "maven", H3.toUpperCase(Locale.ROOT)))
        });
    c.add(
        new Object[] {
          "a hash present on one side only is not a change",
          List.of("HASH"),
          bom(CORE),
          bom(c("org.example", "core", "1.2.3", "maven", null))
        });
    c.add(
        new Object[] {
          "version and hash change together: a version change only",
          List.of("VERSION", "HASH"),
          bom(CORE),
          bom(c("org.example", "core", "1.2.4", "maven", H2))
        });
    c.add(
        new Object[] {
          "components without a purl are keyed by group and name",
          List.of("NO_PURL", "VERSION", "ADDED"),
          bom(c("acme", "firmware", "4.0", null, null)),
          bom(c("acme", "firmware", "4.1", null, null), c(null, "bootloader", "2", null, null))
        });
    c.add(
        new Object[] {
          "several versions under one key: equal versions pair first, the rest in order",
          List.of("MULTI_VERSION", "VERSION"),
          bom(
              c("org.example", "util", "1.0", "maven", null),
              c("org.example", "util", "2.0", "maven", null)),
          bom(
              c("org.example", "util", "3.0", "maven", null),
              c("org.example", "util", "2.0", "maven", null))
        });
    c.add(
        new Object[] {
          "several versions under one key: a leftover is removed",
          List.of("MULTI_VERSION", "VERSION", "REMOVED"),
          bom(
              c("org.example", "util", "1.0", "maven", null),
              c("org.example", "util", "2.0", "maven", null),
              c("org.example", "util", "2.5", "maven", null)),
          bom(c("org.example", "util", "2.1", "maven", null))
        });
    return c;
  }

  private static final List<String> OUTPUTS =
      List.of("added", "removed", "version_changed", "hash_changed");

  static ObjectNode generate() {
    ObjectNode file =
        VectorFiles.header(
            "sbom-diff",
            "The difference between two CycloneDX JSON BOMs under the default matching rules"
                + " (docs/supply-chain.md, rules version 1): components keyed by their purl"
                + " without the version (or gn:GROUP/NAME without a purl); added and removed keys,"
                + " version changes with their direction, and hash changes for an unchanged"
                + " version (only algorithms on both sides, case-insensitive). Each list is"
                + " sorted by the RFC 8785 canonical JSON of its elements.",
            "Generated by io.souverix.tck.VectorsTest (-Dsouverix.regenerateVectors=true) from"
                + " sdk-supply-chain (SbomParser.defaults().parse, SbomDiffer.diff, toJson) in the"
                + " conformance kit's tests; every list is recomputed by a simple independent diff"
                + " over the JSON in the test (SbomDiffVectors), no sdk-supply-chain code.",
            Map.of(
                "ADDED", "A key only in the new BOM.",
                "REMOVED", "A key only in the old BOM.",
                "VERSION", "A key whose version changed.",
                "HASH", "Hashes of an unchanged version.",
                "NO_PURL", "Components without a purl.",
                "MULTI_VERSION", "Several versions under one key."));
    ArrayNode tests = VectorFiles.group(file, "SbomDiff");
    for (Object[] c : cases()) {
      @SuppressWarnings("unchecked")
      ObjectNode t = VectorFiles.test(file, tests, (String) c[0], (List<String>) c[1]);
      t.set("old", VectorFiles.json((String) c[2]));
      t.set("new", VectorFiles.json((String) c[3]));
      JsonNode diff;
      try {
        SbomParser parser = SbomParser.defaults();
        diff =
            VectorFiles.json(
                SbomDiffer.diff(
                        parser.parse(((String) c[2]).getBytes(StandardCharsets.UTF_8)),
                        parser.parse(((String) c[3]).getBytes(StandardCharsets.UTF_8)))
                    .toJson());
      } catch (SbomParseException e) {
        throw new IllegalStateException(e);
      }
      ObjectNode expected = t.putObject("expected");
      OUTPUTS.forEach(m -> expected.set(m, diff.get(m)));
      t.put("result", "valid");
    }
    return file;
  }

  // ---------------------------------------------------------------------------------------------
  // Independent diff.

  private static String text(JsonNode n, String member) {
    JsonNode v = n.get(member);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static String key(JsonNode component) {
    String purl = text(component, "purl");
    if (purl == null) {
      String group = text(component, "group");
      return "gn:" + (group == null ? "" : group) + "/" + text(component, "name");
    }
    return purl.substring(0, purl.lastIndexOf('@'));
  }

  private static int compareVersions(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      long p = i < x.length ? Long.parseLong(x[i]) : 0;
      long q = i < y.length ? Long.parseLong(y[i]) : 0;
      if (p != q) {
        return Long.compare(p, q);
      }
    }
    return 0;
  }

  /** key -> version -> component, versions in version order. */
  private static Map<String, TreeMap<String, JsonNode>> index(JsonNode bom) {
    Map<String, TreeMap<String, JsonNode>> m = new LinkedHashMap<>();
    for (JsonNode c : bom.get("components")) {
      m.computeIfAbsent(key(c), k -> new TreeMap<>(SbomDiffVectors::compareVersions))
          .putIfAbsent(text(c, "version"), c);
    }
    return m;
  }

  private static ObjectNode entry(String key, JsonNode c) {
    ObjectNode e = VectorFiles.MAPPER.createObjectNode();
    e.put("group", text(c, "group"));
    e.put("key", key);
    e.put("name", text(c, "name"));
    e.put("purl", text(c, "purl"));
    e.put("version", text(c, "version"));
    return e;
  }

  private static Map<String, String> hashes(JsonNode c) {
    Map<String, String> h = new TreeMap<>();
    for (JsonNode x : c.path("hashes")) {
      h.put(x.get("alg").asText(), x.get("content").asText().toLowerCase(Locale.ROOT));
    }
    return h;
  }

  static ObjectNode recompute(JsonNode older, JsonNode newer) {
    Map<String, TreeMap<String, JsonNode>> a = index(older);
    Map<String, TreeMap<String, JsonNode>> b = index(newer);
    List<JsonNode> added = new ArrayList<>();
    List<JsonNode> removed = new ArrayList<>();
    List<JsonNode> changed = new ArrayList<>();
    List<JsonNode> hashChanged = new ArrayList<>();
    TreeSet<String> keys = new TreeSet<>(a.keySet());
    keys.addAll(b.keySet());
    for (String key : keys) {
      TreeMap<String, JsonNode> olds = new TreeMap<>(a.getOrDefault(key, new TreeMap<>()));
      TreeMap<String, JsonNode> news = new TreeMap<>(b.getOrDefault(key, new TreeMap<>()));
      for (Iterator<String> it = olds.keySet().iterator(); it.hasNext(); ) {
        String v = it.next();
        if (news.containsKey(v)) {
          Map<String, String> ho = hashes(olds.get(v));
          Map<String, String> hn = hashes(news.remove(v));
          ObjectNode algorithms = VectorFiles.MAPPER.createObjectNode();
          for (String alg : ho.keySet()) {
            if (hn.containsKey(alg) && !hn.get(alg).equals(ho.get(alg))) {
              ObjectNode d = algorithms.putObject(alg);
              d.put("new", hn.get(alg));
              d.put("old", ho.get(alg));
            }
          }
          if (!algorithms.isEmpty()) {
            ObjectNode h = VectorFiles.MAPPER.createObjectNode();
            h.set("algorithms", algorithms);
            h.put("key", key);
            h.put("version", v);
            hashChanged.add(h);
          }
          it.remove();
        }
      }
      List<String> o = new ArrayList<>(olds.keySet());
      List<String> n = new ArrayList<>(news.keySet());
      for (int i = 0; i < Math.min(o.size(), n.size()); i++) {
        ObjectNode vc = VectorFiles.MAPPER.createObjectNode();
        int cmp = compareVersions(o.get(i), n.get(i));
        vc.put("direction", cmp < 0 ? "upgrade" : cmp > 0 ? "downgrade" : "unknown");
        vc.put("key", key);
        vc.put("new_version", n.get(i));
        vc.put("old_version", o.get(i));
        changed.add(vc);
      }
      for (int i = n.size(); i < o.size(); i++) {
        removed.add(entry(key, olds.get(o.get(i))));
      }
      for (int i = o.size(); i < n.size(); i++) {
        added.add(entry(key, news.get(n.get(i))));
      }
    }
    ObjectNode out = VectorFiles.MAPPER.createObjectNode();
    out.set("added", sorted(added));
    out.set("removed", sorted(removed));
    out.set("version_changed", sorted(changed));
    out.set("hash_changed", sorted(hashChanged));
    return out;
  }

  private static ArrayNode sorted(List<JsonNode> list) {
    ArrayNode a = VectorFiles.MAPPER.createArrayNode();
    list.stream().sorted(Comparator.comparing(IndependentCanonicalJson::canonical)).forEach(a::add);
    return a;
  }

  static List<String> check(JsonNode file) {
    List<String> mismatches = new ArrayList<>();
    for (JsonNode group : file.get("testGroups")) {
      for (JsonNode t : group.get("tests")) {
        ObjectNode want = recompute(t.get("old"), t.get("new"));
        for (String m : OUTPUTS) {
          String got = IndependentCanonicalJson.canonical(t.get("expected").get(m));
          String exp = IndependentCanonicalJson.canonical(want.get(m));
          if (!got.equals(exp)) {
            mismatches.add(VectorFiles.label(t) + ": " + m + " " + got + " but recomputed " + exp);
          }
        }
      }
    }
    return mismatches;
  }
}
