package io.souverix.supplychain.version;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Allowed versions per component: allow and deny ranges, each of one scheme.
 *
 * <p>Evaluation of a version of a component, first match wins:
 *
 * <ol>
 *   <li>a deny range of the component (or of {@code "*"}, every component) that contains it denies;
 *   <li>if the component has allow ranges, one of them must contain it, else it is denied;
 *   <li>a component without rules is denied, unless the policy was built with {@link
 *       Builder#allowUnlisted()} (fail closed by default).
 * </ol>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class VersionPolicy {
  private static final String ANY = "*";

  private record Rule(boolean allow, VersionRange range) {
    String describe() {
      return (allow ? "allow " : "deny ") + range;
    }
  }

  private final Map<String, List<Rule>> rules;
  private final Map<String, VersionScheme> schemes;
  private final boolean allowUnlisted;

  private VersionPolicy(Builder b) {
    Map<String, List<Rule>> copy = new LinkedHashMap<>();
    b.rules.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    this.rules = Map.copyOf(copy);
    this.schemes = Map.copyOf(b.schemes);
    this.allowUnlisted = b.allowUnlisted;
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   * @since 0.1
   */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * Decides on a version of a component.
   *
   * @param component the component name, as the rules name it; not null
   * @param version the version text, read with the component's scheme; not null
   * @return the decision
   * @throws VersionException {@code MALFORMED_VERSION} if the component has rules and the text is
   *     not a version of their scheme
   * @since 0.1
   */
  public PolicyDecision evaluate(String component, String version) throws VersionException {
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(version, "version");
    VersionScheme scheme = schemes.get(component);
    if (scheme == null) {
      scheme = schemes.get(ANY);
    }
    if (scheme == null) {
      return new PolicyDecision(allowUnlisted, component, version, "component not listed");
    }
    Version v = scheme.parse(version);
    List<Rule> own = rules.getOrDefault(component, List.of());
    List<Rule> all = new ArrayList<>(own);
    all.addAll(rules.getOrDefault(ANY, List.of()));
    for (Rule r : all) {
      if (!r.allow() && r.range().scheme() == scheme && r.range().contains(v)) {
        return new PolicyDecision(false, component, version, r.describe());
      }
    }
    boolean hasAllow = false;
    for (Rule r : own) {
      if (r.allow()) {
        hasAllow = true;
        if (r.range().contains(v)) {
          return new PolicyDecision(true, component, version, r.describe());
        }
      }
    }
    if (hasAllow) {
      return new PolicyDecision(false, component, version, "no allow range matches");
    }
    return own.isEmpty()
        ? new PolicyDecision(allowUnlisted, component, version, "component not listed")
        : new PolicyDecision(true, component, version, "no deny range matches");
  }

  /**
   * Builds a {@link VersionPolicy}. Mutable, not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    private final Map<String, List<Rule>> rules = new LinkedHashMap<>();
    private final Map<String, VersionScheme> schemes = new LinkedHashMap<>();
    private boolean allowUnlisted;
    private boolean allowUnlistedSet;

    private Builder() {}

    /**
     * Allows the versions of a range for a component.
     *
     * @param component the component name; not null
     * @param range the allowed versions; not null
     * @return this builder
     * @throws IllegalArgumentException if the component already has rules of another scheme
     * @since 0.1
     */
    public Builder allow(String component, VersionRange range) {
      return add(component, new Rule(true, Objects.requireNonNull(range, "range")));
    }

    /**
     * Denies the versions of a range for a component, or for every component with {@code "*"}.
     *
     * @param component the component name, or {@code "*"}; not null
     * @param range the denied versions; not null
     * @return this builder
     * @throws IllegalArgumentException if the component already has rules of another scheme
     * @since 0.1
     */
    public Builder deny(String component, VersionRange range) {
      return add(component, new Rule(false, Objects.requireNonNull(range, "range")));
    }

    /**
     * Allows every version of components without rules (by default they are denied).
     *
     * @return this builder
     * @throws IllegalStateException if called twice
     * @since 0.1
     */
    public Builder allowUnlisted() {
      if (allowUnlistedSet) {
        throw new IllegalStateException("allowUnlisted is already set");
      }
      allowUnlistedSet = true;
      allowUnlisted = true;
      return this;
    }

    private Builder add(String component, Rule rule) {
      Objects.requireNonNull(component, "component");
      if (component.isBlank()) {
        throw new IllegalArgumentException("component; expected a name, but got a blank string");
      }
      if (component.equals(ANY) && rule.allow()) {
        throw new IllegalArgumentException(
            "component; expected a named component for an allow rule, but got '*'");
      }
      VersionScheme known = schemes.putIfAbsent(component, rule.range().scheme());
      if (known != null && known != rule.range().scheme()) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "scheme of the rules for '%s'; expected %s, but got %s",
                component,
                known,
                rule.range().scheme()));
      }
      rules.computeIfAbsent(component, k -> new ArrayList<>()).add(rule);
      return this;
    }

    /**
     * Builds the policy.
     *
     * @return the policy
     * @since 0.1
     */
    public VersionPolicy build() {
      return new VersionPolicy(this);
    }
  }
}
