package io.souverix.supplychain.sbom;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;
import org.jspecify.annotations.Nullable;

/** Adapts the cyclonedx-core-java model into the SDK's records; nothing of it leaks further. */
final class Adapter {
  private Adapter() {}

  static Sbom adapt(Bom bom, String spec, Sbom.Format format) {
    SbomComponent meta = null;
    if (bom.getMetadata() != null && bom.getMetadata().getComponent() != null) {
      meta = component(bom.getMetadata().getComponent());
    }
    List<SbomComponent> out = new ArrayList<>();
    flatten(bom.getComponents(), out);
    List<Sbom.Edge> edges = new ArrayList<>();
    edges(bom.getDependencies(), edges);
    return new Sbom(spec, format, meta, out, edges);
  }

  private static void flatten(@Nullable List<Component> components, List<SbomComponent> out) {
    if (components == null) {
      return;
    }
    for (Component c : components) {
      out.add(component(c));
      flatten(c.getComponents(), out);
    }
  }

  private static void edges(@Nullable List<Dependency> deps, List<Sbom.Edge> out) {
    if (deps == null) {
      return;
    }
    for (Dependency d : deps) {
      if (d.getDependencies() == null) {
        continue;
      }
      for (Dependency to : d.getDependencies()) {
        if (d.getRef() != null && to.getRef() != null) {
          out.add(new Sbom.Edge(d.getRef(), to.getRef()));
        }
      }
      edges(d.getDependencies(), out);
    }
  }

  static SbomComponent component(Component c) {
    String name = c.getName() == null ? "" : c.getName();
    String group = blankToNull(c.getGroup());
    String purl = blankToNull(c.getPurl());
    Map<String, String> hashes = new LinkedHashMap<>();
    if (c.getHashes() != null) {
      for (Hash h : c.getHashes()) {
        if (h.getAlgorithm() != null && h.getValue() != null) {
          hashes.putIfAbsent(algorithm(h.getAlgorithm()), h.getValue().toLowerCase(Locale.ROOT));
        }
      }
    }
    return new SbomComponent(
        blankToNull(c.getBomRef()),
        Keys.key(purl, group, name),
        purl,
        group,
        name,
        c.getVersion(),
        hashes,
        licences(c.getLicenses()),
        c.getSupplier() == null ? null : blankToNull(c.getSupplier().getName()),
        c.getSupplier() == null || c.getSupplier().getUrls() == null
            ? List.of()
            : c.getSupplier().getUrls().stream().filter(u -> u != null && !u.isBlank()).toList());
  }

  /** CycloneDX spelling of a hash algorithm: SHA256 and sha-256 both become SHA-256. */
  static String algorithm(String alg) {
    String a = alg.strip().toUpperCase(Locale.ROOT);
    if (a.length() > 3 && a.startsWith("SHA") && allDigits(a, 3)) {
      return "SHA-" + a.substring(3);
    }
    return a;
  }

  private static boolean allDigits(String s, int from) {
    for (int i = from; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static List<String> licences(@Nullable LicenseChoice choice) {
    List<String> out = new ArrayList<>();
    if (choice == null) {
      return out;
    }
    if (choice.getLicenses() != null) {
      for (License l : choice.getLicenses()) {
        if (l.getId() != null && !l.getId().isBlank()) {
          out.add(l.getId());
        } else if (l.getName() != null && !l.getName().isBlank()) {
          out.add("name:" + l.getName());
        }
      }
    }
    if (choice.getExpression() != null && choice.getExpression().getValue() != null) {
      out.add(choice.getExpression().getValue());
    }
    return out;
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
