package io.souverix.attestation.tpm;

import java.util.Locale;
import java.util.Objects;

/**
 * One discrepancy found by {@link EventLogVerifier}: which check, which PCR and, when it can be
 * traced, which measurement.
 *
 * @param kind the check that failed; not null
 * @param pcr the PCR concerned
 * @param eventIndex the event's index in the log (the Spec ID header is 0), or -1 when the finding
 *     concerns the PCR as a whole or a measurement the log lacks
 * @param eventType the event's type, or -1 with {@code eventIndex} -1
 * @param expected what was expected, lower-case hex; not null
 * @param actual what was found, lower-case hex, or empty when absent; not null
 * @since 0.1
 */
public record Finding(
    Kind kind, int pcr, int eventIndex, long eventType, String expected, String actual) {
  /** The checks; a closed set with stable names. */
  public enum Kind {
    /** An event's digest is not the SHA-256 of its data, for a type whose digest must be. */
    EVENT_DATA_MISMATCH,
    /** Replaying the log does not give the quoted PCR value: the log is not the one measured. */
    REPLAY_MISMATCH,
    /** A quoted PCR differs from its reference value, or is not quoted. */
    GOLDEN_MISMATCH,
    /** A measurement differs from the reference's measurement at the same position. */
    MEASUREMENT_MISMATCH
  }

  /**
   * Checks the fields.
   *
   * @throws NullPointerException if a reference field is null
   */
  public Finding {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(actual, "actual");
  }

  @Override
  public String toString() {
    String where =
        eventIndex < 0
            ? String.format(Locale.ROOT, "PCR %d", pcr)
            : String.format(
                Locale.ROOT,
                "event %d (PCR %d, %s)",
                eventIndex,
                pcr,
                TpmEvent.typeName(eventType));
    return String.format(
        Locale.ROOT,
        "%s: %s; expected %s, but got %s",
        kind,
        where,
        expected.isEmpty() ? "none" : expected,
        actual.isEmpty() ? "none" : actual);
  }
}
