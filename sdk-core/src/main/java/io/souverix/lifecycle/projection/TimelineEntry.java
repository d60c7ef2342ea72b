package io.souverix.lifecycle.projection;

import io.souverix.lifecycle.event.Payload;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One line of a component's lifecycle timeline: when, what, and a readable summary.
 *
 * <p>Immutable. The entry keeps the payload's canonical text, not the payload: the parsed JSON tree
 * a projection built while reading the event is left to the collector. The summary is rendered from
 * that text on first use.
 *
 * @since 0.1
 */
public final class TimelineEntry {
  private final String componentId;
  private final long sequence;
  private final long position;
  // Instants as fields, not objects: 24 bytes an entry instead of two references and two objects.
  private final long occurredSeconds;
  private final int occurredNanos;
  private final long recordedSeconds;
  private final int recordedNanos;
  private final String type;
  private final String payloadJson;
  private @Nullable String summary;

  TimelineEntry(
      String componentId,
      long sequence,
      long position,
      Instant occurredAt,
      Instant recordedAt,
      String type,
      String payloadJson) {
    this.componentId = componentId;
    this.sequence = sequence;
    this.position = position;
    this.occurredSeconds = occurredAt.getEpochSecond();
    this.occurredNanos = occurredAt.getNano();
    this.recordedSeconds = recordedAt.getEpochSecond();
    this.recordedNanos = recordedAt.getNano();
    this.type = type;
    this.payloadJson = payloadJson;
  }

  /**
   * Returns the component (stream) the event belongs to.
   *
   * @return the component id
   */
  public String componentId() {
    return componentId;
  }

  /**
   * Returns the event's sequence in its stream.
   *
   * @return at least 1
   */
  public long sequence() {
    return sequence;
  }

  /**
   * Returns the event's global position.
   *
   * @return at least 1
   */
  public long position() {
    return position;
  }

  /**
   * Returns when the fact happened.
   *
   * @return the event's {@code occurredAt}
   */
  public Instant occurredAt() {
    return Instant.ofEpochSecond(occurredSeconds, occurredNanos);
  }

  /**
   * Returns when the store recorded the event.
   *
   * @return the event's {@code recordedAt}
   */
  public Instant recordedAt() {
    return Instant.ofEpochSecond(recordedSeconds, recordedNanos);
  }

  /**
   * Returns the event type.
   *
   * @return the dotted type name
   */
  public String type() {
    return type;
  }

  /**
   * Returns a one-line human summary of the event, such as {@code "PROVISIONING -> ACTIVE
   * (ACTIVATE)"}.
   *
   * @return the summary
   */
  public String summary() {
    String s = summary;
    if (s == null) {
      s = Summaries.of(type, Payload.fromStored(payloadJson));
      summary = s;
    }
    return s;
  }

  /**
   * Returns the entry as one line: occurred-at, type and summary, separated by two spaces.
   *
   * @return the line
   */
  public String line() {
    return occurredAt() + "  " + type + "  " + summary();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof TimelineEntry)) {
      return false;
    }
    TimelineEntry e = (TimelineEntry) o;
    return position == e.position
        && sequence == e.sequence
        && componentId.equals(e.componentId)
        && occurredSeconds == e.occurredSeconds
        && occurredNanos == e.occurredNanos
        && recordedSeconds == e.recordedSeconds
        && recordedNanos == e.recordedNanos
        && type.equals(e.type)
        && payloadJson.equals(e.payloadJson);
  }

  @Override
  public int hashCode() {
    return Objects.hash(componentId, position, type);
  }

  @Override
  public String toString() {
    return line();
  }
}
