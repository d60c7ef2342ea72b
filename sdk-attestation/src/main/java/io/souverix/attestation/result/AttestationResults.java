package io.souverix.attestation.result;

import io.souverix.lifecycle.ComponentState;
import io.souverix.lifecycle.Guard;
import io.souverix.lifecycle.GuardContext;
import io.souverix.lifecycle.GuardResult;
import io.souverix.lifecycle.Guards;
import io.souverix.lifecycle.HardwareCommand;
import io.souverix.lifecycle.Lifecycle;
import io.souverix.lifecycle.LifecycleException;
import io.souverix.lifecycle.event.EventType;
import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.event.RecordedEvent;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Attestation results as lifecycle events: a verified result becomes a {@code
 * node.attestation_completed} on the node's stream, and {@link #passedGuard()} lets the state
 * machine require a current, affirming one.
 *
 * <p>The mapping: {@code kind} as given; {@code passed} is true exactly when the overall status is
 * {@link Tier#AFFIRMING}; {@code verifier} is the issuer; {@code expires_at} is {@code exp}; {@code
 * reasons} lists the status with the key and the token's digest, then one line per claim ({@code
 * "configuration: warning (32): unapproved kernel parameters"}).
 *
 * @since 0.1
 */
public final class AttestationResults {
  private static final int MAX_REASON = ClaimAppraisal.MAX_REASON_LENGTH;

  private AttestationResults() {}

  /**
   * Maps a verified result to a {@code node.attestation_completed} payload.
   *
   * @param verified the verified result; not null
   * @param kind why the attestation ran; not null
   * @return the payload, valid against the event's schema
   */
  public static Payload completedPayload(VerifiedAttestationResult verified, AttestationKind kind) {
    Objects.requireNonNull(verified, "verified");
    Objects.requireNonNull(kind, "kind");
    AttestationResult r = verified.result();
    List<String> reasons = new ArrayList<>();
    reasons.add(
        clip(
            String.format(
                Locale.ROOT,
                "status %s, signed by key '%s' (%s), result %s",
                r.status().jsonName(),
                verified.keyId(),
                verified.algorithm().jwsName(),
                verified.tokenDigest())));
    r.claims()
        .forEach(
            (claim, a) ->
                reasons.add(
                    clip(
                        String.format(
                            Locale.ROOT,
                            "%s: %s (%d)%s",
                            claim.name(),
                            a.tier().jsonName(),
                            a.value(),
                            a.reason().isEmpty() ? "" : ": " + a.reason()))));
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("kind", kind.jsonName());
    fields.put("passed", r.isAffirming());
    fields.put("verifier", r.issuer());
    fields.put("expires_at", r.expiresAt().toString());
    fields.put("reasons", reasons);
    return Payload.of(fields);
  }

  /**
   * Records a verified result on its subject's stream as {@code node.attestation_completed}.
   *
   * @param lifecycle the lifecycle facade; not null
   * @param verified the verified result; its subject is the node id
   * @param kind why the attestation ran
   * @return the node's state after the event
   * @throws LifecycleException as {@link Lifecycle#record(String, EventType, Payload)}: for example
   *     {@code UNKNOWN_COMPONENT} when the subject is not a registered node; nothing is written
   */
  public static ComponentState record(
      Lifecycle lifecycle, VerifiedAttestationResult verified, AttestationKind kind)
      throws LifecycleException {
    Objects.requireNonNull(lifecycle, "lifecycle");
    return lifecycle.record(
        verified.result().subject(),
        EventType.NODE_ATTESTATION_COMPLETED,
        completedPayload(verified, kind));
  }

  /**
   * Returns the "attestation passed" guard ({@link Guards#ATTESTATION_PASSED}) for signed results:
   * the latest {@code node.attestation_completed} (anywhere in the stream when activating, since
   * entering the current state otherwise, as the default guard) has {@code passed=true} and an
   * {@code expires_at} after the time of the check. An event without {@code expires_at} fails: a
   * judgement without an expiry is not accepted.
   *
   * <p>Install it with {@code
   * Guards.defaults().toBuilder().replace(AttestationResults.passedGuard())}.
   *
   * @return the guard
   */
  public static Guard passedGuard() {
    return Guard.of(
        Guards.ATTESTATION_PASSED,
        "The latest node.attestation_completed (anywhere in the stream when activating, otherwise"
            + " since entering the current state) has passed=true and expires_at after now.",
        AttestationResults::passed);
  }

  private static GuardResult passed(GuardContext c) {
    boolean wholeStream = c.command() == HardwareCommand.ACTIVATE;
    Optional<RecordedEvent> latest =
        wholeStream
            ? c.latest(EventType.NODE_ATTESTATION_COMPLETED)
            : c.latestInCurrentState(EventType.NODE_ATTESTATION_COMPLETED);
    if (latest.isEmpty()) {
      return GuardResult.fail(
          wholeStream
              ? String.format(
                  Locale.ROOT,
                  "%s; expected one in the stream, but got none",
                  EventType.NODE_ATTESTATION_COMPLETED)
              : String.format(
                  Locale.ROOT,
                  "%s; expected one recorded since entering %s (after sequence %d), but got none",
                  EventType.NODE_ATTESTATION_COMPLETED,
                  c.currentState(),
                  c.componentState().stateSince()));
    }
    RecordedEvent e = latest.get();
    Payload p = e.payload();
    if (!p.bool("passed").orElse(false)) {
      return GuardResult.fail(
          String.format(
              Locale.ROOT,
              "latest attestation (sequence %d); expected passed=true, but got %s, reasons %s",
              e.sequence(),
              p.text("passed").orElse("nothing"),
              p.toMap().getOrDefault("reasons", List.of())));
    }
    Instant expiresAt = instant(p.text("expires_at").orElse(""));
    if (expiresAt == null || !expiresAt.isAfter(c.now())) {
      return GuardResult.fail(
          String.format(
              Locale.ROOT,
              "latest attestation (sequence %d) expires_at; expected after %s, but got %s",
              e.sequence(),
              c.now(),
              p.text("expires_at").orElse("none")));
    }
    return GuardResult.pass();
  }

  private static @Nullable Instant instant(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static String clip(String s) {
    return s.length() <= MAX_REASON ? s : s.substring(0, MAX_REASON - 3) + "...";
  }
}
