package io.souverix.drift.rollout;

import java.util.Objects;

/**
 * The desired-state change a rollout makes on every target: a component's version, configuration
 * version or policy version.
 *
 * @param component the component ({@code agent}, {@code os}, a configuration or policy name); 1 to
 *     200 characters
 * @param kind which desired-state field changes
 * @param version the new version; 1 to 128 characters
 * @since 0.1
 */
public record DesiredChange(String component, ChangeKind kind, String version) {
  /**
   * Validates the change.
   *
   * @throws IllegalArgumentException if a name is empty or too long
   */
  public DesiredChange {
    Checks.text(component, "component", 200);
    Objects.requireNonNull(kind, "kind");
    Checks.text(version, "version", 128);
  }

  /**
   * Returns a change of a component's software or firmware version.
   *
   * @param component the component
   * @param version the new version
   * @return the change
   */
  public static DesiredChange version(String component, String version) {
    return new DesiredChange(component, ChangeKind.VERSION, version);
  }
}
