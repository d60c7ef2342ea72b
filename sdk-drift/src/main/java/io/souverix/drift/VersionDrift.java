package io.souverix.drift;

import java.util.ArrayList;
import java.util.List;
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
 *     majors or not installed ({@code CRITICAL}); raised to the severity of the worst missing
 *     security fix
 * @param missingSecurityFixes the versions of security fixes the node lacks and the desired version
 *     has, in the order given
 * @since 0.1
 */
public record VersionDrift(
    String component,
    String desired,
    @Nullable String actual,
    Severity severity,
    List<String> missingSecurityFixes) {
  /** Checks that the required fields are present and copies the list. */
  public VersionDrift {
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(desired, "desired");
    Objects.requireNonNull(severity, "severity");
    missingSecurityFixes = List.copyOf(missingSecurityFixes);
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
    return of(new NodeState.Component(component, desired, actual));
  }

  /**
   * Compares a component's desired and actual version, taking its security fixes into account.
   *
   * <p>A fix at version {@code f} is missing when {@code actual < f <= desired}, or when the node
   * does not run the component. Where a fix's version does not compare with the actual or the
   * desired version, nothing proves the node has it: it counts as missing (fail closed).
   *
   * @param c the component; not null
   * @return the drift with its severity and missing fixes
   * @since 0.1
   */
  public static VersionDrift of(NodeState.Component c) {
    Severity severity = c.distance();
    if (severity == Severity.NONE || c.securityFixes().isEmpty()) {
      return new VersionDrift(c.name(), c.desired(), c.actual(), severity, List.of());
    }
    List<String> missing = new ArrayList<>(0);
    for (NodeState.SecurityFix fix : c.securityFixes()) {
      if (lacks(c.actual(), c.desired(), fix.version())) {
        missing.add(fix.version());
        if (fix.severity().compareTo(severity) > 0) {
          severity = fix.severity();
        }
      }
    }
    return new VersionDrift(c.name(), c.desired(), c.actual(), severity, missing);
  }

  /** The component's severity without building the report: the scorer's fast path. */
  static Severity severityOf(NodeState.Component c) {
    Severity severity = c.distance();
    if (severity == Severity.NONE || c.securityFixes().isEmpty()) {
      return severity;
    }
    for (NodeState.SecurityFix fix : c.securityFixes()) {
      if (fix.severity().compareTo(severity) > 0 && lacks(c.actual(), c.desired(), fix.version())) {
        severity = fix.severity();
      }
    }
    return severity;
  }

  private static boolean lacks(@Nullable String actual, String desired, String fix) {
    Integer inDesired = Versions.compare(fix, desired);
    if (inDesired != null && inDesired > 0) {
      return false; // the desired version does not have it either: not this rollout's concern
    }
    if (actual == null) {
      return true;
    }
    Integer inActual = Versions.compare(fix, actual);
    return inActual == null || inDesired == null || inActual > 0;
  }
}
