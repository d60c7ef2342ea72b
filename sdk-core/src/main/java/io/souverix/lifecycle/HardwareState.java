package io.souverix.lifecycle;

/**
 * The states of a hardware node. See {@link TransitionTable#hardware()} for the transitions.
 *
 * @since 0.1
 */
public enum HardwareState implements LifecycleState {
  /** The serial number is registered; nothing is installed yet. */
  REGISTERED(false),
  /** Firmware, attestation and identity are being set up. */
  PROVISIONING(false),
  /** Attested, trusted and serving workloads. */
  ACTIVE(false),
  /** Taken out of service for firmware, certificate or policy work. */
  MAINTENANCE(false),
  /** Being retired gracefully: workloads, data, certificates and audit are wound down. */
  DECOMMISSIONING(false),
  /** Retired; terminal. */
  DECOMMISSIONED(true),
  /** Cut off in an emergency; can only be decommissioned. */
  ISOLATED(false);

  private final boolean terminal;

  HardwareState(boolean terminal) {
    this.terminal = terminal;
  }

  @Override
  public ComponentKind kind() {
    return ComponentKind.HARDWARE;
  }

  @Override
  public boolean isTerminal() {
    return terminal;
  }
}
