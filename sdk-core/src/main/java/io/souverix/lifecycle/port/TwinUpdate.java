package io.souverix.lifecycle.port;

import io.souverix.lifecycle.ComponentKind;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One update for a digital twin: which component changed, what kind of fact changed, and the
 * component's full public view after the change.
 *
 * @param componentId the component id
 * @param kind hardware or software
 * @param topic what changed
 * @param position the global position of the event that caused the update; a sink may drop an
 *     update whose position is not above the last it kept for the component
 * @param occurredAt when that event happened
 * @param lifecycleState the component's lifecycle state after the change, or null
 * @param document the component's {@code HardwareLifecycle} or {@code SoftwareLifecycle} JSON
 * @since 0.1
 */
public record TwinUpdate(
    String componentId,
    ComponentKind kind,
    Topic topic,
    long position,
    Instant occurredAt,
    @Nullable String lifecycleState,
    String document) {
  /** Validates. */
  public TwinUpdate {
    Objects.requireNonNull(componentId, "componentId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(document, "document");
  }

  /** What kind of fact a {@link TwinUpdate} carries. */
  public enum Topic {
    /** The component's lifecycle state changed. */
    LIFECYCLE_STATE,
    /** Hardware metadata changed: identity, manufacturing, firmware, attestation, certificate. */
    HARDWARE_METADATA,
    /** Software provenance changed: registration, deployed artifact, version. */
    SOFTWARE_PROVENANCE,
    /** The node's connectivity changed. */
    CONNECTIVITY
  }
}
