package io.souverix.lifecycle.event;

import io.souverix.lifecycle.internal.CanonicalJson;
import io.souverix.lifecycle.internal.Instants;
import io.souverix.lifecycle.internal.Sha256;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An event as a store recorded it: the envelope of DESIGN.md section 2.
 *
 * <p>{@code hash} is the lower-case hex SHA-256 of the RFC 8785 canonical JSON of the envelope
 * without {@code hash} (absent optional fields are JSON {@code null}); {@code prevHash} is the hash
 * of the previous event of the same stream, or null for the first. Any edit, reordering or deletion
 * inside a stream therefore breaks the chain. {@link #position()} is the store's global order and
 * is not part of the hash: it is where the event sits, not what it says.
 *
 * <h3>Security guarantees</h3>
 *
 * A matching hash proves integrity of one event against its stored hash, not authenticity: the
 * chain detects tampering by anyone who does not rewrite every later hash of the stream. Anchor
 * stream heads in a signed log for authenticity.
 *
 * @since 0.1
 */
public final class RecordedEvent {
  private final UUID eventId;
  private final String streamId;
  private final long sequence;
  private final String type;
  private final int schemaVersion;
  private final Instant occurredAt;
  private final Instant recordedAt;
  private final String actor;
  private final @Nullable String region;
  private final @Nullable UUID causationId;
  private final @Nullable UUID correlationId;
  private final Payload payload;
  private final @Nullable String prevHash;
  private final String hash;
  private final long position;

  private RecordedEvent(
      NewEvent e,
      String streamId,
      long sequence,
      Instant recordedAt,
      @Nullable String prevHash,
      @Nullable String hash,
      long position) {
    this.eventId = e.eventId();
    this.type = e.type();
    this.schemaVersion = e.schemaVersion();
    this.occurredAt = e.occurredAt();
    this.actor = e.actor();
    this.region = e.region();
    this.causationId = e.causationId();
    this.correlationId = e.correlationId();
    this.payload = e.payload();
    this.streamId = checkStreamId(streamId);
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence must be at least 1; got " + sequence);
    }
    this.sequence = sequence;
    this.recordedAt =
        Objects.requireNonNull(recordedAt, "recordedAt").truncatedTo(ChronoUnit.MICROS);
    this.prevHash = prevHash;
    this.position = position;
    this.hash = hash != null ? hash : computeHash();
  }

  /**
   * Seals a proposed event into a stream: assigns its place and computes its hash. Stores call this
   * inside their write transaction, with the hash of the stream's current last event.
   *
   * @param event the proposed event; not null
   * @param streamId the stream; see {@link #checkStreamId(String)}
   * @param sequence the event's 1-based sequence in its stream
   * @param prevHash the hash of event {@code sequence - 1}, or null when {@code sequence == 1}
   * @param recordedAt the store's clock reading
   * @param position the global position the store assigns, 1-based
   * @return the sealed event
   * @throws IllegalArgumentException if {@code prevHash} is null exactly when it must not be
   * @since 0.1
   */
  public static RecordedEvent seal(
      NewEvent event,
      String streamId,
      long sequence,
      @Nullable String prevHash,
      Instant recordedAt,
      long position) {
    Objects.requireNonNull(event, "event");
    if ((sequence == 1) != (prevHash == null)) {
      throw new IllegalArgumentException(
          "prevHash must be null for the first event of a stream and only then");
    }
    return new RecordedEvent(event, streamId, sequence, recordedAt, prevHash, null, position);
  }

  /**
   * Rebuilds an event read back from storage, keeping its stored hash so that {@link
   * #hashMatches()} can detect tampering.
   *
   * @param event the stored envelope fields; not null
   * @param streamId the stored stream id
   * @param sequence the stored sequence
   * @param prevHash the stored previous hash
   * @param recordedAt the stored recording time
   * @param hash the stored hash; not null
   * @param position the stored global position
   * @return the event
   * @since 0.1
   */
  public static RecordedEvent restore(
      NewEvent event,
      String streamId,
      long sequence,
      @Nullable String prevHash,
      Instant recordedAt,
      String hash,
      long position) {
    return new RecordedEvent(
        Objects.requireNonNull(event, "event"),
        streamId,
        sequence,
        recordedAt,
        prevHash,
        Objects.requireNonNull(hash, "hash"),
        position);
  }

  /**
   * Checks a stream id: 1 to 200 characters, no control characters.
   *
   * @param streamId the candidate
   * @return the same id
   * @throws IllegalArgumentException if malformed
   * @since 0.1
   */
  public static String checkStreamId(String streamId) {
    Objects.requireNonNull(streamId, "streamId");
    if (streamId.isEmpty() || streamId.length() > 200) {
      throw new IllegalArgumentException("streamId must have 1 to 200 characters");
    }
    for (int i = 0; i < streamId.length(); i++) {
      if (Character.isISOControl(streamId.charAt(i))
          || Character.isWhitespace(streamId.charAt(i))) {
        throw new IllegalArgumentException(
            "streamId must not contain control or whitespace characters: '" + streamId + "'");
      }
    }
    return streamId;
  }

  /**
   * Returns the canonical JSON of the envelope without {@code hash}: the bytes the hash covers.
   *
   * @return canonical JSON text
   * @since 0.1
   */
  public String canonicalJsonWithoutHash() {
    StringBuilder b = new StringBuilder(512 + payload.json().length());
    appendFields(b, false);
    b.append('}');
    return b.toString();
  }

  /**
   * Returns the canonical JSON of the whole envelope including {@code hash}.
   *
   * @return canonical JSON text
   * @since 0.1
   */
  public String toJson() {
    StringBuilder b = new StringBuilder(600 + payload.json().length());
    appendFields(b, true);
    b.append('}');
    return b.toString();
  }

  /**
   * Parses the JSON produced by {@link #toJson()}; the position, which is not part of it, is 0.
   *
   * @param json the envelope JSON; not null
   * @return the event, with its hash as given
   * @throws IllegalArgumentException if the text is not an envelope: not JSON, a field missing,
   *     repeated, unknown or of the wrong type
   * @since 0.1
   */
  public static RecordedEvent parse(String json) {
    return parse(json, 0);
  }

  /**
   * Parses an envelope read back from a store, at the position the store keeps it.
   *
   * <p>The payload's text is kept exactly as it appears in {@code json} (it is parsed only when a
   * field is read), so {@link #hashMatches()} detects a payload that was edited, even if only its
   * formatting changed. One streaming pass, no tree: this is the replay hot path.
   *
   * @param json the envelope JSON; not null
   * @param position the store's global position of the event
   * @return the event, with its hash as given
   * @throws IllegalArgumentException if the text is not an envelope: not JSON, a field missing,
   *     repeated, unknown or of the wrong type
   * @since 0.1
   */
  public static RecordedEvent parse(String json, long position) {
    Objects.requireNonNull(json, "json");
    try {
      return EnvelopeParser.parse(json, position);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("event envelope is not valid JSON: " + e.getMessage(), e);
    } catch (DateTimeParseException | NullPointerException e) {
      throw new IllegalArgumentException("event envelope is malformed: " + e.getMessage(), e);
    }
  }

  private void appendFields(StringBuilder b, boolean withHash) {
    // Members in RFC 8785 order (sorted by name); "hash" sorts between "eventId" and "occurredAt".
    b.append("{\"actor\":");
    CanonicalJson.writeString(actor, b);
    b.append(",\"causationId\":");
    nullableString(causationId == null ? null : causationId.toString(), b);
    b.append(",\"correlationId\":");
    nullableString(correlationId == null ? null : correlationId.toString(), b);
    b.append(",\"eventId\":\"").append(eventId).append('"');
    if (withHash) {
      b.append(",\"hash\":\"").append(hash).append('"');
    }
    b.append(",\"occurredAt\":\"");
    Instants.format(occurredAt, b);
    b.append('"');
    b.append(",\"payload\":").append(payload.json());
    b.append(",\"prevHash\":");
    nullableString(prevHash, b);
    b.append(",\"recordedAt\":\"");
    Instants.format(recordedAt, b);
    b.append('"');
    b.append(",\"region\":");
    nullableString(region, b);
    b.append(",\"schemaVersion\":").append(schemaVersion);
    b.append(",\"sequence\":").append(sequence);
    b.append(",\"streamId\":");
    CanonicalJson.writeString(streamId, b);
    b.append(",\"type\":");
    CanonicalJson.writeString(type, b);
  }

  private static void nullableString(@Nullable String s, StringBuilder b) {
    if (s == null) {
      b.append("null");
    } else {
      CanonicalJson.writeString(s, b);
    }
  }

  private String computeHash() {
    return Sha256.hex(canonicalJsonWithoutHash());
  }

  /**
   * Returns whether the stored hash equals the hash recomputed from the envelope, and the payload
   * text is in canonical form.
   *
   * @return true if this event is intact
   * @since 0.1
   */
  public boolean hashMatches() {
    return hash.equals(computeHash()) && payload.isCanonical();
  }

  /**
   * Returns this event's fields as a {@link NewEvent}, e.g. to copy it to another store.
   *
   * @return the proposal this event was sealed from
   * @since 0.1
   */
  public NewEvent toNewEvent() {
    return NewEvent.builder(type, schemaVersion)
        .eventId(eventId)
        .occurredAt(occurredAt)
        .actor(actor)
        .region(region)
        .causationId(causationId)
        .correlationId(correlationId)
        .payload(payload)
        .build();
  }

  /**
   * @return the event id
   */
  public UUID eventId() {
    return eventId;
  }

  /**
   * @return the stream (component) id
   */
  public String streamId() {
    return streamId;
  }

  /**
   * @return the 1-based sequence within the stream
   */
  public long sequence() {
    return sequence;
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
   * @return when the fact happened
   */
  public Instant occurredAt() {
    return occurredAt;
  }

  /**
   * @return when the store recorded it
   */
  public Instant recordedAt() {
    return recordedAt;
  }

  /**
   * @return who caused it
   */
  public String actor() {
    return actor;
  }

  /**
   * @return the region, or null
   */
  public @Nullable String region() {
    return region;
  }

  /**
   * @return the causing event or command id, or null
   */
  public @Nullable UUID causationId() {
    return causationId;
  }

  /**
   * @return the workflow correlation id, or null
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

  /**
   * @return the previous event's hash, or null for the first event of a stream
   */
  public @Nullable String prevHash() {
    return prevHash;
  }

  /**
   * @return the hash of this event
   */
  public String hash() {
    return hash;
  }

  /**
   * @return the 1-based global position in the store, or 0 if not read from a store
   */
  public long position() {
    return position;
  }

  /**
   * Returns a copy with a different payload and schema version, as an upcaster produces. The copy
   * keeps the stored hash, which then no longer matches: verify chains on stored events, before
   * upcasting.
   *
   * @param newSchemaVersion the upcast version
   * @param newPayload the upcast payload
   * @return the upcast copy
   * @since 0.1
   */
  public RecordedEvent withPayload(int newSchemaVersion, Payload newPayload) {
    NewEvent e =
        NewEvent.builder(type, newSchemaVersion)
            .eventId(eventId)
            .occurredAt(occurredAt)
            .actor(actor)
            .region(region)
            .causationId(causationId)
            .correlationId(correlationId)
            .payload(newPayload)
            .build();
    return new RecordedEvent(e, streamId, sequence, recordedAt, prevHash, hash, position);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RecordedEvent)) {
      return false;
    }
    RecordedEvent r = (RecordedEvent) o;
    return hash.equals(r.hash)
        && position == r.position
        && schemaVersion == r.schemaVersion
        && payload.equals(r.payload);
  }

  @Override
  public int hashCode() {
    return hash.hashCode();
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s#%d %s (%s)", streamId, sequence, type, eventId);
  }
}
