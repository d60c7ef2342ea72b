package io.souverix.lifecycle;

/**
 * A state of the lifecycle state machine: a {@link HardwareState} or a {@link SoftwareState}.
 *
 * @since 0.1
 */
public sealed interface LifecycleState permits HardwareState, SoftwareState {
  /**
   * Returns the kind of component this state belongs to.
   *
   * @return the kind
   */
  ComponentKind kind();

  /**
   * Returns the upper-case name written in {@code lifecycle.state_changed} payloads.
   *
   * @return the enum constant's name
   */
  String name();

  /**
   * Returns whether the state is terminal: the component's stream is closed and accepts no further
   * command or evidence.
   *
   * @return true for {@link HardwareState#DECOMMISSIONED} and {@link SoftwareState#RETIRED}
   */
  boolean isTerminal();
}
