package io.souverix.lifecycle.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.souverix.lifecycle.event.EventType;
import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.internal.Json;
import io.souverix.lifecycle.spi.EventStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

/**
 * The JSON Schemas of event payloads, one per event type and schema version, and the validation of
 * payloads against them.
 *
 * <p>{@link #builtIn()} holds the SDK's catalogue, including superseded versions that are still
 * read (and upcast by {@link Upcasters}). Vendors add schemas for their own types with {@link
 * #withVendorSchema}; every instance is immutable and thread-safe, and each {@code with...} call
 * returns a new one.
 *
 * <p>Validation fails closed: a type without a schema is rejected ({@link
 * SchemaViolationException.Code#UNKNOWN_TYPE}), unless the caller opted out for vendor types with
 * {@link #allowingUnregisteredVendorTypes()}; a version without a schema is rejected ({@link
 * SchemaViolationException.Code#UNKNOWN_VERSION}); and schemas reject properties they do not
 * declare. Each violation names the JSON Pointer of the failing value and the rule, for example
 * {@code "/manufacturing/batch_id: expected string, but got number"}.
 *
 * @since 0.1
 */
public final class EventSchemas {
  static final String RESOURCE_DIR = "io/souverix/lifecycle/schemas/";
  static final String ID_PREFIX = "https://souverix.io/schemas/lifecycle/events/";

  /** Largest schema document accepted, in characters. */
  static final int MAX_SCHEMA_CHARS = 1 << 20;

  private static final class BuiltIns {
    static final EventSchemas INSTANCE = loadBuiltIns();
  }

  private final Map<String, NavigableMap<Integer, JsonSchema>> schemas;
  private final boolean allowUnregisteredVendorTypes;

  private EventSchemas(
      Map<String, NavigableMap<Integer, JsonSchema>> schemas,
      boolean allowUnregisteredVendorTypes) {
    this.schemas = schemas;
    this.allowUnregisteredVendorTypes = allowUnregisteredVendorTypes;
  }

  /**
   * Returns the schemas of the SDK's event catalogue, loaded from the classpath once.
   *
   * @return the built-in schemas; the same instance on every call
   * @throws IllegalStateException if a built-in schema resource is missing or malformed (a broken
   *     SDK build)
   * @since 0.1
   */
  public static EventSchemas builtIn() {
    return BuiltIns.INSTANCE;
  }

  /**
   * Returns a copy of these schemas with a vendor type's schema at one version added.
   *
   * @param typeName the vendor type's dotted name, such as {@code "acme.battery_replaced"}; not
   *     null, and not a built-in type
   * @param version the schema version, at least 1
   * @param schemaJson the JSON Schema document, in the subset this package supports, with {@code
   *     "type": "object"} at its root; not null
   * @return the extended schemas
   * @throws IllegalArgumentException if the name is malformed or built-in, the version is below 1
   *     or already registered, or the schema is not valid JSON or uses an unsupported keyword
   * @since 0.1
   */
  public EventSchemas withVendorSchema(String typeName, int version, String schemaJson) {
    Objects.requireNonNull(typeName, "typeName");
    Objects.requireNonNull(schemaJson, "schemaJson");
    if (EventType.builtIn(typeName) != null) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "vendor schema type; expected a vendor type, but got built-in type '%s'",
              typeName));
    }
    EventType.of(typeName, Math.max(1, version)); // validates the name
    if (version < 1) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "schema version; expected at least 1, but got %d", version));
    }
    if (versionsOf(typeName).containsKey(version)) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "vendor schema; expected a new version, but '%s' v%d is already registered",
              typeName,
              version));
    }
    JsonSchema compiled = compile(typeName + " v" + version, schemaJson);
    Map<String, NavigableMap<Integer, JsonSchema>> copy = new LinkedHashMap<>();
    schemas.forEach((k, v) -> copy.put(k, new TreeMap<>(v)));
    copy.computeIfAbsent(typeName, k -> new TreeMap<>()).put(version, compiled);
    return new EventSchemas(freeze(copy), allowUnregisteredVendorTypes);
  }

  /**
   * Returns a copy of these schemas that lets payloads of vendor types without any registered
   * schema pass unchecked. This is an explicit opt-out from failing closed: built-in types, and
   * vendor types with at least one registered schema, are still always validated.
   *
   * @return the relaxed schemas
   * @since 0.1
   */
  public EventSchemas allowingUnregisteredVendorTypes() {
    return new EventSchemas(schemas, true);
  }

  /**
   * Validates a payload against the schema of its type and version.
   *
   * @param type the event's dotted type name; not null
   * @param schemaVersion the payload's schema version
   * @param payload the payload; not null
   * @return the proof of validation
   * @throws SchemaViolationException {@code UNKNOWN_TYPE} if no schema exists for the type (and it
   *     is not exempt), {@code UNKNOWN_VERSION} if none exists for the version, {@code VIOLATION}
   *     with the list of violations if the payload breaks the schema
   * @since 0.1
   */
  public ValidatedPayload validate(String type, int schemaVersion, Payload payload)
      throws SchemaViolationException {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(payload, "payload");
    NavigableMap<Integer, JsonSchema> versions = schemas.get(type);
    if (versions == null) {
      if (isExempt(type)) {
        return new ValidatedPayload(type, schemaVersion, payload, false);
      }
      throw SchemaViolationException.unknownType(type, schemaVersion);
    }
    JsonSchema schema = versions.get(schemaVersion);
    if (schema == null) {
      throw SchemaViolationException.unknownVersion(
          type, schemaVersion, "one of " + versions.keySet());
    }
    JsonNode tree;
    try {
      tree = Json.MAPPER.readTree(payload.json());
    } catch (JsonProcessingException e) {
      throw SchemaViolationException.violation(
          type,
          schemaVersion,
          List.of(
              new Violation(
                  "", "type", "expected a JSON object, but got text that does not parse as JSON")));
    }
    List<Violation> violations = schema.validate(tree);
    if (!violations.isEmpty()) {
      throw SchemaViolationException.violation(type, schemaVersion, violations);
    }
    return new ValidatedPayload(type, schemaVersion, payload, true);
  }

  /**
   * Wraps a store so that every append is validated against these schemas first. An append with any
   * invalid event fails as a whole with {@link
   * io.souverix.lifecycle.spi.EventStoreException.Code#INVALID_EVENT} (its message names the
   * event's index, type and violations; its cause is the {@link SchemaViolationException}) and
   * writes nothing. Events of older schema versions that still have a schema are accepted. Reads,
   * subscriptions and {@code close} go to the delegate unchanged.
   *
   * @param delegate the store to write to; not null
   * @return the validating store; {@code delegate} itself if it already validates against these
   *     schemas
   * @since 0.1
   */
  public EventStore validating(EventStore delegate) {
    Objects.requireNonNull(delegate, "delegate");
    if (delegate instanceof ValidatingEventStore
        && ((ValidatingEventStore) delegate).validatesWith(this)) {
      return delegate;
    }
    return new ValidatingEventStore(this, delegate);
  }

  /** The newest schema version of a type, if any schema exists for it. */
  OptionalInt newestVersion(String type) {
    NavigableMap<Integer, JsonSchema> versions = schemas.get(type);
    return versions == null ? OptionalInt.empty() : OptionalInt.of(versions.lastKey());
  }

  /** The schemas of a type by version; empty if none. */
  NavigableMap<Integer, JsonSchema> versionsOf(String type) {
    NavigableMap<Integer, JsonSchema> versions = schemas.get(type);
    return versions == null ? Collections.emptyNavigableMap() : versions;
  }

  /** The types with at least one schema, in catalogue then registration order. */
  Set<String> types() {
    return schemas.keySet();
  }

  /** Whether payloads of this type pass without a schema. */
  boolean isExempt(String type) {
    return allowUnregisteredVendorTypes
        && EventType.builtIn(type) == null
        && !schemas.containsKey(type);
  }

  /** The classpath resource of a built-in schema. */
  static String resourceName(String type, int version) {
    return String.format(Locale.ROOT, "%s%s.v%d.schema.json", RESOURCE_DIR, type, version);
  }

  private static EventSchemas loadBuiltIns() {
    Map<String, NavigableMap<Integer, JsonSchema>> all = new LinkedHashMap<>();
    for (EventType type : EventType.catalogue()) {
      NavigableMap<Integer, JsonSchema> versions = new TreeMap<>();
      for (int v = 1; v <= type.currentVersion(); v++) {
        String resource = resourceName(type.name(), v);
        String text = readResource(resource);
        JsonNode id = parse(resource, text).get("$id");
        String expectedId = ID_PREFIX + resource.substring(RESOURCE_DIR.length());
        if (id == null || !expectedId.equals(id.textValue())) {
          throw new IllegalStateException(
              String.format(
                  Locale.ROOT,
                  "built-in schema %s $id; expected %s, but got %s",
                  resource,
                  expectedId,
                  id));
        }
        try {
          versions.put(v, compile(resource, text));
        } catch (IllegalArgumentException e) {
          throw new IllegalStateException("built-in " + e.getMessage(), e);
        }
      }
      all.put(type.name(), versions);
    }
    return new EventSchemas(freeze(all), false);
  }

  static String readResource(String resource) {
    try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("built-in schema resource is missing: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read built-in schema resource " + resource, e);
    }
  }

  private static JsonSchema compile(String what, String schemaJson) {
    JsonNode tree = parse(what, schemaJson);
    JsonSchema schema;
    try {
      schema = JsonSchema.compile(tree);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
    }
    if (schema.types() == null || !schema.types().equals(Set.of(JsonSchema.JsonType.OBJECT))) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "%s: root type; expected \"object\" (payloads are objects), but got %s",
              what,
              tree.get("type")));
    }
    return schema;
  }

  private static JsonNode parse(String what, String schemaJson) {
    if (schemaJson.length() > MAX_SCHEMA_CHARS) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "%s: schema size; expected at most %d characters, but got %d",
              what,
              MAX_SCHEMA_CHARS,
              schemaJson.length()));
    }
    try {
      JsonNode tree = Json.MAPPER.readTree(schemaJson);
      if (tree == null || !tree.isObject()) {
        throw new IllegalArgumentException(what + ": schema; expected a JSON object, but got none");
      }
      return tree;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          what + ": schema; expected JSON, but got: " + e.getOriginalMessage(), e);
    }
  }

  private static Map<String, NavigableMap<Integer, JsonSchema>> freeze(
      Map<String, NavigableMap<Integer, JsonSchema>> m) {
    Map<String, NavigableMap<Integer, JsonSchema>> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, Collections.unmodifiableNavigableMap(v)));
    return Collections.unmodifiableMap(out);
  }
}
