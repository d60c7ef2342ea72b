package io.souverix.drift.federation;

import java.util.Locale;

/**
 * The kinds of field a desired state is made of; each kind has a default {@link AuthorityRule}.
 *
 * @since 0.1
 */
public enum FieldKind {
  /** The desired version of a software component, named by the component. */
  COMPONENT_VERSION,
  /** A configuration object (its canonical JSON), named by the object. */
  CONFIG_OBJECT,
  /** The version of a policy set, named by the policy. */
  POLICY_VERSION,
  /** The minimum version that carries a security fix, named by the component it applies to. */
  SECURITY_FIX;

  /**
   * Returns the lower-case name used in JSON and field labels.
   *
   * @return for example {@code "policy_version"}
   * @since 0.1
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
