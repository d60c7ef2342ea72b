package io.souverix.lifecycle;

/**
 * The states of a software component. See {@link TransitionTable#software()} for the transitions.
 *
 * @since 0.1
 */
public enum SoftwareState implements LifecycleState {
  /** Registered on a node; not deployed yet. */
  PENDING(false),
  /** Being deployed for the first time. */
  DEPLOYING(false),
  /** Deployed and healthy. */
  RUNNING(false),
  /** A new version or configuration is being rolled out. */
  UPDATING(false),
  /** A deployment or update failed. */
  FAILED(false),
  /** Removed from service; terminal. */
  RETIRED(true);

  private final boolean terminal;

  SoftwareState(boolean terminal) {
    this.terminal = terminal;
  }

  @Override
  public ComponentKind kind() {
    return ComponentKind.SOFTWARE;
  }

  @Override
  public boolean isTerminal() {
    return terminal;
  }
}
