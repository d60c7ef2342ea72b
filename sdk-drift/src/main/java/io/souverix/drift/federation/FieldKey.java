package io.souverix.drift.federation;

import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;

/**
 * One field of a desired state: a kind and a name, such as the version of component {@code agent}.
 *
 * @param kind the kind; not null
 * @param name the component, config object or policy name; not empty and without {@code ':'}
 * @since 0.1
 */
public record FieldKey(FieldKind kind, String name) implements Comparable<FieldKey> {
  private static final Comparator<FieldKey> ORDER =
      Comparator.comparing(FieldKey::kind).thenComparing(FieldKey::name);

  /**
   * Checks the fields.
   *
   * @throws IllegalArgumentException if {@code name} is empty or contains {@code ':'}
   */
  public FieldKey {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    if (name.isEmpty() || name.indexOf(':') >= 0) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "field name; expected a non-empty name without ':', but got '%s'",
              name));
    }
  }

  /**
   * The desired version of a component.
   *
   * @param component the component name
   * @return the key
   * @since 0.1
   */
  public static FieldKey componentVersion(String component) {
    return new FieldKey(FieldKind.COMPONENT_VERSION, component);
  }

  /**
   * A configuration object.
   *
   * @param object the object name
   * @return the key
   * @since 0.1
   */
  public static FieldKey configObject(String object) {
    return new FieldKey(FieldKind.CONFIG_OBJECT, object);
  }

  /**
   * The version of a policy set.
   *
   * @param policy the policy name
   * @return the key
   * @since 0.1
   */
  public static FieldKey policyVersion(String policy) {
    return new FieldKey(FieldKind.POLICY_VERSION, policy);
  }

  /**
   * The minimum version of a component that carries a security fix.
   *
   * @param component the component name
   * @return the key
   * @since 0.1
   */
  public static FieldKey securityFix(String component) {
    return new FieldKey(FieldKind.SECURITY_FIX, component);
  }

  /**
   * Orders by kind, then name.
   *
   * @param other the other key; not null
   * @return the comparison
   */
  @Override
  public int compareTo(FieldKey other) {
    return ORDER.compare(this, other);
  }

  /**
   * Returns the label {@code <kind>:<name>}, the member name in JSON documents.
   *
   * @return for example {@code "component_version:agent"}
   */
  @Override
  public String toString() {
    return kind.label() + ":" + name;
  }
}
