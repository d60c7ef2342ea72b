package io.souverix.lifecycle;

import io.souverix.lifecycle.event.EventType;
import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.event.RecordedEvent;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The default guards: each decides from evidence events in the component's own stream. Their
 * semantics are documented in {@code docs/lifecycle.md}, section "Guards".
 */
final class EvidenceGuards {
  private EvidenceGuards() {}

  static List<Guard> all() {
    return List.of(
        Guard.of(
            Guards.ATTESTATION_PASSED,
            "The latest node.attestation_completed has passed=true; when activating it may be"
                + " anywhere in the stream, otherwise it must be recorded in the current state.",
            EvidenceGuards::attestationPassed),
        Guard.of(
            Guards.TRUST_CHAIN_ESTABLISHED,
            "A node.trust_chain_established is recorded, the current certificate (the latest"
                + " maintenance.certificate_rotated after it, if any) has not_after in the future,"
                + " and no later revocation lists its serial.",
            EvidenceGuards::trustChainEstablished),
        Guard.of(
            Guards.WORKLOAD_MIGRATED,
            "A decommission.workload_migrated with a target_node is recorded in the current state.",
            c -> requireInState(c, EventType.DECOMMISSION_WORKLOAD_MIGRATED, "target_node")),
        Guard.of(
            Guards.DATA_EXPORTED,
            "A decommission.data_exported with a location and digest is recorded in the current"
                + " state.",
            c -> requireInState(c, EventType.DECOMMISSION_DATA_EXPORTED, "location", "digest")),
        Guard.of(
            Guards.CERTIFICATES_REVOKED,
            "A decommission.certificates_revoked is recorded in the current state and its serials"
                + " include the node's current certificate serial, if one is known.",
            c -> revocationCovers(c, EventType.DECOMMISSION_CERTIFICATES_REVOKED)),
        Guard.of(
            Guards.AUDIT_COMPLETED,
            "A decommission.audit_completed is recorded in the current state whose head_hash is"
                + " the hash of stream event number `events`, at or after entering the current"
                + " state.",
            EvidenceGuards::auditCompleted),
        Guard.of(
            Guards.ISOLATED,
            "An emergency.isolated is recorded in the current state.",
            c -> requireInState(c, EventType.EMERGENCY_ISOLATED)),
        Guard.of(
            Guards.TRUST_REVOKED,
            "An emergency.trust_revoked is recorded in the current state and its serials include"
                + " the node's current certificate serial, if one is known.",
            c -> revocationCovers(c, EventType.EMERGENCY_TRUST_REVOKED)),
        Guard.of(
            Guards.SECURE_WIPE_RECORDED,
            "An emergency.secure_wiped with a method and verified_by is recorded in the current"
                + " state.",
            c -> requireInState(c, EventType.EMERGENCY_SECURE_WIPED, "method", "verified_by")),
        Guard.of(
            Guards.HEALTHY,
            "The latest node.health_validated recorded in the current state has healthy=true.",
            EvidenceGuards::healthy));
  }

  private static GuardResult attestationPassed(GuardContext c) {
    boolean wholeStream = c.command() == HardwareCommand.ACTIVATE;
    Optional<RecordedEvent> latest =
        wholeStream
            ? c.latest(EventType.NODE_ATTESTATION_COMPLETED)
            : c.latestInCurrentState(EventType.NODE_ATTESTATION_COMPLETED);
    if (latest.isEmpty()) {
      return missing(c, EventType.NODE_ATTESTATION_COMPLETED, !wholeStream);
    }
    RecordedEvent e = latest.get();
    if (!e.payload().bool("passed").orElse(false)) {
      return GuardResult.fail(
          String.format(
              Locale.ROOT,
              "latest attestation (sequence %d); expected passed=true, but got %s, reasons %s",
              e.sequence(),
              e.payload().text("passed").orElse("nothing"),
              listOf(e.payload(), "reasons")));
    }
    return GuardResult.pass();
  }

  private static GuardResult trustChainEstablished(GuardContext c) {
    Optional<RecordedEvent> chain = c.latest(EventType.NODE_TRUST_CHAIN_ESTABLISHED);
    if (chain.isEmpty()) {
      return missing(c, EventType.NODE_TRUST_CHAIN_ESTABLISHED, false);
    }
    RecordedEvent current = chain.get();
    String serial = current.payload().text("certificate_serial").orElse("");
    Optional<RecordedEvent> rotated =
        c.latestAfter(EventType.MAINTENANCE_CERTIFICATE_ROTATED, current.sequence());
    if (rotated.isPresent()) {
      current = rotated.get();
      serial = current.payload().text("new_serial").orElse("");
    }
    Instant notAfter = instant(current.payload().text("not_after").orElse(""));
    if (notAfter == null || !notAfter.isAfter(c.now())) {
      return GuardResult.fail(
          String.format(
              Locale.ROOT,
              "certificate '%s' (sequence %d) validity; expected not_after after %s, but got %s",
              serial,
              current.sequence(),
              c.now(),
              current.payload().text("not_after").orElse("nothing")));
    }
    for (EventType revocation :
        List.of(EventType.DECOMMISSION_CERTIFICATES_REVOKED, EventType.EMERGENCY_TRUST_REVOKED)) {
      Optional<RecordedEvent> r = c.latestAfter(revocation, current.sequence());
      if (r.isPresent() && listOf(r.get().payload(), "serials").contains(serial)) {
        return GuardResult.fail(
            String.format(
                Locale.ROOT,
                "certificate '%s'; expected not revoked, but %s (sequence %d) revoked it",
                serial,
                revocation,
                r.get().sequence()));
      }
    }
    return GuardResult.pass();
  }

  private static GuardResult requireInState(GuardContext c, EventType type, String... fields) {
    Optional<RecordedEvent> e = c.latestInCurrentState(type);
    if (e.isEmpty()) {
      return missing(c, type, true);
    }
    for (String f : fields) {
      if (e.get().payload().text(f).orElse("").isEmpty()) {
        return GuardResult.fail(
            String.format(
                Locale.ROOT,
                "%s (sequence %d) field '%s'; expected a non-empty value, but got none",
                type,
                e.get().sequence(),
                f));
      }
    }
    return GuardResult.pass();
  }

  private static GuardResult revocationCovers(GuardContext c, EventType type) {
    Optional<RecordedEvent> e = c.latestInCurrentState(type);
    if (e.isEmpty()) {
      return missing(c, type, true);
    }
    String serial = currentSerial(c);
    List<String> serials = listOf(e.get().payload(), "serials");
    if (serial != null && !serials.contains(serial)) {
      return GuardResult.fail(
          String.format(
              Locale.ROOT,
              "%s (sequence %d) serials; expected to include the current certificate '%s', but"
                  + " got %s",
              type,
              e.get().sequence(),
              serial,
              serials));
    }
    return GuardResult.pass();
  }

  /** The serial of the node's current certificate, or null if the stream never names one. */
  private static @Nullable String currentSerial(GuardContext c) {
    Optional<RecordedEvent> chain = c.latest(EventType.NODE_TRUST_CHAIN_ESTABLISHED);
    Optional<RecordedEvent> rotated = c.latest(EventType.MAINTENANCE_CERTIFICATE_ROTATED);
    if (rotated.isPresent()
        && (chain.isEmpty() || rotated.get().sequence() > chain.get().sequence())) {
      return rotated.get().payload().text("new_serial").orElse(null);
    }
    return chain.flatMap(e -> e.payload().text("certificate_serial")).orElse(null);
  }

  private static GuardResult auditCompleted(GuardContext c) {
    Optional<RecordedEvent> audit = c.latestInCurrentState(EventType.DECOMMISSION_AUDIT_COMPLETED);
    if (audit.isEmpty()) {
      return missing(c, EventType.DECOMMISSION_AUDIT_COMPLETED, true);
    }
    RecordedEvent a = audit.get();
    long covered = a.payload().number("events").orElse(-1L);
    long since = c.componentState().stateSince();
    if (covered < since || covered >= a.sequence()) {
      return GuardResult.fail(
          String.format(
              Locale.ROOT,
              "audit (sequence %d) events; expected %d to %d (from entering %s up to the audit),"
                  + " but got %s",
              a.sequence(),
              since,
              a.sequence() - 1,
              c.currentState(),
              a.payload().text("events").orElse("nothing")));
    }
    String expected = c.history().get((int) covered - 1).hash();
    String actual = a.payload().text("head_hash").orElse("nothing");
    if (!expected.equals(actual)) {
      return GuardResult.fail(
          String.format(
              Locale.ROOT,
              "audit (sequence %d) head_hash of event %d; expected %s, but got %s",
              a.sequence(),
              covered,
              expected,
              actual));
    }
    return GuardResult.pass();
  }

  private static GuardResult healthy(GuardContext c) {
    Optional<RecordedEvent> e = c.latestInCurrentState(EventType.NODE_HEALTH_VALIDATED);
    if (e.isEmpty()) {
      return missing(c, EventType.NODE_HEALTH_VALIDATED, true);
    }
    if (!e.get().payload().bool("healthy").orElse(false)) {
      return GuardResult.fail(
          String.format(
              Locale.ROOT,
              "latest health validation (sequence %d); expected healthy=true, but got %s,"
                  + " checks %s",
              e.get().sequence(),
              e.get().payload().text("healthy").orElse("nothing"),
              listOf(e.get().payload(), "checks")));
    }
    return GuardResult.pass();
  }

  private static GuardResult missing(GuardContext c, EventType type, boolean inCurrentState) {
    return GuardResult.fail(
        inCurrentState
            ? String.format(
                Locale.ROOT,
                "%s; expected one recorded since entering %s (after sequence %d), but got none",
                type,
                c.currentState(),
                c.componentState().stateSince())
            : String.format(Locale.ROOT, "%s; expected one in the stream, but got none", type));
  }

  private static List<String> listOf(Payload p, String field) {
    Object v = p.toMap().get(field);
    if (!(v instanceof List)) {
      return List.of();
    }
    return ((List<?>) v).stream().map(String::valueOf).toList();
  }

  private static @Nullable Instant instant(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeException e) {
      return null;
    }
  }
}
