package io.souverix.supplychain.provenance;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What an in-toto statement must say to be accepted: its predicate type and, for SLSA provenance
 * v1, the builder id and the source repository. Comparisons are exact string equality, except that
 * a source also matches a {@code git+} URI of it with a {@code @ref} suffix.
 *
 * @since 0.1
 */
public final class SlsaPolicy {
  /** The SLSA provenance v1 predicate type. */
  public static final String SLSA_PROVENANCE_V1 = "https://slsa.dev/provenance/v1";

  private final String predicateType;
  private final @Nullable String builderId;
  private final @Nullable String sourceRepository;

  private SlsaPolicy(Builder b) {
    this.predicateType = b.predicateType == null ? SLSA_PROVENANCE_V1 : b.predicateType;
    this.builderId = b.builderId;
    this.sourceRepository = b.sourceRepository;
  }

  /**
   * Starts a policy; by default it requires the SLSA provenance v1 predicate type and nothing else.
   *
   * @return a new builder
   * @since 0.1
   */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * Returns the first violation of this policy by the statement.
   *
   * @param statement the statement; not null
   * @return a message naming what differs, or empty if the statement satisfies the policy
   * @since 0.1
   */
  public Optional<String> violation(InTotoStatement statement) {
    Objects.requireNonNull(statement, "statement");
    if (!predicateType.equals(statement.predicateType())) {
      return Optional.of(
          String.format(
              Locale.ROOT,
              "predicateType; expected %s, but got %s",
              predicateType,
              statement.predicateType()));
    }
    if (builderId != null && !builderId.equals(statement.slsaBuilderId().orElse(null))) {
      return Optional.of(
          String.format(
              Locale.ROOT,
              "builder id; expected %s, but got %s",
              builderId,
              statement.slsaBuilderId().orElse("none")));
    }
    if (sourceRepository != null
        && statement.slsaSources().stream().noneMatch(this::sourceMatches)) {
      return Optional.of(
          String.format(
              Locale.ROOT,
              "source repository; expected %s, but got %s",
              sourceRepository,
              statement.slsaSources()));
    }
    return Optional.empty();
  }

  private boolean sourceMatches(String uri) {
    String u = uri.startsWith("git+") ? uri.substring(4) : uri;
    int at = u.indexOf('@');
    return u.equals(sourceRepository) || (at > 0 && u.substring(0, at).equals(sourceRepository));
  }

  /** Builds a {@link SlsaPolicy}; mutable, not thread-safe; each option may be set once. */
  public static final class Builder {
    private @Nullable String predicateType;
    private @Nullable String builderId;
    private @Nullable String sourceRepository;

    private Builder() {}

    /**
     * Requires this predicate type instead of SLSA provenance v1.
     *
     * @param type the predicate type URI; not null
     * @return this builder
     * @throws IllegalStateException if already set
     * @since 0.1
     */
    @CanIgnoreReturnValue
    public Builder predicateType(String type) {
      requireUnset(predicateType, "predicateType");
      predicateType = Objects.requireNonNull(type, "type");
      return this;
    }

    /**
     * Requires this SLSA builder id ({@code runDetails.builder.id}).
     *
     * @param id the builder id; not null
     * @return this builder
     * @throws IllegalStateException if already set
     * @since 0.1
     */
    @CanIgnoreReturnValue
    public Builder builderId(String id) {
      requireUnset(builderId, "builderId");
      builderId = Objects.requireNonNull(id, "id");
      return this;
    }

    /**
     * Requires this source repository, such as {@code https://github.com/org/repo}.
     *
     * @param repository the repository URI; not null
     * @return this builder
     * @throws IllegalStateException if already set
     * @since 0.1
     */
    @CanIgnoreReturnValue
    public Builder sourceRepository(String repository) {
      requireUnset(sourceRepository, "sourceRepository");
      sourceRepository = Objects.requireNonNull(repository, "repository");
      return this;
    }

    /**
     * Builds the policy.
     *
     * @return the policy
     * @since 0.1
     */
    public SlsaPolicy build() {
      return new SlsaPolicy(this);
    }

    private static void requireUnset(@Nullable Object value, String name) {
      if (value != null) {
        throw new IllegalStateException(name + " is already set");
      }
    }
  }
}
