package io.souverix.lifecycle;

import io.souverix.lifecycle.event.EventType;
import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.event.RecordedEvent;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The lifecycle state of one component as its event stream says: the result of folding the stream
 * from its first event, one event at a time ({@link #apply(RecordedEvent)}).
 *
 * <p>This fold is the only place that turns events into a lifecycle state; {@link Lifecycle} and
 * the projections use it alike, so a state reported live and a state rebuilt from stored events
 * always agree. The fold is a left fold: replaying a prefix of a stream and then applying the rest
 * equals replaying the whole stream.
 *
 * <p>The fold is strict. It rejects, with {@link IllegalArgumentException}, a stream that no {@link
 * Lifecycle} would have written: an event of another stream or out of sequence, a stream that does
 * not start with its registration ({@code node.serial_registered} or {@code software.registered}),
 * a {@code lifecycle.state_changed} whose {@code from} is not the current state or that {@link
 * TransitionTable} does not allow, and any event after a terminal state.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class ComponentState {
  private final String componentId;
  private final long version;
  private final @Nullable ComponentKind kind;
  private final @Nullable LifecycleState state;
  private final long stateSince;

  private ComponentState(
      String componentId,
      long version,
      @Nullable ComponentKind kind,
      @Nullable LifecycleState state,
      long stateSince) {
    this.componentId = componentId;
    this.version = version;
    this.kind = kind;
    this.state = state;
    this.stateSince = stateSince;
  }

  /**
   * Returns the state of a stream with no events: the seed of the fold.
   *
   * @param componentId the component's stream id; not null
   * @return version 0, not registered
   */
  public static ComponentState initial(String componentId) {
    return new ComponentState(RecordedEvent.checkStreamId(componentId), 0, null, null, 0);
  }

  /**
   * Folds a whole stream, from its first event.
   *
   * @param componentId the component's stream id; not null
   * @param events the stream's events in sequence order, starting at sequence 1
   * @return the state after the last event
   * @throws IllegalArgumentException if the events are not a consistent lifecycle stream
   */
  public static ComponentState replay(String componentId, Iterable<RecordedEvent> events) {
    return initial(componentId).applyAll(events);
  }

  /**
   * Folds further events into this state.
   *
   * @param events the next events of the stream, in sequence order
   * @return the state after the last of them
   * @throws IllegalArgumentException if an event does not fit; see {@link #apply(RecordedEvent)}
   */
  public ComponentState applyAll(Iterable<RecordedEvent> events) {
    ComponentState s = this;
    for (RecordedEvent e : Objects.requireNonNull(events, "events")) {
      s = s.apply(e);
    }
    return s;
  }

  /**
   * Folds one event: the step of the left fold.
   *
   * @param event the stream's next event, with sequence {@code version() + 1}
   * @return the state after it
   * @throws IllegalArgumentException if the event belongs to another stream, is out of sequence,
   *     comes after a terminal state, or is a registration or state change that does not fit
   */
  public ComponentState apply(RecordedEvent event) {
    Objects.requireNonNull(event, "event");
    if (!event.streamId().equals(componentId)) {
      throw inconsistent(event, "stream id", "'" + componentId + "'", "'" + event.streamId() + "'");
    }
    if (event.sequence() != version + 1) {
      throw inconsistent(event, "sequence", Long.toString(version + 1), "" + event.sequence());
    }
    if (state != null && state.isTerminal()) {
      throw inconsistent(event, "no event after terminal state " + state, "none", event.type());
    }
    long next = event.sequence();
    ComponentKind registers = registrationKind(event.type());
    if (registers != null) {
      if (version != 0) {
        throw inconsistent(event, "registration", "the first event", "sequence " + next);
      }
      return new ComponentState(componentId, next, registers, null, 0);
    }
    if (kind == null) {
      throw inconsistent(event, "first event", "a registration", event.type());
    }
    if (!event.type().equals(EventType.LIFECYCLE_STATE_CHANGED.name())) {
      return new ComponentState(componentId, next, kind, state, stateSince);
    }
    Payload p = event.payload();
    String kindName = p.text("component_kind").orElse("");
    if (!kindName.equals(kind.payloadName())) {
      throw inconsistent(event, "component_kind", kind.payloadName(), kindName);
    }
    TransitionTable table = TransitionTable.of(kind);
    String commandName = p.text("command").orElse("");
    LifecycleCommand command =
        table
            .command(commandName)
            .orElseThrow(
                () -> inconsistent(event, "command", "a " + kind + " command", commandName));
    String fromName = p.text("from").orElse(null);
    String expectedFrom = state == null ? null : state.name();
    if (!Objects.equals(fromName, expectedFrom)) {
      throw inconsistent(event, "from", String.valueOf(expectedFrom), String.valueOf(fromName));
    }
    String toName = p.text("to").orElse("");
    LifecycleState target =
        table
            .target(state, command)
            .orElseThrow(
                () ->
                    inconsistent(
                        event,
                        "transition",
                        "a command allowed from " + expectedFrom,
                        command.name()));
    if (!target.name().equals(toName)) {
      throw inconsistent(event, "to", target.name(), toName);
    }
    return new ComponentState(componentId, next, kind, target, next);
  }

  private static @Nullable ComponentKind registrationKind(String type) {
    if (type.equals(EventType.NODE_SERIAL_REGISTERED.name())) {
      return ComponentKind.HARDWARE;
    }
    if (type.equals(EventType.SOFTWARE_REGISTERED.name())) {
      return ComponentKind.SOFTWARE;
    }
    return null;
  }

  private static IllegalArgumentException inconsistent(
      RecordedEvent e, String what, String expected, String actual) {
    return new IllegalArgumentException(
        String.format(
            Locale.ROOT,
            "event %s does not fit the lifecycle stream: %s; expected %s, but got %s",
            e,
            what,
            expected,
            actual));
  }

  /**
   * Returns the component's id, which is its stream id.
   *
   * @return the id
   */
  public String componentId() {
    return componentId;
  }

  /**
   * Returns the stream's version: the sequence of the last event folded, 0 if none.
   *
   * @return the version, to use as the expected version of the next append
   */
  public long version() {
    return version;
  }

  /**
   * Returns whether the stream has entered its first lifecycle state.
   *
   * @return true once the registering {@code lifecycle.state_changed} has been folded
   */
  public boolean isRegistered() {
    return state != null;
  }

  /**
   * Returns the component's kind.
   *
   * @return the kind
   * @throws IllegalStateException if no registration event has been folded
   */
  public ComponentKind kind() {
    if (kind == null) {
      throw new IllegalStateException("component '" + componentId + "' has no registration yet");
    }
    return kind;
  }

  /**
   * Returns the current lifecycle state.
   *
   * @return the state
   * @throws IllegalStateException if {@link #isRegistered()} is false
   */
  public LifecycleState state() {
    if (state == null) {
      throw new IllegalStateException("component '" + componentId + "' has no lifecycle state");
    }
    return state;
  }

  /**
   * Returns the sequence of the {@code lifecycle.state_changed} event that entered the current
   * state. Evidence with a higher sequence was recorded while in the current state.
   *
   * @return the sequence, or 0 if not registered
   */
  public long stateSince() {
    return stateSince;
  }

  /**
   * Returns whether the component is in a terminal state, so its stream is closed.
   *
   * @return true for {@link HardwareState#DECOMMISSIONED} and {@link SoftwareState#RETIRED}
   */
  public boolean isTerminal() {
    return state != null && state.isTerminal();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ComponentState)) {
      return false;
    }
    ComponentState c = (ComponentState) o;
    return version == c.version
        && stateSince == c.stateSince
        && componentId.equals(c.componentId)
        && kind == c.kind
        && state == c.state;
  }

  @Override
  public int hashCode() {
    return Objects.hash(componentId, version, kind, state, stateSince);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT, "%s %s %s@%d", componentId, kind, state == null ? "-" : state, version);
  }
}
