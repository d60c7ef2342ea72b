package io.souverix.kafka;

import io.souverix.lifecycle.event.EventType;
import io.souverix.lifecycle.event.RecordedEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The scale run's projection: per node, its hardware and software lifecycle state (from {@code
 * lifecycle.state_changed}), the time of its last event, the head of each of its two streams and
 * how many events it folded.
 *
 * <p>Deliberately not idempotent: {@link State#events()} counts every event folded, so an event
 * folded twice shows in the count, and it also shows as a chain break (its sequence does not follow
 * the stream's head). {@link State#lastMicros()} is what the latency probe reads: the output record
 * of an event carries that event's {@code occurredAt}.
 *
 * <p>Encoding: the fields joined by {@code '|'}, in record order (stream ids and hashes carry no
 * {@code '|'}).
 */
final class ScaleFold implements KeyedFold<ScaleFold.State> {
  /** The lifecycle state before the first {@code lifecycle.state_changed}. */
  static final String NONE = "NONE";

  /**
   * One node's state.
   *
   * @param events how many events were folded
   * @param hardware the hardware lifecycle state
   * @param software the OS component's lifecycle state
   * @param lastMicros the last event's {@code occurredAt}, microseconds since the epoch
   * @param hardwareSeq the hardware stream's last sequence, 0 before its first event
   * @param hardwareHash that event's hash, "-" before it
   * @param softwareSeq the software stream's last sequence, 0 before its first event
   * @param softwareHash that event's hash, "-" before it
   * @param chainBreaks how many events did not continue their stream's hash chain
   */
  record State(
      long events,
      String hardware,
      String software,
      long lastMicros,
      long hardwareSeq,
      String hardwareHash,
      long softwareSeq,
      String softwareHash,
      long chainBreaks) {}

  private static final State EMPTY = new State(0, NONE, NONE, 0, 0, "-", 0, "-", 0);

  @Override
  public State apply(@Nullable State state, RecordedEvent event) {
    Objects.requireNonNull(event, "event");
    State s = state == null ? EMPTY : state;
    boolean software = event.streamId().indexOf('/') >= 0;
    long headSeq = software ? s.softwareSeq() : s.hardwareSeq();
    String headHash = software ? s.softwareHash() : s.hardwareHash();
    boolean links =
        event.sequence() == headSeq + 1
            && (headSeq == 0 ? event.prevHash() == null : headHash.equals(event.prevHash()));
    String hardware = s.hardware();
    String sw = s.software();
    if (event.type().equals(EventType.LIFECYCLE_STATE_CHANGED.name())) {
      String to = event.payload().requireText("to");
      if ("software".equals(event.payload().requireText("component_kind"))) {
        sw = to;
      } else {
        hardware = to;
      }
    }
    return new State(
        s.events() + 1,
        hardware,
        sw,
        micros(event.occurredAt()),
        software ? s.hardwareSeq() : event.sequence(),
        software ? s.hardwareHash() : event.hash(),
        software ? event.sequence() : s.softwareSeq(),
        software ? event.hash() : s.softwareHash(),
        s.chainBreaks() + (links ? 0 : 1));
  }

  static long micros(Instant t) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, t);
  }

  @Override
  public byte[] encode(State s) {
    return String.join(
            "|",
            Long.toString(s.events()),
            s.hardware(),
            s.software(),
            Long.toString(s.lastMicros()),
            Long.toString(s.hardwareSeq()),
            s.hardwareHash(),
            Long.toString(s.softwareSeq()),
            s.softwareHash(),
            Long.toString(s.chainBreaks()))
        .getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public State decode(byte[] bytes) {
    String[] f = new String(bytes, StandardCharsets.UTF_8).split("\\|", -1);
    if (f.length != 9) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT, "scale state; expected 9 fields, but got %d: %s", f.length, f[0]));
    }
    try {
      return new State(
          Long.parseLong(f[0]),
          f[1],
          f[2],
          Long.parseLong(f[3]),
          Long.parseLong(f[4]),
          f[5],
          Long.parseLong(f[6]),
          f[7],
          Long.parseLong(f[8]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("scale state; expected numbers, but got " + e, e);
    }
  }
}
