package io.souverix.lifecycle;

import io.souverix.lifecycle.event.EventType;
import io.souverix.lifecycle.event.RecordedEvent;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link Guard} may look at: the component, its current state, the command being executed,
 * the stream's events so far (already read), and the time of the check.
 *
 * <p>Immutable.
 *
 * @since 0.1
 */
public final class GuardContext {
  private final ComponentState state;
  private final LifecycleCommand command;
  private final List<RecordedEvent> history;
  private final Instant now;

  private GuardContext(
      ComponentState state, LifecycleCommand command, List<RecordedEvent> history, Instant now) {
    this.state = state;
    this.command = command;
    this.history = history;
    this.now = now;
  }

  /**
   * Creates a context.
   *
   * @param state the component's current state, registered; not null
   * @param command the command being executed, of the component's kind; not null
   * @param history the whole stream, whose fold is {@code state}; not null
   * @param now the time of the check; not null
   * @return the context
   * @throws IllegalArgumentException if {@code history} does not end at {@code state.version()},
   *     the component is not registered, or the command is of the other kind
   */
  public static GuardContext of(
      ComponentState state, LifecycleCommand command, List<RecordedEvent> history, Instant now) {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(now, "now");
    List<RecordedEvent> copy = List.copyOf(Objects.requireNonNull(history, "history"));
    if (!state.isRegistered()) {
      throw new IllegalArgumentException("guards apply only to registered components");
    }
    if (copy.size() != state.version()) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "history length; expected %d events, but got %d",
              state.version(),
              copy.size()));
    }
    if (command.kind() != state.kind()) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT, "command kind; expected %s, but got %s", state.kind(), command.kind()));
    }
    return new GuardContext(state, command, copy, now);
  }

  /**
   * @return the component id (its stream id)
   */
  public String componentId() {
    return state.componentId();
  }

  /**
   * @return the component's kind
   */
  public ComponentKind kind() {
    return state.kind();
  }

  /**
   * @return the current lifecycle state
   */
  public LifecycleState currentState() {
    return state.state();
  }

  /**
   * @return the whole component state (version, sequence the current state was entered at)
   */
  public ComponentState componentState() {
    return state;
  }

  /**
   * @return the command being executed
   */
  public LifecycleCommand command() {
    return command;
  }

  /**
   * @return the stream's events, sequence 1 first; unmodifiable
   */
  public List<RecordedEvent> history() {
    return history;
  }

  /**
   * @return the time of the check, from the {@link Lifecycle}'s clock
   */
  public Instant now() {
    return now;
  }

  /**
   * Returns the latest event of a type in the whole stream.
   *
   * @param type the event type
   * @return the event with the highest sequence, or empty
   */
  public Optional<RecordedEvent> latest(EventType type) {
    return latestAfter(type, 0);
  }

  /**
   * Returns the latest event of a type recorded since the component entered its current state
   * (after the {@code lifecycle.state_changed} event that entered it).
   *
   * @param type the event type
   * @return the event, or empty if none was recorded in the current state
   */
  public Optional<RecordedEvent> latestInCurrentState(EventType type) {
    return latestAfter(type, state.stateSince());
  }

  /**
   * Returns the latest event of a type with a sequence above {@code afterSequence}.
   *
   * @param type the event type
   * @param afterSequence a sequence; 0 for the whole stream
   * @return the event, or empty
   */
  public Optional<RecordedEvent> latestAfter(EventType type, long afterSequence) {
    Objects.requireNonNull(type, "type");
    for (int i = history.size() - 1; i >= 0 && history.get(i).sequence() > afterSequence; i--) {
      if (history.get(i).type().equals(type.name())) {
        return Optional.of(history.get(i));
      }
    }
    return Optional.empty();
  }
}
