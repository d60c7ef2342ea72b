package io.souverix.attestation.audit;

import java.util.Locale;
import java.util.Objects;

/**
 * Where an event is anchored in an {@link AuditLog}: the entry at {@code logIndex} holds the
 * event's hash.
 *
 * @param eventHash the event's hash, lower-case hex as in {@code RecordedEvent.hash()}
 * @param logIndex the index of the log entry holding it, from 0
 * @since 0.1
 */
public record AuditAnchor(String eventHash, long logIndex) {
  /**
   * Checks the parts.
   *
   * @param eventHash 64 lower-case hex digits; not null
   * @param logIndex at least 0
   * @throws IllegalArgumentException if either is out of range
   */
  public AuditAnchor {
    Objects.requireNonNull(eventHash, "eventHash");
    if (!eventHash.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT, "event hash; expected 64 lower-case hex digits, but got %s", eventHash));
    }
    if (logIndex < 0) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "log index; expected at least 0, but got %d", logIndex));
    }
  }
}
