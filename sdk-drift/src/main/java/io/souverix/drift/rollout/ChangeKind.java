package io.souverix.drift.rollout;

import java.util.Locale;

/**
 * Which desired-state field a rollout changes: a closed set, mirroring the version fields of {@code
 * node.desired_state_changed}.
 *
 * @since 0.1
 */
public enum ChangeKind {
  /** The software or firmware version ({@code version}). */
  VERSION("version"),
  /** The configuration version ({@code config_version}). */
  CONFIGURATION("config_version"),
  /** The policy version ({@code policy_version}). */
  POLICY("policy_version");

  private final String desiredStateField;

  ChangeKind(String desiredStateField) {
    this.desiredStateField = desiredStateField;
  }

  /**
   * Returns the field of {@code node.desired_state_changed} this kind sets.
   *
   * @return {@code version}, {@code config_version} or {@code policy_version}
   */
  public String desiredStateField() {
    return desiredStateField;
  }

  /**
   * Returns the lower-case name used in plans and events ({@code version}, {@code configuration},
   * {@code policy}).
   *
   * @return the JSON name
   */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
