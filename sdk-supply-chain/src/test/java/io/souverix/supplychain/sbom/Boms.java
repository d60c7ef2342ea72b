package io.souverix.supplychain.sbom;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.souverix.lifecycle.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Builds small CycloneDX 1.6 JSON BOMs for tests. */
final class Boms {
  private final List<ObjectNode> components = new ArrayList<>();

  static Boms bom() {
    return new Boms();
  }

  /** Adds an npm component pkg:npm/NAME@VERSION; returns its JSON for further members. */
  ObjectNode add(String name, String version) {
    ObjectNode c = component(name, version);
    components.add(c);
    return c;
  }

  static ObjectNode component(String name, String version) {
    ObjectNode c = Json.MAPPER.createObjectNode();
    c.put("type", "library");
    c.put("bom-ref", name + "@" + version);
    c.put("name", name);
    c.put("version", version);
    c.put("purl", "pkg:npm/" + name + "@" + version);
    return c;
  }

  static ObjectNode licence(ObjectNode c, String id) {
    ArrayNode l = c.has("licenses") ? (ArrayNode) c.get("licenses") : c.putArray("licenses");
    l.addObject().putObject("license").put("id", id);
    return c;
  }

  static ObjectNode expression(ObjectNode c, String expression) {
    c.putArray("licenses").addObject().put("expression", expression);
    return c;
  }

  static ObjectNode supplier(ObjectNode c, @Nullable String name, String... urls) {
    ObjectNode s = c.putObject("supplier");
    if (name != null) {
      s.put("name", name);
    }
    if (urls.length > 0) {
      ArrayNode u = s.putArray("url");
      for (String x : urls) {
        u.add(x);
      }
    }
    return c;
  }

  static ObjectNode sha256(ObjectNode c, char hexDigit) {
    c.putArray("hashes")
        .addObject()
        .put("alg", "SHA-256")
        .put("content", String.valueOf(hexDigit).repeat(64));
    return c;
  }

  static ObjectNode nest(ObjectNode parent, ObjectNode child) {
    ArrayNode n =
        parent.has("components")
            ? (ArrayNode) parent.get("components")
            : parent.putArray("components");
    n.add(child);
    return parent;
  }

  byte[] bytes() {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("bomFormat", "CycloneDX");
    root.put("specVersion", "1.6");
    root.put("version", 1);
    ArrayNode a = root.putArray("components");
    components.forEach(a::add);
    return root.toString().getBytes(StandardCharsets.UTF_8);
  }

  Sbom parse() throws SbomParseException {
    return SbomParser.defaults().parse(bytes());
  }
}
