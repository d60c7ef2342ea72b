package io.souverix.lifecycle;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One row of a {@link TransitionTable}: a command, the states it is allowed from, the state it
 * leads to, and the ids of the {@link Guard guards} that must all pass.
 *
 * @param command the command
 * @param from the source states, in declaration order; empty only for the registering command,
 *     which starts a lifecycle
 * @param to the target state
 * @param guards the guard ids, in the order they are checked; may be empty
 * @since 0.1
 */
public record Transition(
    LifecycleCommand command, List<LifecycleState> from, LifecycleState to, List<String> guards) {
  /** Validates and copies. */
  public Transition {
    Objects.requireNonNull(command, "command");
    from = List.copyOf(Objects.requireNonNull(from, "from"));
    Objects.requireNonNull(to, "to");
    guards = List.copyOf(Objects.requireNonNull(guards, "guards"));
    for (LifecycleState s : from) {
      if (s.kind() != command.kind()) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "transition source of %s; expected a %s state, but got %s",
                command,
                command.kind(),
                s));
      }
    }
    if (to.kind() != command.kind()) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "transition target of %s; expected a %s state, but got %s",
              command,
              command.kind(),
              to));
    }
  }

  /**
   * Returns whether this transition starts a lifecycle (it has no source state).
   *
   * @return true for the registering command
   */
  public boolean isInitial() {
    return from.isEmpty();
  }

  /**
   * Returns whether the command is allowed from a state.
   *
   * @param state the current state
   * @return true if {@code state} is one of {@link #from()}
   */
  public boolean allowsFrom(LifecycleState state) {
    return from.contains(state);
  }
}
