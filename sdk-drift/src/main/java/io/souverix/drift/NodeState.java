package io.souverix.drift;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What one node should run and what it reports: the input of {@link DriftScorer#score}.
 *
 * @param node the node id
 * @param cluster the cluster the node belongs to
 * @param region the region the node belongs to
 * @param components desired and actual version per component; may be empty
 * @param config desired and actual configuration; null when not tracked for this node
 * @param policy desired and actual policy state; null when not tracked for this node
 * @since 0.1
 */
public record NodeState(
    String node,
    String cluster,
    String region,
    List<Component> components,
    @Nullable Config config,
    @Nullable Policy policy) {
  /** Checks the fields and copies the list. */
  public NodeState {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(region, "region");
    components = List.copyOf(components);
  }

  /**
   * One component's desired and actual version. The versions are parsed once, here, so that scoring
   * a fleet never re-parses them.
   *
   * @since 0.1
   */
  public static final class Component {
    private final String name;
    private final String desired;
    private final @Nullable String actual;
    private final List<SecurityFix> securityFixes;
    private final Severity distance;

    /**
     * Creates a component.
     *
     * @param name the component name
     * @param desired the desired version
     * @param actual the running version; null when not installed
     * @param securityFixes releases of this component that fix a vulnerability; a fix the node
     *     lacks and the desired version has raises the version drift to at least the fix's severity
     *     (see {@link VersionDrift}); may be empty
     */
    public Component(
        String name, String desired, @Nullable String actual, List<SecurityFix> securityFixes) {
      this.name = Objects.requireNonNull(name, "name");
      this.desired = Objects.requireNonNull(desired, "desired");
      this.actual = actual;
      this.securityFixes = List.copyOf(securityFixes);
      this.distance = Versions.distance(desired, actual);
    }

    /**
     * A component without known security fixes.
     *
     * @param name the component name
     * @param desired the desired version
     * @param actual the running version; null when not installed
     */
    public Component(String name, String desired, @Nullable String actual) {
      this(name, desired, actual, List.of());
    }

    /**
     * Returns the component name.
     *
     * @return the name
     */
    public String name() {
      return name;
    }

    /**
     * Returns the desired version.
     *
     * @return the version
     */
    public String desired() {
      return desired;
    }

    /**
     * Returns the running version.
     *
     * @return the version; null when not installed
     */
    public @Nullable String actual() {
      return actual;
    }

    /**
     * Returns the releases that fix a vulnerability.
     *
     * @return the fixes; may be empty
     */
    public List<SecurityFix> securityFixes() {
      return securityFixes;
    }

    /** The severity of the version distance alone, computed once. */
    Severity distance() {
      return distance;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Component c
          && name.equals(c.name)
          && desired.equals(c.desired)
          && Objects.equals(actual, c.actual)
          && securityFixes.equals(c.securityFixes);
    }

    @Override
    public int hashCode() {
      return Objects.hash(name, desired, actual, securityFixes);
    }

    @Override
    public String toString() {
      return "Component[name=" + name + ", desired=" + desired + ", actual=" + actual + "]";
    }
  }

  /**
   * A release that fixes a vulnerability.
   *
   * @param version the first version that carries the fix
   * @param severity how serious the fixed vulnerability is; {@link Severity#NONE} is not allowed
   * @since 0.1
   */
  public record SecurityFix(String version, Severity severity) {
    /**
     * Checks the fields.
     *
     * @throws IllegalArgumentException if {@code severity} is {@link Severity#NONE}
     */
    public SecurityFix {
      Objects.requireNonNull(version, "version");
      if (Objects.requireNonNull(severity, "severity") == Severity.NONE) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "security fix %s severity; expected low or above, but got none",
                version));
      }
    }
  }

  /**
   * Whether a node enforces its policy set.
   *
   * @since 0.1
   */
  public enum Enforcement {
    /** Violations are blocked: no drift. */
    ENFORCED(Severity.NONE),
    /** Violations are only reported (audit or warn mode): medium drift. */
    AUDIT(Severity.MEDIUM),
    /** The node reports that it cannot tell: high drift (fail closed). */
    UNKNOWN(Severity.HIGH),
    /** Enforcement is switched off: critical drift. */
    DISABLED(Severity.CRITICAL);

    private final Severity severity;

    Enforcement(Severity severity) {
      this.severity = severity;
    }

    /**
     * Returns the drift this enforcement state stands for.
     *
     * @return {@code NONE}, {@code MEDIUM}, {@code HIGH} or {@code CRITICAL}
     */
    public Severity severity() {
      return severity;
    }

    /**
     * Returns the lower-case name used in JSON documents.
     *
     * @return {@code "enforced"}, {@code "audit"}, {@code "unknown"} or {@code "disabled"}
     */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Desired and actual configuration documents, each a map from object name to a fingerprint of the
   * object: its canonical JSON (RFC 8785) or a digest of it. Two objects are equal when their
   * fingerprints are.
   *
   * @param desired object name to fingerprint, as the master of record wants it
   * @param actual object name to fingerprint, as the node reports it
   * @param lastSync when the node last synchronised its configuration; null if never
   * @since 0.1
   */
  public record Config(
      Map<String, String> desired, Map<String, String> actual, @Nullable Instant lastSync) {
    /** Copies the maps into sorted, unmodifiable maps. */
    public Config {
      desired = sorted(desired);
      actual = sorted(actual);
    }

    private static Map<String, String> sorted(Map<String, String> m) {
      return java.util.Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(m)));
    }
  }

  /**
   * Desired and actual policy set version and the node's latest policy results.
   *
   * @param desiredVersion the policy set version the node should enforce
   * @param actualVersion the policy set version the node enforces; null if unknown
   * @param results the result of each evaluated policy; may be empty
   * @param enforcement whether the node enforces the policy set; null when not reported (no drift
   *     is counted for it)
   * @since 0.1
   */
  public record Policy(
      String desiredVersion,
      @Nullable String actualVersion,
      List<PolicyResult> results,
      @Nullable Enforcement enforcement) {
    /** Checks the fields and copies the list. */
    public Policy {
      Objects.requireNonNull(desiredVersion, "desiredVersion");
      results = List.copyOf(results);
    }

    /**
     * A policy state without a reported enforcement state.
     *
     * @param desiredVersion the policy set version the node should enforce
     * @param actualVersion the policy set version the node enforces; null if unknown
     * @param results the result of each evaluated policy; may be empty
     */
    public Policy(
        String desiredVersion, @Nullable String actualVersion, List<PolicyResult> results) {
      this(desiredVersion, actualVersion, results, null);
    }
  }

  /**
   * The outcome of one policy on a node.
   *
   * @param policy the policy name
   * @param passed whether the node complies
   * @param weight the policy's importance in the compliance score; finite and at least 0
   * @since 0.1
   */
  public record PolicyResult(String policy, boolean passed, double weight) {
    /**
     * Checks the fields.
     *
     * @throws IllegalArgumentException if {@code weight} is negative or not finite
     */
    public PolicyResult {
      Objects.requireNonNull(policy, "policy");
      if (!(weight >= 0) || Double.isInfinite(weight)) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT, "policy %s weight; expected >= 0, but got %s", policy, weight));
      }
    }
  }
}
