package io.souverix.policy.opa;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A circuit breaker: closed (calls pass; consecutive failures counted), open (calls fail fast until
 * {@code openFor} has passed on the clock), half-open (one probe call passes; its success closes
 * the breaker, its failure opens it again). Thread-safe.
 */
final class CircuitBreaker {
  enum State {
    CLOSED,
    OPEN,
    HALF_OPEN
  }

  private final int failureThreshold;
  private final Duration openFor;
  private final Clock clock;
  private State state = State.CLOSED;
  private int failures;
  private @Nullable Instant openedAt;
  private boolean probing;

  CircuitBreaker(int failureThreshold, Duration openFor, Clock clock) {
    this.failureThreshold = failureThreshold;
    this.openFor = openFor;
    this.clock = clock;
  }

  /** What the breaker lets a call do. */
  enum Permit {
    /** Call, with retries (closed). */
    CALL,
    /** Call once, as the half-open probe. */
    PROBE,
    /** Do not call: open, or another probe is out. */
    REJECT
  }

  /**
   * Asks to make a call.
   *
   * @return whether, and how, the call may go ahead
   */
  synchronized Permit tryAcquire() {
    if (state == State.OPEN) {
      if (clock.instant().isBefore(openUntil())) {
        return Permit.REJECT;
      }
      state = State.HALF_OPEN;
      probing = false;
    }
    if (state == State.HALF_OPEN) {
      if (probing) {
        // One probe at a time; the others fail fast until it reports.
        return Permit.REJECT;
      }
      probing = true;
      return Permit.PROBE;
    }
    return Permit.CALL;
  }

  /** Until when the breaker stays open; the opening instant plus the open duration. */
  synchronized Instant openUntil() {
    Instant at = openedAt;
    return at == null ? clock.instant() : at.plus(openFor);
  }

  synchronized void onSuccess() {
    state = State.CLOSED;
    failures = 0;
    probing = false;
    openedAt = null;
  }

  synchronized void onFailure() {
    if (state == State.HALF_OPEN) {
      open();
      return;
    }
    if (state == State.CLOSED && ++failures >= failureThreshold) {
      open();
    }
  }

  private void open() {
    state = State.OPEN;
    openedAt = clock.instant();
    probing = false;
    failures = 0;
  }

  synchronized State state() {
    return state;
  }
}
