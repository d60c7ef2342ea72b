package io.souverix.lifecycle;

/**
 * The commands that move a software component between {@link SoftwareState}s. See {@link
 * TransitionTable#software()} for where each leads and which guards it needs.
 *
 * @since 0.1
 */
public enum SoftwareCommand implements LifecycleCommand {
  /** Starts the component's lifecycle in {@link SoftwareState#PENDING}; written on registration. */
  REGISTER,
  /** PENDING to DEPLOYING. */
  DEPLOY,
  /** DEPLOYING or UPDATING to RUNNING; needs a healthy validation. */
  CONFIRM_RUNNING,
  /** RUNNING or FAILED to UPDATING. */
  BEGIN_UPDATE,
  /** DEPLOYING or UPDATING to FAILED. */
  FAIL,
  /** FAILED or UPDATING to RUNNING, restoring the last good version; needs a healthy validation. */
  ROLL_BACK,
  /** PENDING, RUNNING or FAILED to RETIRED; terminal. */
  RETIRE;

  @Override
  public ComponentKind kind() {
    return ComponentKind.SOFTWARE;
  }
}
