package io.souverix.lifecycle;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A registry of {@link Guard}s by id, consulted by {@link Lifecycle} for every transition.
 *
 * <p>{@link #defaults()} holds one evidence-based guard for each id that {@link TransitionTable}
 * uses; each reads the component's own stream (see {@code docs/lifecycle.md} for their exact
 * semantics). Domain modules replace or add guards with {@link #toBuilder()}. The registry fails
 * closed: {@link Lifecycle} rejects a transition whose guard id has no registered guard.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class Guards {
  /** A passed {@code node.attestation_completed} (ACTIVATE, COMPLETE_MAINTENANCE). */
  public static final String ATTESTATION_PASSED = "attestation-passed";

  /** A current, unrevoked {@code node.trust_chain_established} (ACTIVATE). */
  public static final String TRUST_CHAIN_ESTABLISHED = "trust-chain-established";

  /** A {@code decommission.workload_migrated} while decommissioning. */
  public static final String WORKLOAD_MIGRATED = "workload-migrated";

  /** A {@code decommission.data_exported} while decommissioning. */
  public static final String DATA_EXPORTED = "data-exported";

  /** A {@code decommission.certificates_revoked} covering the node's certificate. */
  public static final String CERTIFICATES_REVOKED = "certificates-revoked";

  /** A {@code decommission.audit_completed} whose head hash matches the stream. */
  public static final String AUDIT_COMPLETED = "audit-completed";

  /** An {@code emergency.isolated} while isolated. */
  public static final String ISOLATED = "isolated";

  /** An {@code emergency.trust_revoked} covering the node's certificate. */
  public static final String TRUST_REVOKED = "trust-revoked";

  /** A verified {@code emergency.secure_wiped}. */
  public static final String SECURE_WIPE_RECORDED = "secure-wipe-recorded";

  /** A healthy {@code node.health_validated} (CONFIRM_RUNNING, ROLL_BACK). */
  public static final String HEALTHY = "healthy";

  private static final Guards DEFAULTS = builder().addAll(EvidenceGuards.all()).build();

  private final Map<String, Guard> byId;

  private Guards(Map<String, Guard> byId) {
    this.byId = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byId));
  }

  /**
   * Returns the default guards: one evidence-based guard for every id the transition tables use.
   *
   * @return the default registry
   */
  public static Guards defaults() {
    return DEFAULTS;
  }

  /**
   * Starts an empty registry. A {@link Lifecycle} built with it rejects every guarded transition
   * until guards are added.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder(new LinkedHashMap<>());
  }

  /**
   * Starts a builder holding this registry's guards, to replace or add some.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder(new LinkedHashMap<>(byId));
  }

  /**
   * Returns the guard registered for an id.
   *
   * @param id a guard id
   * @return the guard, or empty if none is registered
   */
  public Optional<Guard> get(String id) {
    return Optional.ofNullable(byId.get(Objects.requireNonNull(id, "id")));
  }

  /**
   * Returns the registered ids, in registration order.
   *
   * @return an unmodifiable set
   */
  public Set<String> ids() {
    return byId.keySet();
  }

  /**
   * Returns the registered guards, in registration order.
   *
   * @return an unmodifiable collection
   */
  public Collection<Guard> all() {
    return byId.values();
  }

  @Override
  public String toString() {
    return "Guards" + byId.keySet();
  }

  /** A builder of {@link Guards}; mutable and not thread-safe. */
  public static final class Builder {
    private final Map<String, Guard> byId;

    private Builder(Map<String, Guard> byId) {
      this.byId = byId;
    }

    /**
     * Adds a guard for a new id.
     *
     * @param guard the guard; not null
     * @return this builder
     * @throws IllegalStateException if a guard with the same id is already registered; use {@link
     *     #replace(Guard)}
     */
    public Builder add(Guard guard) {
      String id = checkId(guard);
      if (byId.containsKey(id)) {
        throw new IllegalStateException(
            String.format(
                Locale.ROOT,
                "guard '%s'; expected a new id, but it is already registered (use replace)",
                id));
      }
      byId.put(id, guard);
      return this;
    }

    /**
     * Replaces the guard registered for an id.
     *
     * @param guard the new guard; not null
     * @return this builder
     * @throws IllegalStateException if no guard with that id is registered; use {@link #add(Guard)}
     */
    public Builder replace(Guard guard) {
      String id = checkId(guard);
      if (!byId.containsKey(id)) {
        throw new IllegalStateException(
            String.format(
                Locale.ROOT,
                "guard '%s'; expected a registered id to replace, but got none (use add)",
                id));
      }
      byId.put(id, guard);
      return this;
    }

    /**
     * Removes the guard of an id, so that transitions needing it are rejected.
     *
     * @param id the guard id
     * @return this builder
     */
    public Builder remove(String id) {
      byId.remove(Objects.requireNonNull(id, "id"));
      return this;
    }

    Builder addAll(Iterable<Guard> guards) {
      for (Guard g : guards) {
        add(g);
      }
      return this;
    }

    private static String checkId(Guard guard) {
      String id = Objects.requireNonNull(Objects.requireNonNull(guard, "guard").id(), "guard id");
      if (id.isEmpty()) {
        throw new IllegalArgumentException("guard id must not be empty");
      }
      return id;
    }

    /**
     * Builds the registry.
     *
     * @return the registry
     */
    public Guards build() {
      return new Guards(byId);
    }
  }
}
