package io.souverix.lifecycle.verify;

import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One integrity problem found by {@link ChainVerifier}.
 *
 * @param position the global position of the event where the problem shows
 * @param streamId the event's stream, or null if the event could not be read
 * @param sequence the event's sequence, or 0 if the event could not be read
 * @param eventId the event's id, or null if the event could not be read
 * @param kind what is wrong
 * @param detail what was expected and what was found, for a person
 * @since 0.1
 */
public record ChainProblem(
    long position,
    @Nullable String streamId,
    long sequence,
    @Nullable UUID eventId,
    Kind kind,
    String detail) {

  /** Validates. */
  public ChainProblem {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(detail, "detail");
  }

  /** What kind of problem; later versions may add kinds. */
  public enum Kind {
    /** The stored hash is not the hash of the stored envelope: the event was edited. */
    HASH_MISMATCH,
    /** {@code prevHash} is not the hash of the stream's previous event. */
    PREV_HASH_MISMATCH,
    /** The sequence skips ahead of the stream's previous one: events are missing. */
    SEQUENCE_GAP,
    /** The sequence is not above the stream's previous one: events were reordered or repeated. */
    SEQUENCE_OUT_OF_ORDER,
    /** The global position skips ahead: events are missing from the global order. */
    POSITION_GAP,
    /** The payload text is not in RFC 8785 canonical form (or not valid JSON). */
    NON_CANONICAL_PAYLOAD,
    /** The event id was already seen at an earlier position. */
    DUPLICATE_EVENT_ID,
    /** The store could not turn the stored row into an event at all. */
    UNREADABLE_EVENT
  }
}
