package io.souverix.lifecycle;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@link Lifecycle} rejected a command, a registration or a piece of evidence, or could not reach
 * its store. {@link #code()} tells which, so that callers never parse messages. Whatever the code,
 * nothing was written.
 *
 * @since 0.1
 */
public final class LifecycleException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Stable reasons for a rejection. */
  public enum Code {
    /** The command is not allowed from the current state, or is of the other component kind. */
    ILLEGAL_TRANSITION,
    /** The transition is allowed, but one or more of its guards failed or are not registered. */
    GUARD_FAILED,
    /** No component with this id is registered. */
    UNKNOWN_COMPONENT,
    /** A component with this id is already registered. */
    ALREADY_EXISTS,
    /** The component is in a terminal state; its stream accepts nothing more. */
    COMPONENT_CLOSED,
    /** Another writer appended to the stream between reading and writing; reload and retry. */
    CONCURRENT_MODIFICATION,
    /** The store failed, or holds a stream that is not a consistent lifecycle. */
    STORE_FAILURE,
    /** The event is not acceptable here: wrong type for the call or the kind, or bad payload. */
    INVALID_EVENT
  }

  private final Code code;
  private final String componentId;
  private final @Nullable LifecycleState currentState;
  private final @Nullable LifecycleCommand command;
  private final Map<String, String> failedGuards;

  LifecycleException(
      Code code,
      String componentId,
      String message,
      @Nullable LifecycleState currentState,
      @Nullable LifecycleCommand command,
      Map<String, String> failedGuards,
      @Nullable Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
    this.componentId = Objects.requireNonNull(componentId, "componentId");
    this.currentState = currentState;
    this.command = command;
    this.failedGuards = Collections.unmodifiableMap(new LinkedHashMap<>(failedGuards));
  }

  /**
   * @return the stable reason
   */
  public Code code() {
    return code;
  }

  /**
   * @return the id of the component concerned
   */
  public String componentId() {
    return componentId;
  }

  /**
   * @return the component's state when the call was rejected, if it was registered
   */
  public Optional<LifecycleState> currentState() {
    return Optional.ofNullable(currentState);
  }

  /**
   * @return the rejected command, if the call executed one
   */
  public Optional<LifecycleCommand> command() {
    return Optional.ofNullable(command);
  }

  /**
   * Returns the guards that failed, for {@link Code#GUARD_FAILED}.
   *
   * @return guard id to reason, in the order the transition lists them; empty for other codes
   */
  public Map<String, String> failedGuards() {
    return failedGuards;
  }
}
