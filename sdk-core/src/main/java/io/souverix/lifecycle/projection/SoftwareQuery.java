package io.souverix.lifecycle.projection;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A query of software components in an {@link Inventory}: equality filters (all optional, combined
 * with AND) and a page of ids after a cursor.
 *
 * @since 0.1
 */
public final class SoftwareQuery {
  private final @Nullable String nodeId;
  private final @Nullable String name;
  private final @Nullable String version;
  private final @Nullable String softwareKind;
  private final @Nullable String lifecycleState;
  private final @Nullable String region;
  private final @Nullable String after;
  private final int limit;

  private SoftwareQuery(Builder b) {
    this.nodeId = b.nodeId;
    this.name = b.name;
    this.version = b.version;
    this.softwareKind = b.softwareKind;
    this.lifecycleState = b.lifecycleState;
    this.region = b.region;
    this.after = b.after;
    this.limit = b.limit;
  }

  /**
   * Returns a query of all software components, first page of {@link Inventory#DEFAULT_LIMIT}.
   *
   * @return the query
   * @since 0.1
   */
  public static SoftwareQuery all() {
    return newBuilder().build();
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

  @Nullable String nodeId() {
    return nodeId;
  }

  @Nullable String name() {
    return name;
  }

  @Nullable String version() {
    return version;
  }

  @Nullable String softwareKind() {
    return softwareKind;
  }

  @Nullable String lifecycleState() {
    return lifecycleState;
  }

  @Nullable String region() {
    return region;
  }

  @Nullable String after() {
    return after;
  }

  int limit() {
    return limit;
  }

  /** A builder of {@link SoftwareQuery}; mutable and not thread-safe. */
  public static final class Builder {
    private @Nullable String nodeId;
    private @Nullable String name;
    private @Nullable String version;
    private @Nullable String softwareKind;
    private @Nullable String lifecycleState;
    private @Nullable String region;
    private @Nullable String after;
    private int limit = Inventory.DEFAULT_LIMIT;

    private Builder() {}

    /**
     * Keeps components deployed on a node.
     *
     * @param nodeId the node id; not null
     * @return this builder
     */
    public Builder nodeId(String nodeId) {
      this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
      return this;
    }

    /**
     * Keeps components of a name.
     *
     * @param name the name, e.g. {@code "os"}; not null
     * @return this builder
     */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * Keeps components at a version.
     *
     * @param version the version; not null
     * @return this builder
     */
    public Builder version(String version) {
      this.version = Objects.requireNonNull(version, "version");
      return this;
    }

    /**
     * Keeps components of a software kind ({@code os_image}, {@code container_image}, {@code
     * configuration}, {@code policy_bundle}).
     *
     * @param kind the kind; not null
     * @return this builder
     */
    public Builder softwareKind(String kind) {
      this.softwareKind = Objects.requireNonNull(kind, "kind");
      return this;
    }

    /**
     * Keeps components in a lifecycle state.
     *
     * @param state the upper-case state name, e.g. {@code "RUNNING"}; not null
     * @return this builder
     */
    public Builder lifecycleState(String state) {
      this.lifecycleState = Objects.requireNonNull(state, "state");
      return this;
    }

    /**
     * Keeps components whose node is in a region (the component's own region if its node is
     * unknown).
     *
     * @param region the region; not null
     * @return this builder
     */
    public Builder region(String region) {
      this.region = Objects.requireNonNull(region, "region");
      return this;
    }

    /**
     * Starts the page after a cursor: a component id from {@link Page#nextCursor()}.
     *
     * @param cursor the cursor; not null
     * @return this builder
     */
    public Builder after(String cursor) {
      this.after = Objects.requireNonNull(cursor, "cursor");
      return this;
    }

    /**
     * Sets the page size; defaults to {@link Inventory#DEFAULT_LIMIT}.
     *
     * @param limit 1 to {@link Inventory#MAX_LIMIT}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder limit(int limit) {
      this.limit = Inventory.checkLimit(limit);
      return this;
    }

    /**
     * Builds the query.
     *
     * @return the query
     */
    public SoftwareQuery build() {
      return new SoftwareQuery(this);
    }
  }
}
