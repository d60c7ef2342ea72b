package io.souverix.lifecycle.event;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An event proposed for appending: everything of the envelope that the writer decides. The store
 * adds the stream, sequence, recording time and hash chain when it accepts it and returns a {@link
 * RecordedEvent}.
 *
 * <p>Instants are truncated to microseconds, the precision every supported store keeps, so that an
 * event hashes the same before and after a round trip through any store.
 *
 * @since 0.1
 */
public final class NewEvent {
  private final UUID eventId;
  private final String type;
  private final int schemaVersion;
  private final Instant occurredAt;
  private final String actor;
  private final @Nullable String region;
  private final @Nullable UUID causationId;
  private final @Nullable UUID correlationId;
  private final Payload payload;

  private NewEvent(Builder b) {
    this.eventId = Objects.requireNonNull(b.eventId, "eventId");
    this.type = Objects.requireNonNull(b.type, "type");
    this.schemaVersion = b.schemaVersion;
    this.occurredAt =
        Objects.requireNonNull(b.occurredAt, "occurredAt").truncatedTo(ChronoUnit.MICROS);
    this.actor = Objects.requireNonNull(b.actor, "actor");
    this.region = b.region;
    this.causationId = b.causationId;
    this.correlationId = b.correlationId;
    this.payload = Objects.requireNonNull(b.payload, "payload");
    if (schemaVersion < 1) {
      throw new IllegalArgumentException("schemaVersion must be at least 1; got " + schemaVersion);
    }
    if (actor.isEmpty() || actor.length() > 200) {
      throw new IllegalArgumentException("actor must have 1 to 200 characters");
    }
  }

  /**
   * Starts a builder for an event of a given type at its current schema version.
   *
   * @param type the event type; not null
   * @return a new builder
   * @since 0.1
   */
  public static Builder builder(EventType type) {
    Objects.requireNonNull(type, "type");
    Builder b = new Builder();
    b.type = type.name();
    b.schemaVersion = type.currentVersion();
    return b;
  }

  /**
   * Starts a builder for an event with an explicit type name and schema version (for vendor types
   * and for tests that write older versions).
   *
   * @param typeName the dotted type name; not null
   * @param schemaVersion the payload's schema version, at least 1
   * @return a new builder
   * @since 0.1
   */
  public static Builder builder(String typeName, int schemaVersion) {
    Builder b = new Builder();
    b.type = EventType.of(typeName, schemaVersion).name();
    b.schemaVersion = schemaVersion;
    return b;
  }

  /**
   * @return the writer-chosen id; a retry with the same id is idempotent
   */
  public UUID eventId() {
    return eventId;
  }

  /**
   * @return the dotted type name
   */
  public String type() {
    return type;
  }

  /**
   * @return the payload's schema version
   */
  public int schemaVersion() {
    return schemaVersion;
  }

  /**
   * @return when the fact happened, in the writer's view
   */
  public Instant occurredAt() {
    return occurredAt;
  }

  /**
   * @return who caused the event (a user, service or node id)
   */
  public String actor() {
    return actor;
  }

  /**
   * @return the region the event belongs to, or null
   */
  public @Nullable String region() {
    return region;
  }

  /**
   * @return the id of the event or command that caused this one, or null
   */
  public @Nullable UUID causationId() {
    return causationId;
  }

  /**
   * @return the id correlating a whole workflow, or null
   */
  public @Nullable UUID correlationId() {
    return correlationId;
  }

  /**
   * @return the payload
   */
  public Payload payload() {
    return payload;
  }

  @Override
  public String toString() {
    return type + "@" + schemaVersion + " " + eventId;
  }

  /** A builder of {@link NewEvent}; mutable and not thread-safe. */
  public static final class Builder {
    private @Nullable UUID eventId;
    private @Nullable String type;
    private int schemaVersion;
    private @Nullable Instant occurredAt;
    private @Nullable String actor;
    private @Nullable String region;
    private @Nullable UUID causationId;
    private @Nullable UUID correlationId;
    private Payload payload = Payload.empty();

    private Builder() {}

    /** Sets the event id (required); use {@link EventIds} for UUIDv7 ids. */
    public Builder eventId(UUID eventId) {
      this.eventId = Objects.requireNonNull(eventId, "eventId");
      return this;
    }

    /** Sets when the fact happened (required). */
    public Builder occurredAt(Instant occurredAt) {
      this.occurredAt = Objects.requireNonNull(occurredAt, "occurredAt");
      return this;
    }

    /** Sets who caused the event (required). */
    public Builder actor(String actor) {
      this.actor = Objects.requireNonNull(actor, "actor");
      return this;
    }

    /** Sets the region; optional. */
    public Builder region(@Nullable String region) {
      this.region = region;
      return this;
    }

    /** Sets the causing event or command id; optional. */
    public Builder causationId(@Nullable UUID causationId) {
      this.causationId = causationId;
      return this;
    }

    /** Sets the workflow correlation id; optional. */
    public Builder correlationId(@Nullable UUID correlationId) {
      this.correlationId = correlationId;
      return this;
    }

    /** Sets the payload; defaults to {@code {}}. */
    public Builder payload(Payload payload) {
      this.payload = Objects.requireNonNull(payload, "payload");
      return this;
    }

    /**
     * Builds the event.
     *
     * @return the event
     * @throws NullPointerException if a required field is missing
     */
    public NewEvent build() {
      return new NewEvent(this);
    }
  }
}
