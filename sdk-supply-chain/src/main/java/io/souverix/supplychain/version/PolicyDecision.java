package io.souverix.supplychain.version;

import java.util.Objects;

/**
 * The decision of a {@link VersionPolicy} on one version of one component.
 *
 * @param allowed whether the version may be used
 * @param component the component asked about
 * @param version the version asked about, as given
 * @param rule the rule that decided, such as {@code "deny [1.0,1.2)"}, {@code "allow >=2.0.0"},
 *     {@code "no allow range matches"} or {@code "component not listed"}
 * @since 0.1
 */
public record PolicyDecision(boolean allowed, String component, String version, String rule) {
  /**
   * Checks the fields.
   *
   * @throws NullPointerException if a field is null
   */
  public PolicyDecision {
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(rule, "rule");
  }
}
