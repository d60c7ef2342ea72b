package io.souverix.drift;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The drift of one component's version: what is wanted, what runs, and how far apart they are.
 *
 * @param component the component name
 * @param desired the desired version
 * @param actual the running version; null when the component is not installed
 * @param severity the distance: {@link Severity#NONE} when equal, then patch ({@code LOW}) &lt;
 *     minor ({@code MEDIUM}) &lt; one major or an unknown distance ({@code HIGH}) &lt; two or more
 *     majors or not installed ({@code CRITICAL})
 * @since 0.1
 */
public record VersionDrift(
    String component, String desired, @Nullable String actual, Severity severity) {
  /** Checks that the required fields are present. */
  public VersionDrift {
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(desired, "desired");
    Objects.requireNonNull(severity, "severity");
  }

  /**
   * Compares a desired and an actual version (see docs/drift.md for the version grammar).
   *
   * @param component the component name; not null
   * @param desired the desired version; not null
   * @param actual the running version; null when not installed
   * @return the drift with its severity
   * @since 0.1
   */
  public static VersionDrift of(String component, String desired, @Nullable String actual) {
    Objects.requireNonNull(desired, "desired");
    return new VersionDrift(component, desired, actual, Versions.distance(desired, actual));
  }
}
