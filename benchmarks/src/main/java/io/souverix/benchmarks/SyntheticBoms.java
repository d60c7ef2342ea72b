package io.souverix.benchmarks;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * A seeded generator of a pair of realistic CycloneDX 1.6 JSON BOMs: Maven components with purls,
 * versions, a SHA-256 hash, an SPDX licence, a supplier, a few dependency edges each, and one
 * component in 50 carrying a nested sub-component. The newer BOM differs from the older in about 3%
 * of its components: upgrades (1%), a few downgrades, removals and additions (0.5% each), rebuilt
 * hashes under the same version (0.2%), licence and supplier changes (0.2% each).
 */
final class SyntheticBoms {
  private static final String[] LICENCES = {
    "Apache-2.0", "MIT", "BSD-3-Clause", "EPL-2.0", "MPL-2.0", "ISC", "LGPL-2.1-only"
  };
  private static final String[] SUPPLIERS = {
    "Apache Software Foundation", "Eclipse Foundation", "Google", "Red Hat", "FasterXML"
  };

  /** One component of the model. */
  private static final class C {
    final String group;
    final String name;
    String version;
    String licence;
    String supplier;
    long hashSeed;
    final List<C> deps = new ArrayList<>();
    final boolean nested;

    C(
        String group,
        String name,
        String version,
        String licence,
        String supplier,
        long hashSeed,
        boolean nested) {
      this.group = group;
      this.name = name;
      this.version = version;
      this.licence = licence;
      this.supplier = supplier;
      this.hashSeed = hashSeed;
      this.nested = nested;
    }

    C copy() {
      C c = new C(group, name, version, licence, supplier, hashSeed, nested);
      c.deps.addAll(deps);
      return c;
    }
  }

  /** The older and the newer BOM, as JSON bytes. */
  record Pair(byte[] older, byte[] newer) {}

  private SyntheticBoms() {}

  /**
   * Generates the pair.
   *
   * @param components the number of top-level components of the older BOM
   * @param seed the random seed
   * @return the pair
   */
  static Pair generate(int components, long seed) {
    Random r = new Random(seed);
    List<C> old = new ArrayList<>(components);
    for (int i = 0; i < components; i++) {
      old.add(
          new C(
              "org.example.g" + (i % 997),
              "artifact-" + i,
              (1 + r.nextInt(9)) + "." + r.nextInt(20) + "." + r.nextInt(30),
              LICENCES[r.nextInt(LICENCES.length)],
              SUPPLIERS[r.nextInt(SUPPLIERS.length)],
              r.nextLong(),
              i % 50 == 0));
    }
    for (int i = 0; i < components; i++) {
      int n = r.nextInt(4);
      for (int k = 0; k < n; k++) {
        old.get(i).deps.add(old.get(r.nextInt(components)));
      }
    }
    List<C> neu = new ArrayList<>(components);
    java.util.Map<C, C> renamed = new java.util.IdentityHashMap<>();
    for (C c : old) {
      double x = r.nextDouble();
      if (x < 0.005) {
        continue; // removed
      }
      C d = c.copy();
      if (x < 0.015) {
        d.version = bump(d.version);
      } else if (x < 0.016) {
        d.version = "0." + d.version;
      } else if (x < 0.018) {
        d.hashSeed = r.nextLong();
      } else if (x < 0.020) {
        d.licence = LICENCES[(indexOf(LICENCES, d.licence) + 1) % LICENCES.length];
      } else if (x < 0.022) {
        d.supplier = SUPPLIERS[(indexOf(SUPPLIERS, d.supplier) + 1) % SUPPLIERS.length];
      }
      neu.add(d);
      renamed.put(c, d);
    }
    // Dependencies point at the newer copies; edges to removed components go.
    for (C d : neu) {
      List<C> to = new ArrayList<>();
      for (C x : d.deps) {
        C y = renamed.get(x);
        if (y != null) {
          to.add(y);
        }
      }
      d.deps.clear();
      d.deps.addAll(to);
    }
    int added = components / 200;
    for (int i = 0; i < added; i++) {
      C c =
          new C(
              "org.added",
              "fresh-" + i,
              "1.0." + i,
              LICENCES[r.nextInt(LICENCES.length)],
              SUPPLIERS[r.nextInt(SUPPLIERS.length)],
              r.nextLong(),
              false);
      c.deps.add(neu.get(r.nextInt(neu.size())));
      neu.add(c);
    }
    return new Pair(write(old), write(neu));
  }

  private static int indexOf(String[] values, String v) {
    for (int i = 0; i < values.length; i++) {
      if (values[i].equals(v)) {
        return i;
      }
    }
    return 0;
  }

  private static String bump(String version) {
    String[] p = version.split("\\.");
    return p[0] + "." + (Integer.parseInt(p[1]) + 1) + ".0";
  }

  private static byte[] write(List<C> components) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(components.size() * 700);
    try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeStringField("bomFormat", "CycloneDX");
      g.writeStringField("specVersion", "1.6");
      g.writeNumberField("version", 1);
      g.writeObjectFieldStart("metadata");
      g.writeObjectFieldStart("component");
      g.writeStringField("type", "application");
      g.writeStringField("bom-ref", "app");
      g.writeStringField("name", "app");
      g.writeStringField("version", "1");
      g.writeEndObject();
      g.writeEndObject();
      g.writeArrayFieldStart("components");
      for (C c : components) {
        g.writeStartObject();
        component(g, c, c.name);
        if (c.nested) {
          g.writeArrayFieldStart("components");
          g.writeStartObject();
          component(g, c, c.name + "-core");
          g.writeEndObject();
          g.writeEndArray();
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("dependencies");
      for (C c : components) {
        g.writeStartObject();
        g.writeStringField("ref", ref(c, c.name));
        g.writeArrayFieldStart("dependsOn");
        for (C to : c.deps) {
          g.writeString(ref(to, to.name));
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static String ref(C c, String name) {
    return "pkg:maven/" + c.group + "/" + name + "@" + c.version;
  }

  private static void component(JsonGenerator g, C c, String name) throws IOException {
    Random h = new Random(c.hashSeed ^ name.hashCode());
    byte[] sha256 = new byte[32];
    h.nextBytes(sha256);
    g.writeStringField("type", "library");
    g.writeStringField("bom-ref", ref(c, name));
    g.writeObjectFieldStart("supplier");
    g.writeStringField("name", c.supplier);
    g.writeArrayFieldStart("url");
    g.writeString(
        "https://" + c.supplier.toLowerCase(java.util.Locale.ROOT).replace(' ', '-') + ".example");
    g.writeEndArray();
    g.writeEndObject();
    g.writeStringField("group", c.group);
    g.writeStringField("name", name);
    g.writeStringField("version", c.version);
    g.writeStringField("scope", "required");
    g.writeArrayFieldStart("hashes");
    g.writeStartObject();
    g.writeStringField("alg", "SHA-256");
    g.writeStringField("content", HexFormat.of().formatHex(sha256));
    g.writeEndObject();
    g.writeEndArray();
    g.writeArrayFieldStart("licenses");
    g.writeStartObject();
    g.writeObjectFieldStart("license");
    g.writeStringField("id", c.licence);
    g.writeEndObject();
    g.writeEndObject();
    g.writeEndArray();
    g.writeStringField("purl", ref(c, name) + "?type=jar");
  }
}
