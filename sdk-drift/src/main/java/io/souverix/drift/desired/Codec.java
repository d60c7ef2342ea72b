package io.souverix.drift.desired;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.souverix.drift.federation.Authority;
import io.souverix.drift.federation.FieldKey;
import io.souverix.drift.federation.FieldKind;
import io.souverix.drift.federation.FieldUpdate;
import io.souverix.drift.federation.HybridTimestamp;
import io.souverix.lifecycle.internal.CanonicalJson;
import io.souverix.lifecycle.internal.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The JSON forms of this package's payloads. Readers throw {@link IllegalArgumentException} with a
 * message in the house format; public parsers wrap it in their checked exception.
 */
final class Codec {
  private Codec() {}

  static ObjectNode object(String type) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("type", type);
    return o;
  }

  static byte[] bytes(JsonNode node) {
    return CanonicalJson.write(node).getBytes(StandardCharsets.UTF_8);
  }

  static JsonNode read(byte[] payload, String type) {
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(payload);
    } catch (IOException e) {
      throw new IllegalArgumentException("payload; expected JSON, but got: " + e.getMessage(), e);
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("payload; expected a JSON object, but got " + node);
    }
    String actual = text(node, "type");
    if (!actual.equals(type)) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "payload type; expected %s, but got %s", type, actual));
    }
    return node;
  }

  static String text(JsonNode node, String name) {
    JsonNode v = node.get(name);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException(name + "; expected a string, but got " + v);
    }
    return v.textValue();
  }

  static long number(JsonNode node, String name) {
    JsonNode v = node.get(name);
    if (v == null || !v.canConvertToExactIntegral() || !v.canConvertToLong()) {
      throw new IllegalArgumentException(name + "; expected an integer, but got " + v);
    }
    return v.asLong();
  }

  static JsonNode member(JsonNode node, String name) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException(name + "; expected a value, but got none");
    }
    return v;
  }

  static ObjectNode stamp(HybridTimestamp t) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("millis", t.physicalMillis());
    o.put("logical", t.logical());
    o.put("origin", t.origin());
    return o;
  }

  static HybridTimestamp stamp(JsonNode node) {
    long logical = number(node, "logical");
    if (logical > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("logical; expected at most 2^31-1, but got " + logical);
    }
    return new HybridTimestamp(number(node, "millis"), (int) logical, text(node, "origin"));
  }

  static FieldKey field(String label) {
    int colon = label.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("field; expected <kind>:<name>, but got '" + label + "'");
    }
    String kind = label.substring(0, colon);
    for (FieldKind k : FieldKind.values()) {
      if (k.label().equals(kind)) {
        return new FieldKey(k, label.substring(colon + 1));
      }
    }
    throw new IllegalArgumentException("field kind; expected a known kind, but got '" + kind + "'");
  }

  static ObjectNode update(FieldUpdate u) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("field", u.field().toString());
    o.put("value", u.value());
    o.put("authority", u.authority().name());
    o.set("hlc", stamp(u.stamp()));
    return o;
  }

  static FieldUpdate update(JsonNode node) {
    return new FieldUpdate(
        field(text(node, "field")),
        text(node, "value"),
        Authority.valueOf(text(node, "authority")),
        stamp(member(node, "hlc")));
  }
}
