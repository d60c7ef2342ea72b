package io.souverix.lifecycle;

import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Optional envelope metadata for the events {@link Lifecycle} writes: the reason of a transition,
 * the region, and causation and correlation ids.
 *
 * <p>Immutable.
 *
 * @since 0.1
 */
public final class CommandOptions {
  private static final CommandOptions NONE = new CommandOptions(new Builder());

  private final @Nullable String reason;
  private final @Nullable String region;
  private final @Nullable UUID causationId;
  private final @Nullable UUID correlationId;

  private CommandOptions(Builder b) {
    this.reason = b.reason;
    this.region = b.region;
    this.causationId = b.causationId;
    this.correlationId = b.correlationId;
  }

  /**
   * Returns the options with nothing set.
   *
   * @return empty options
   */
  public static CommandOptions none() {
    return NONE;
  }

  /**
   * Returns options with only a reason.
   *
   * @param reason why the command is executed; not null
   * @return the options
   */
  public static CommandOptions reason(String reason) {
    return builder().reason(reason).build();
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * @return the reason written into {@code lifecycle.state_changed}, or null
   */
  public @Nullable String reason() {
    return reason;
  }

  /**
   * @return the envelope region, or null
   */
  public @Nullable String region() {
    return region;
  }

  /**
   * @return the envelope causation id, or null
   */
  public @Nullable UUID causationId() {
    return causationId;
  }

  /**
   * @return the envelope correlation id, or null
   */
  public @Nullable UUID correlationId() {
    return correlationId;
  }

  /** A builder of {@link CommandOptions}; mutable and not thread-safe. Each option is set once. */
  public static final class Builder {
    private @Nullable String reason;
    private @Nullable String region;
    private @Nullable UUID causationId;
    private @Nullable UUID correlationId;

    private Builder() {}

    /**
     * Sets the reason of the transition.
     *
     * @param reason a short text; not empty
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder reason(String reason) {
      requireUnset(this.reason, "reason");
      if (Objects.requireNonNull(reason, "reason").isEmpty()) {
        throw new IllegalArgumentException("reason must not be empty");
      }
      this.reason = reason;
      return this;
    }

    /**
     * Sets the envelope region.
     *
     * @param region the region; not null
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder region(String region) {
      requireUnset(this.region, "region");
      this.region = Objects.requireNonNull(region, "region");
      return this;
    }

    /**
     * Sets the envelope causation id.
     *
     * @param causationId the causing event or command id; not null
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder causationId(UUID causationId) {
      requireUnset(this.causationId, "causationId");
      this.causationId = Objects.requireNonNull(causationId, "causationId");
      return this;
    }

    /**
     * Sets the envelope correlation id.
     *
     * @param correlationId the workflow id; not null
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder correlationId(UUID correlationId) {
      requireUnset(this.correlationId, "correlationId");
      this.correlationId = Objects.requireNonNull(correlationId, "correlationId");
      return this;
    }

    private static void requireUnset(@Nullable Object value, String name) {
      if (value != null) {
        throw new IllegalStateException(name + " was already set");
      }
    }

    /**
     * Builds the options.
     *
     * @return the options
     */
    public CommandOptions build() {
      return new CommandOptions(this);
    }
  }
}
