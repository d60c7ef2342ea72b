package io.souverix.lifecycle.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.souverix.lifecycle.event.EventType;
import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.internal.Json;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Negative cases derived from the built-in schemas themselves: for every rule a schema declares,
 * one mutation of the type's sample payload that breaks exactly that rule.
 */
final class SchemaCases {
  /** A payload that must fail with exactly one violation at {@code pointer} of {@code keyword}. */
  record Case(
      String label, String type, int version, Payload payload, String pointer, String keyword) {
    @Override
    public String toString() {
      return label;
    }
  }

  /** A built-in schema with its raw document. */
  record Schema(String type, int version, JsonNode document) {}

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private SchemaCases() {}

  static List<Schema> builtInSchemas() {
    List<Schema> out = new ArrayList<>();
    for (EventType t : EventType.catalogue()) {
      for (int v = 1; v <= t.currentVersion(); v++) {
        out.add(
            new Schema(
                t.name(),
                v,
                readTree(EventSchemas.readResource(EventSchemas.resourceName(t.name(), v)))));
      }
    }
    return out;
  }

  static JsonNode readTree(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Case> negativeCases() {
    List<Case> cases = new ArrayList<>();
    for (Schema s : builtInSchemas()) {
      Payload sample = SamplePayloads.of(s.type(), s.version());
      ObjectNode tree = (ObjectNode) readTree(sample.json());
      String prefix = s.type() + " v" + s.version();
      cases.add(
          mutate(
              prefix + " extra field",
              s,
              tree,
              "/unexpected_field",
              "additionalProperties",
              root -> root.put("unexpected_field", 1)));
      collect(cases, prefix, s, tree, s.document(), "");
    }
    return cases;
  }

  private static void collect(
      List<Case> cases,
      String prefix,
      Schema s,
      ObjectNode sample,
      JsonNode objectSchema,
      String at) {
    for (JsonNode r : objectSchema.path("required")) {
      String name = r.textValue();
      cases.add(
          mutate(
              prefix + " missing " + at + "/" + name,
              s,
              sample,
              at + "/" + name,
              "required",
              root -> parent(root, at).remove(name)));
    }
    for (Map.Entry<String, JsonNode> p : iterable(objectSchema.path("properties").fields())) {
      String name = p.getKey();
      JsonNode prop = p.getValue();
      String ptr = at + "/" + name;
      if (parent(sample, at) == null || !parent(sample, at).has(name)) {
        continue; // the sample leaves this optional field out; nothing to mutate
      }
      cases.add(
          mutate(
              prefix + " wrong type " + ptr,
              s,
              sample,
              ptr,
              "type",
              root -> parent(root, at).set(name, wrongTypeFor(prop))));
      if (prop.has("enum")) {
        cases.add(
            mutate(
                prefix + " bad enum " + ptr,
                s,
                sample,
                ptr,
                "enum",
                root -> parent(root, at).put(name, "bogus_value")));
      }
      if (prop.has("format")) {
        cases.add(
            mutate(
                prefix + " bad format " + ptr,
                s,
                sample,
                ptr,
                "format",
                root -> parent(root, at).put(name, "2024-13-45")));
      }
      if (prop.has("pattern")) {
        cases.add(
            mutate(
                prefix + " bad pattern " + ptr,
                s,
                sample,
                ptr,
                "pattern",
                root -> parent(root, at).put(name, "white space/and slash")));
      }
      if (prop.has("minLength") && !prop.has("pattern")) {
        cases.add(
            mutate(
                prefix + " too short " + ptr,
                s,
                sample,
                ptr,
                "minLength",
                root -> parent(root, at).put(name, "")));
      }
      if (prop.has("maxLength") && !prop.has("pattern")) {
        String tooLong = "x".repeat(prop.get("maxLength").intValue() + 1);
        cases.add(
            mutate(
                prefix + " too long " + ptr,
                s,
                sample,
                ptr,
                "maxLength",
                root -> parent(root, at).put(name, tooLong)));
      }
      if (prop.has("minimum")) {
        cases.add(
            mutate(
                prefix + " below minimum " + ptr,
                s,
                sample,
                ptr,
                "minimum",
                root -> parent(root, at).put(name, prop.get("minimum").intValue() - 1)));
      }
      if (prop.has("maximum")) {
        cases.add(
            mutate(
                prefix + " above maximum " + ptr,
                s,
                sample,
                ptr,
                "maximum",
                root ->
                    parent(root, at)
                        .put(
                            name,
                            prop.get("maximum").decimalValue().add(java.math.BigDecimal.ONE))));
      }
      if (prop.has("minItems")) {
        cases.add(
            mutate(
                prefix + " too few items " + ptr,
                s,
                sample,
                ptr,
                "minItems",
                root -> parent(root, at).set(name, F.arrayNode())));
      }
      if (prop.has("items")) {
        cases.add(
            mutate(
                prefix + " wrong item type " + ptr + "/0",
                s,
                sample,
                ptr + "/0",
                "type",
                root -> {
                  ArrayNode a = F.arrayNode();
                  a.add(wrongTypeFor(prop.get("items")));
                  parent(root, at).set(name, a);
                }));
      }
      if ("object".equals(prop.path("type").asText())) {
        collect(cases, prefix, s, sample, prop, ptr);
        cases.add(
            mutate(
                prefix + " extra field " + ptr + "/unexpected_field",
                s,
                sample,
                ptr + "/unexpected_field",
                "additionalProperties",
                root -> ((ObjectNode) parent(root, ptr)).put("unexpected_field", 1)));
      }
    }
  }

  private static JsonNode wrongTypeFor(JsonNode prop) {
    String types = prop.path("type").toString();
    return types.contains("boolean") ? F.textNode("true") : F.booleanNode(true);
  }

  private static ObjectNode parent(JsonNode root, String at) {
    return (ObjectNode) (at.isEmpty() ? root : root.at(at));
  }

  private static Case mutate(
      String label,
      Schema s,
      ObjectNode sample,
      String pointer,
      String keyword,
      Consumer<ObjectNode> change) {
    ObjectNode copy = sample.deepCopy();
    change.accept(copy);
    return new Case(label, s.type(), s.version(), Payload.parse(copy.toString()), pointer, keyword);
  }

  private static <T> Iterable<T> iterable(java.util.Iterator<T> it) {
    return () -> it;
  }
}
