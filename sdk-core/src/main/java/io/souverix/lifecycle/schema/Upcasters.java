package io.souverix.lifecycle.schema;

import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.event.RecordedEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The upcasting chains of event types: brings events read from a store to the newest schema version
 * of their type, one {@link Upcaster} step at a time.
 *
 * <p>{@link #builtIn()} covers the SDK's catalogue (node.serial_registered v1 to v2 moves {@code
 * batch_id} into {@code manufacturing.batch_id}). Vendors compose their own upcasters with the
 * built-in ones through {@link #newBuilder()}. Chains are checked when built: every schema version
 * of a type below its newest needs exactly one upcaster to the next version, so a gap can never
 * surface at read time.
 *
 * <p>Verify hash chains on the stored events, before upcasting: an upcast event keeps its stored
 * hash, which no longer matches its upcast payload (see {@link RecordedEvent#withPayload}).
 *
 * @since 0.1
 */
public final class Upcasters {
  private static final class BuiltIns {
    static final Upcasters INSTANCE = newBuilder().build();
  }

  private final EventSchemas schemas;
  private final Map<String, NavigableMap<Integer, Upcaster>> chains;

  private Upcasters(EventSchemas schemas, Map<String, NavigableMap<Integer, Upcaster>> chains) {
    this.schemas = schemas;
    this.chains = chains;
  }

  /**
   * Returns the upcasters of the SDK's catalogue, checked against {@link EventSchemas#builtIn()}.
   *
   * @return the built-in upcasters; the same instance on every call
   * @since 0.1
   */
  public static Upcasters builtIn() {
    return BuiltIns.INSTANCE;
  }

  /**
   * Starts a builder that already holds the built-in upcasters and the built-in schemas.
   *
   * @return a new builder
   * @since 0.1
   */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * Returns an event at the newest schema version of its type. The stored payload is first
   * validated against its own version's schema; each upcast step's result is validated against the
   * next version's schema. An event already at the newest version is validated and returned as is.
   *
   * @param event an event as read from a store; not null
   * @return the event itself if it is at the newest version, otherwise a copy made with {@link
   *     RecordedEvent#withPayload} (keeping the stored hash)
   * @throws SchemaViolationException {@code UNKNOWN_TYPE} if no schema exists for the type (and it
   *     is not exempt, in which case the event is returned as is), {@code UNKNOWN_VERSION} if the
   *     event's version has no schema (for example one written by a newer SDK), {@code VIOLATION}
   *     if the stored payload violates its schema, {@code UPCAST_FAILED} if an upcaster threw or
   *     produced an invalid payload
   * @since 0.1
   */
  public RecordedEvent upcast(RecordedEvent event) throws SchemaViolationException {
    Objects.requireNonNull(event, "event");
    String type = event.type();
    int version = event.schemaVersion();
    OptionalInt newest = schemas.newestVersion(type);
    if (newest.isEmpty()) {
      if (schemas.isExempt(type)) {
        return event;
      }
      throw SchemaViolationException.unknownType(type, version);
    }
    schemas.validate(type, version, event.payload());
    if (version == newest.getAsInt()) {
      return event;
    }
    NavigableMap<Integer, Upcaster> chain =
        chains.getOrDefault(type, Collections.emptyNavigableMap());
    Payload payload = event.payload();
    for (int v = version; v < newest.getAsInt(); v++) {
      Upcaster step = chain.get(v);
      if (step == null) {
        // Unreachable for chains checked by build(); kept so that a gap fails closed.
        throw SchemaViolationException.unknownVersion(
            type, version, "a version with an upcaster to v" + newest.getAsInt());
      }
      payload = runStep(step, type, v, payload);
    }
    return event.withPayload(newest.getAsInt(), payload);
  }

  private Payload runStep(Upcaster step, String type, int from, Payload payload)
      throws SchemaViolationException {
    Payload next;
    try {
      next = step.upcast(payload);
    } catch (RuntimeException e) {
      // A vendor upcaster's bug must surface as a typed rejection, not a stray exception.
      throw SchemaViolationException.upcastFailed(
          type, from, "an exception from " + step + ": " + e, List.of(), e);
    }
    if (next == null) {
      throw SchemaViolationException.upcastFailed(type, from, "null from " + step, List.of(), null);
    }
    try {
      schemas.validate(type, from + 1, next);
    } catch (SchemaViolationException e) {
      throw SchemaViolationException.upcastFailed(
          type, from, "a payload that violates its schema", e.violations(), e);
    }
    return next;
  }

  /**
   * Returns the newest schema version events of a type are upcast to.
   *
   * @param typeName the dotted type name; not null
   * @return the newest version, or empty if no schema exists for the type
   * @since 0.1
   */
  public OptionalInt newestVersion(String typeName) {
    return schemas.newestVersion(Objects.requireNonNull(typeName, "typeName"));
  }

  /**
   * A builder of {@link Upcasters}; starts with the built-in upcasters and schemas. Mutable and not
   * thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    private final List<Upcaster> upcasters = new ArrayList<>(BuiltInUpcasters.all());
    private EventSchemas schemas = EventSchemas.builtIn();
    private boolean schemasSet;

    private Builder() {}

    /**
     * Sets the schemas that upcast events are validated against and whose newest versions are the
     * targets; defaults to {@link EventSchemas#builtIn()}. Pass the built-in schemas extended with
     * vendor schemas when adding vendor upcasters.
     *
     * @param schemas the schemas; not null
     * @return this builder
     * @throws IllegalStateException if already set
     * @since 0.1
     */
    public Builder schemas(EventSchemas schemas) {
      if (schemasSet) {
        throw new IllegalStateException("schemas were already set");
      }
      this.schemas = Objects.requireNonNull(schemas, "schemas");
      schemasSet = true;
      return this;
    }

    /**
     * Adds an upcaster.
     *
     * @param upcaster the step; not null
     * @return this builder
     * @since 0.1
     */
    public Builder add(Upcaster upcaster) {
      upcasters.add(Objects.requireNonNull(upcaster, "upcaster"));
      return this;
    }

    /**
     * Builds the chains and checks them against the schemas.
     *
     * @return the upcasters
     * @throws IllegalArgumentException if two upcasters share a type and version, an upcaster's
     *     type has no schema, an upcaster starts at or above its type's newest version or at a
     *     version without a schema, or a chain has a gap (a schema version below the newest with no
     *     upcaster to the next)
     * @since 0.1
     */
    public Upcasters build() {
      Map<String, NavigableMap<Integer, Upcaster>> chains = new LinkedHashMap<>();
      for (Upcaster u : upcasters) {
        String type = Objects.requireNonNull(u.typeName(), "typeName");
        Upcaster previous =
            chains.computeIfAbsent(type, k -> new TreeMap<>()).putIfAbsent(u.fromVersion(), u);
        if (previous != null) {
          throw new IllegalArgumentException(
              String.format(
                  Locale.ROOT,
                  "upcaster for %s v%d; expected one, but got two (%s and %s)",
                  type,
                  u.fromVersion(),
                  previous,
                  u));
        }
        NavigableMap<Integer, JsonSchema> versions = schemas.versionsOf(type);
        if (versions.isEmpty()) {
          throw new IllegalArgumentException(
              String.format(
                  Locale.ROOT,
                  "upcaster %s; expected a type with schemas, but '%s' has none",
                  u,
                  type));
        }
        if (u.fromVersion() >= versions.lastKey() || !versions.containsKey(u.fromVersion())) {
          throw new IllegalArgumentException(
              String.format(
                  Locale.ROOT,
                  "upcaster %s of %s; expected to start at a schema version below the newest"
                      + " (schemas exist for %s), but got v%d",
                  u,
                  type,
                  versions.keySet(),
                  u.fromVersion()));
        }
      }
      for (String type : schemas.types()) {
        NavigableMap<Integer, JsonSchema> versions = schemas.versionsOf(type);
        NavigableMap<Integer, Upcaster> chain =
            chains.getOrDefault(type, Collections.emptyNavigableMap());
        int lowest = versions.firstKey();
        for (int v = lowest; v < versions.lastKey(); v++) {
          if (!versions.containsKey(v) || !chain.containsKey(v)) {
            throw new IllegalArgumentException(
                String.format(
                    Locale.ROOT,
                    "upcasting chain of %s; expected a schema and an upcaster for every version"
                        + " from v%d to v%d, but got a gap at v%d (schemas %s, upcasters from %s)",
                    type,
                    lowest,
                    versions.lastKey() - 1,
                    v,
                    versions.keySet(),
                    chain.keySet()));
          }
        }
      }
      Map<String, NavigableMap<Integer, Upcaster>> frozen = new LinkedHashMap<>();
      chains.forEach((k, v) -> frozen.put(k, Collections.unmodifiableNavigableMap(v)));
      return new Upcasters(schemas, Collections.unmodifiableMap(frozen));
    }
  }
}
