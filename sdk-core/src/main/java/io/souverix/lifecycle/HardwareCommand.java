package io.souverix.lifecycle;

/**
 * The commands that move a hardware node between {@link HardwareState}s. See {@link
 * TransitionTable#hardware()} for where each leads and which guards it needs.
 *
 * @since 0.1
 */
public enum HardwareCommand implements LifecycleCommand {
  /** Starts the node's lifecycle in {@link HardwareState#REGISTERED}; written on registration. */
  REGISTER,
  /** REGISTERED to PROVISIONING. */
  BEGIN_PROVISIONING,
  /** PROVISIONING to ACTIVE; needs a passed attestation and an established trust chain. */
  ACTIVATE,
  /** ACTIVE to MAINTENANCE. */
  ENTER_MAINTENANCE,
  /** MAINTENANCE to ACTIVE; needs an attestation passed since entering maintenance. */
  COMPLETE_MAINTENANCE,
  /** ACTIVE or MAINTENANCE to DECOMMISSIONING. */
  BEGIN_DECOMMISSION,
  /** DECOMMISSIONING to DECOMMISSIONED; needs migration, export, revocation and audit. */
  COMPLETE_DECOMMISSION,
  /** Any live state except ISOLATED to ISOLATED: the emergency path. */
  ISOLATE,
  /** ISOLATED to DECOMMISSIONED; needs isolation, trust revocation and a secure wipe. */
  COMPLETE_EMERGENCY_DECOMMISSION;

  @Override
  public ComponentKind kind() {
    return ComponentKind.HARDWARE;
  }
}
