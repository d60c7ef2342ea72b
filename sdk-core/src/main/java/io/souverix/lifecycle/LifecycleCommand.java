package io.souverix.lifecycle;

/**
 * A command of the lifecycle state machine: a {@link HardwareCommand} or a {@link SoftwareCommand}.
 * {@link TransitionTable} says from which states it is allowed, where it leads and which guards
 * must pass.
 *
 * @since 0.1
 */
public sealed interface LifecycleCommand permits HardwareCommand, SoftwareCommand {
  /**
   * Returns the kind of component this command applies to.
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
}
