package io.souverix.lifecycle.projection;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A query of nodes in an {@link Inventory}: equality filters (all optional, combined with AND) and
 * a page of ids after a cursor.
 *
 * @since 0.1
 */
public final class NodeQuery {
  private final @Nullable String region;
  private final @Nullable String cluster;
  private final @Nullable String model;
  private final @Nullable String lifecycleState;
  private final @Nullable String firmwareVersion;
  private final @Nullable String softwareName;
  private final @Nullable String softwareVersion;
  private final @Nullable String after;
  private final int limit;

  private NodeQuery(Builder b) {
    this.region = b.region;
    this.cluster = b.cluster;
    this.model = b.model;
    this.lifecycleState = b.lifecycleState;
    this.firmwareVersion = b.firmwareVersion;
    this.softwareName = b.softwareName;
    this.softwareVersion = b.softwareVersion;
    this.after = b.after;
    this.limit = b.limit;
  }

  /**
   * Returns a query of all nodes, first page of {@link Inventory#DEFAULT_LIMIT}.
   *
   * @return the query
   * @since 0.1
   */
  public static NodeQuery all() {
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

  @Nullable String region() {
    return region;
  }

  @Nullable String cluster() {
    return cluster;
  }

  @Nullable String model() {
    return model;
  }

  @Nullable String lifecycleState() {
    return lifecycleState;
  }

  @Nullable String firmwareVersion() {
    return firmwareVersion;
  }

  @Nullable String softwareName() {
    return softwareName;
  }

  @Nullable String softwareVersion() {
    return softwareVersion;
  }

  @Nullable String after() {
    return after;
  }

  int limit() {
    return limit;
  }

  /** A builder of {@link NodeQuery}; mutable and not thread-safe. */
  public static final class Builder {
    private @Nullable String region;
    private @Nullable String cluster;
    private @Nullable String model;
    private @Nullable String lifecycleState;
    private @Nullable String firmwareVersion;
    private @Nullable String softwareName;
    private @Nullable String softwareVersion;
    private @Nullable String after;
    private int limit = Inventory.DEFAULT_LIMIT;

    private Builder() {}

    /**
     * Keeps nodes of a region.
     *
     * @param region the region; not null
     * @return this builder
     */
    public Builder region(String region) {
      this.region = Objects.requireNonNull(region, "region");
      return this;
    }

    /**
     * Keeps nodes of a cluster.
     *
     * @param cluster the cluster; not null
     * @return this builder
     */
    public Builder cluster(String cluster) {
      this.cluster = Objects.requireNonNull(cluster, "cluster");
      return this;
    }

    /**
     * Keeps nodes of a hardware model.
     *
     * @param model the model; not null
     * @return this builder
     */
    public Builder model(String model) {
      this.model = Objects.requireNonNull(model, "model");
      return this;
    }

    /**
     * Keeps nodes in a lifecycle state.
     *
     * @param state the upper-case state name, e.g. {@code "ACTIVE"}; not null
     * @return this builder
     */
    public Builder lifecycleState(String state) {
      this.lifecycleState = Objects.requireNonNull(state, "state");
      return this;
    }

    /**
     * Keeps nodes whose current firmware has this version.
     *
     * @param version the firmware version; not null
     * @return this builder
     */
    public Builder firmwareVersion(String version) {
      this.firmwareVersion = Objects.requireNonNull(version, "version");
      return this;
    }

    /**
     * Keeps nodes that carry a software component of this name at this version.
     *
     * @param name the component name, e.g. {@code "os"}; not null
     * @param version the component's version; not null
     * @return this builder
     */
    public Builder software(String name, String version) {
      this.softwareName = Objects.requireNonNull(name, "name");
      this.softwareVersion = Objects.requireNonNull(version, "version");
      return this;
    }

    /**
     * Starts the page after a cursor: a node id from {@link Page#nextCursor()}.
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
    public NodeQuery build() {
      return new NodeQuery(this);
    }
  }
}
