package io.souverix.drift.federation;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Which {@link AuthorityRule} decides each field: a rule per {@link FieldKind}, overridden per
 * {@link FieldKey}. Immutable.
 *
 * <p>{@link #defaults()}: security-critical fields ({@code POLICY_VERSION}, {@code SECURITY_FIX})
 * are {@code GLOBAL_WINS}, region-local {@code CONFIG_OBJECT}s are {@code REGION_WINS}, and {@code
 * COMPONENT_VERSION}s are {@code LATEST_WINS}.
 *
 * @since 0.1
 */
public final class AuthorityRules {
  private final EnumMap<FieldKind, AuthorityRule> byKind;
  private final TreeMap<FieldKey, AuthorityRule> byField;

  private AuthorityRules(
      EnumMap<FieldKind, AuthorityRule> byKind, TreeMap<FieldKey, AuthorityRule> byField) {
    this.byKind = byKind;
    this.byField = byField;
  }

  /**
   * Returns the default rules (see the class comment).
   *
   * @return the rules
   * @since 0.1
   */
  public static AuthorityRules defaults() {
    EnumMap<FieldKind, AuthorityRule> kinds = new EnumMap<>(FieldKind.class);
    kinds.put(FieldKind.COMPONENT_VERSION, AuthorityRule.LATEST_WINS);
    kinds.put(FieldKind.CONFIG_OBJECT, AuthorityRule.REGION_WINS);
    kinds.put(FieldKind.POLICY_VERSION, AuthorityRule.GLOBAL_WINS);
    kinds.put(FieldKind.SECURITY_FIX, AuthorityRule.GLOBAL_WINS);
    return new AuthorityRules(kinds, new TreeMap<>());
  }

  /**
   * Returns these rules with {@code rule} for every field of {@code kind} not overridden per field.
   *
   * @param kind the kind; not null
   * @param rule the rule; not null
   * @return the new rules
   * @since 0.1
   */
  public AuthorityRules with(FieldKind kind, AuthorityRule rule) {
    EnumMap<FieldKind, AuthorityRule> kinds = new EnumMap<>(byKind);
    kinds.put(Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(rule, "rule"));
    return new AuthorityRules(kinds, byField);
  }

  /**
   * Returns these rules with {@code rule} for one field, for example {@code HUMAN_DECISION} for a
   * config object both sides own.
   *
   * @param field the field; not null
   * @param rule the rule; not null
   * @return the new rules
   * @since 0.1
   */
  public AuthorityRules with(FieldKey field, AuthorityRule rule) {
    TreeMap<FieldKey, AuthorityRule> fields = new TreeMap<>(byField);
    fields.put(Objects.requireNonNull(field, "field"), Objects.requireNonNull(rule, "rule"));
    return new AuthorityRules(byKind, fields);
  }

  /**
   * Returns the rule that decides a field.
   *
   * @param field the field; not null
   * @return its override, else its kind's rule
   * @since 0.1
   */
  public AuthorityRule ruleFor(FieldKey field) {
    AuthorityRule r = byField.get(Objects.requireNonNull(field, "field"));
    return r != null ? r : byKind.get(field.kind());
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof AuthorityRules
        && byKind.equals(((AuthorityRules) o).byKind)
        && byField.equals(((AuthorityRules) o).byField);
  }

  @Override
  public int hashCode() {
    return Objects.hash(byKind, byField);
  }

  @Override
  public String toString() {
    Map<Object, AuthorityRule> all = new java.util.LinkedHashMap<>(byKind);
    all.putAll(byField);
    return "AuthorityRules" + all;
  }
}
