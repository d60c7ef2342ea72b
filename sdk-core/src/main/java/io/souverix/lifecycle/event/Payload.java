package io.souverix.lifecycle.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.souverix.lifecycle.internal.CanonicalJson;
import io.souverix.lifecycle.internal.Json;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The JSON object carried by an event, held in its RFC 8785 canonical form.
 *
 * <p>A payload is immutable: it is parsed once, canonicalised, and never exposed as a mutable tree.
 * Accessors read top-level fields or dotted paths ({@code "manufacturing.batch_id"}).
 *
 * @since 0.1
 */
public final class Payload {
  /** Largest canonical payload accepted, in bytes of UTF-8. */
  public static final int MAX_BYTES = 256 * 1024;

  private static final Payload EMPTY = new Payload(Json.MAPPER.createObjectNode(), "{}");

  private volatile @org.jspecify.annotations.Nullable ObjectNode tree;
  private final String canonical;

  private Payload(@org.jspecify.annotations.Nullable ObjectNode tree, String canonical) {
    this.tree = tree;
    this.canonical = canonical;
  }

  /**
   * Wraps payload text read back from a store that wrote it in canonical form. The text is parsed
   * only when a field is first read, which keeps replay fast; hash-chain verification re-checks
   * that the text is canonical.
   *
   * @param canonicalJson the stored text; not null
   * @return the payload
   * @since 0.1
   */
  public static Payload fromStored(String canonicalJson) {
    return new Payload(null, Objects.requireNonNull(canonicalJson, "canonicalJson"));
  }

  /**
   * Returns whether the text of this payload is exactly its RFC 8785 canonical form.
   *
   * @return true if canonical
   * @since 0.1
   */
  public boolean isCanonical() {
    try {
      return CanonicalJson.write(tree()).equals(canonical);
    } catch (IllegalArgumentException | IllegalStateException e) {
      // Not canonical JSON, not JSON at all, or not an object: in every case not canonical.
      return false;
    }
  }

  /**
   * Returns the empty payload {@code {}}.
   *
   * @return the empty payload
   * @since 0.1
   */
  public static Payload empty() {
    return EMPTY;
  }

  /**
   * Parses a JSON object.
   *
   * @param json a JSON object text; not null
   * @return the payload
   * @throws IllegalArgumentException if {@code json} is not a JSON object, exceeds {@link
   *     #MAX_BYTES} or nests deeper than 32 levels
   * @since 0.1
   */
  public static Payload parse(String json) {
    Objects.requireNonNull(json, "json");
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "payload is not valid JSON: %s", e.getOriginalMessage()), e);
    }
    return fromTree(node);
  }

  /**
   * Builds a payload from a map of field names to JSON-compatible values (strings, numbers,
   * booleans, null, lists and maps of those).
   *
   * @param fields the top-level fields; not null
   * @return the payload
   * @throws IllegalArgumentException if a value cannot be represented in JSON
   * @since 0.1
   */
  public static Payload of(Map<String, ?> fields) {
    Objects.requireNonNull(fields, "fields");
    return fromTree(Json.MAPPER.valueToTree(fields));
  }

  /**
   * Builds a payload from alternating field names and values.
   *
   * @param keyValues {@code name1, value1, name2, value2, ...}
   * @return the payload
   * @throws IllegalArgumentException on an odd count or a non-string name
   * @since 0.1
   */
  public static Payload of(Object... keyValues) {
    if (keyValues.length % 2 != 0) {
      throw new IllegalArgumentException("keyValues must alternate names and values");
    }
    ObjectNode node = Json.MAPPER.createObjectNode();
    for (int i = 0; i < keyValues.length; i += 2) {
      if (!(keyValues[i] instanceof String)) {
        throw new IllegalArgumentException("field names must be strings; got " + keyValues[i]);
      }
      node.set((String) keyValues[i], Json.MAPPER.valueToTree(keyValues[i + 1]));
    }
    return fromTree(node);
  }

  static Payload fromTree(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(
          "payload must be a JSON object; got " + (node == null ? "nothing" : node.getNodeType()));
    }
    CanonicalJson.checkDepth(node, 32);
    String canonical = CanonicalJson.write(node);
    if (canonical.length() > MAX_BYTES / 4
        && canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "payload too large; expected at most %d bytes", MAX_BYTES));
    }
    return new Payload(((ObjectNode) node).deepCopy(), canonical);
  }

  /**
   * Returns the RFC 8785 canonical JSON text of this payload.
   *
   * @return canonical JSON; never null
   * @since 0.1
   */
  public String json() {
    return canonical;
  }

  /**
   * Returns whether a field or dotted path is present and not JSON null.
   *
   * @param path a field name or dotted path
   * @return true if present
   * @since 0.1
   */
  public boolean has(String path) {
    JsonNode n = at(path);
    return n != null && !n.isNull();
  }

  /**
   * Returns a text field.
   *
   * @param path a field name or dotted path
   * @return the text, or empty when absent or null
   * @since 0.1
   */
  public Optional<String> text(String path) {
    JsonNode n = at(path);
    return n == null || n.isNull() ? Optional.empty() : Optional.of(n.asText());
  }

  /**
   * Returns a text field that must be present.
   *
   * @param path a field name or dotted path
   * @return the text
   * @throws IllegalStateException if absent
   * @since 0.1
   */
  public String requireText(String path) {
    return text(path)
        .orElseThrow(() -> new IllegalStateException("payload has no field '" + path + "'"));
  }

  /**
   * Returns an integral field.
   *
   * @param path a field name or dotted path
   * @return the value, or empty when absent, null or not a number
   * @since 0.1
   */
  public Optional<Long> number(String path) {
    JsonNode n = at(path);
    return n == null || !n.isNumber() ? Optional.empty() : Optional.of(n.asLong());
  }

  /**
   * Returns a boolean field.
   *
   * @param path a field name or dotted path
   * @return the value, or empty when absent or not a boolean
   * @since 0.1
   */
  public Optional<Boolean> bool(String path) {
    JsonNode n = at(path);
    return n == null || !n.isBoolean() ? Optional.empty() : Optional.of(n.asBoolean());
  }

  /**
   * Returns a deep copy of the payload as a plain Java map (maps, lists, strings, numbers,
   * booleans, nulls).
   *
   * @return a new mutable map
   * @since 0.1
   */
  public Map<String, Object> toMap() {
    return Json.MAPPER.convertValue(
        tree(), new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {});
  }

  /**
   * Returns a copy of this payload with one top-level field set; for upcasters.
   *
   * @param field the field name
   * @param value a JSON-compatible value
   * @return a new payload
   * @since 0.1
   */
  public Payload with(String field, Object value) {
    ObjectNode copy = tree().deepCopy();
    copy.set(field, Json.MAPPER.valueToTree(value));
    return fromTree(copy);
  }

  /**
   * Returns a copy of this payload without a top-level field; for upcasters.
   *
   * @param field the field name
   * @return a new payload
   * @since 0.1
   */
  public Payload without(String field) {
    ObjectNode copy = tree().deepCopy();
    copy.remove(field);
    return fromTree(copy);
  }

  private ObjectNode tree() {
    ObjectNode t = tree;
    if (t == null) {
      try {
        JsonNode parsed = Json.MAPPER.readTree(canonical);
        if (!(parsed instanceof ObjectNode)) {
          throw new IllegalStateException("stored payload is not a JSON object");
        }
        t = (ObjectNode) parsed;
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(
            "stored payload is not valid JSON: " + e.getOriginalMessage(), e);
      }
      tree = t;
    }
    return t;
  }

  private JsonNode at(String path) {
    Objects.requireNonNull(path, "path");
    JsonNode n = tree();
    int start = 0;
    while (n != null) {
      int dot = path.indexOf('.', start);
      String part = dot < 0 ? path.substring(start) : path.substring(start, dot);
      n = n.get(part);
      if (dot < 0) {
        return n;
      }
      start = dot + 1;
    }
    return null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Payload && ((Payload) o).canonical.equals(canonical);
  }

  @Override
  public int hashCode() {
    return canonical.hashCode();
  }

  @Override
  public String toString() {
    return canonical;
  }
}
