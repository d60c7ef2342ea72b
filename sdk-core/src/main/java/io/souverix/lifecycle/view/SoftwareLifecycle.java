package io.souverix.lifecycle.view;

import com.fasterxml.jackson.databind.JsonNode;
import io.souverix.lifecycle.projection.SoftwareRecord;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The public {@code SoftwareLifecycle} view of a software component: where it runs, what is
 * deployed, its lifecycle state and the provenance of its artifact.
 *
 * <p>JSON (fields in this order; unknown values are {@code null}; times ISO 8601 UTC):
 *
 * <pre>{@code
 * {"component_id", "node_id", "name", "kind", "version", "digest", "lifecycle_state",
 *  "deployed_at", "updated_at", "provenance": {"image", "digest"}}
 * }</pre>
 *
 * @param componentId the component id ({@code "<nodeId>/<name>"})
 * @param nodeId the node it is deployed on
 * @param name the component's name
 * @param kind {@code os_image}, {@code container_image}, {@code configuration} or {@code
 *     policy_bundle}
 * @param version the deployed version
 * @param digest the deployed artifact's digest
 * @param lifecycleState the upper-case lifecycle state
 * @param deployedAt when the current artifact was deployed
 * @param updatedAt when the component's last event happened
 * @param provenance the deployed artifact's image and digest
 * @since 0.1
 */
public record SoftwareLifecycle(
    String componentId,
    String nodeId,
    String name,
    @Nullable String kind,
    @Nullable String version,
    @Nullable String digest,
    @Nullable String lifecycleState,
    @Nullable Instant deployedAt,
    Instant updatedAt,
    Provenance provenance) {
  private static final String VIEW = "SoftwareLifecycle";

  /** Validates. */
  public SoftwareLifecycle {
    Objects.requireNonNull(componentId, "componentId");
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(provenance, "provenance");
  }

  /**
   * Where the deployed artifact came from.
   *
   * @param image the image reference, for images
   * @param digest the artifact's digest
   */
  public record Provenance(@Nullable String image, @Nullable String digest) {}

  /**
   * Produces the view of a software component's current state.
   *
   * @param component the state from {@link io.souverix.lifecycle.projection.CurrentState}; not null
   * @return the view
   * @since 0.1
   */
  public static SoftwareLifecycle from(SoftwareRecord component) {
    Objects.requireNonNull(component, "component");
    return new SoftwareLifecycle(
        component.id(),
        component.nodeId(),
        component.name(),
        component.softwareKind(),
        component.softwareVersion(),
        component.digest(),
        component.lifecycleState(),
        component.deployedAt(),
        component.updatedAt(),
        new Provenance(component.image(), component.digest()));
  }

  /**
   * Returns the view as JSON, fields in the documented order.
   *
   * @return a JSON object text
   * @since 0.1
   */
  public String toJson() {
    return ViewJson.write(
        g -> {
          g.writeStringField("component_id", componentId);
          g.writeStringField("node_id", nodeId);
          g.writeStringField("name", name);
          ViewJson.text(g, "kind", kind);
          ViewJson.text(g, "version", version);
          ViewJson.text(g, "digest", digest);
          ViewJson.text(g, "lifecycle_state", lifecycleState);
          ViewJson.time(g, "deployed_at", deployedAt);
          ViewJson.time(g, "updated_at", updatedAt);
          g.writeObjectFieldStart("provenance");
          ViewJson.text(g, "image", provenance.image());
          ViewJson.text(g, "digest", provenance.digest());
          g.writeEndObject();
        });
  }

  /**
   * Parses the JSON {@link #toJson()} writes; absent optional fields read as null.
   *
   * @param json a SoftwareLifecycle document; not null
   * @return the view
   * @throws IllegalArgumentException if the text is not JSON, {@code component_id}, {@code
   *     node_id}, {@code name} or {@code updated_at} is missing, or a field has the wrong type
   * @since 0.1
   */
  public static SoftwareLifecycle parse(String json) {
    JsonNode n = ViewJson.parse(Objects.requireNonNull(json, "json"), VIEW);
    JsonNode p = ViewJson.object(n, "provenance");
    Instant updated = ViewJson.requiredInstant(n, "updated_at", VIEW);
    return new SoftwareLifecycle(
        ViewJson.required(n, "component_id", VIEW),
        ViewJson.required(n, "node_id", VIEW),
        ViewJson.required(n, "name", VIEW),
        ViewJson.optional(n, "kind", VIEW),
        ViewJson.optional(n, "version", VIEW),
        ViewJson.optional(n, "digest", VIEW),
        ViewJson.optional(n, "lifecycle_state", VIEW),
        ViewJson.instant(n, "deployed_at", VIEW),
        updated,
        new Provenance(ViewJson.optional(p, "image", VIEW), ViewJson.optional(p, "digest", VIEW)));
  }
}
