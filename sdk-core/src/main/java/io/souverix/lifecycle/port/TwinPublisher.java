package io.souverix.lifecycle.port;

import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.projection.ComponentRecord;
import io.souverix.lifecycle.projection.CurrentState;
import io.souverix.lifecycle.projection.NodeRecord;
import io.souverix.lifecycle.projection.Projection;
import io.souverix.lifecycle.projection.SoftwareRecord;
import io.souverix.lifecycle.view.HardwareLifecycle;
import io.souverix.lifecycle.view.SoftwareLifecycle;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A projection that publishes a {@link TwinUpdate} to a {@link DigitalTwinSink} for every event
 * that changes what a digital twin shows: lifecycle state changes, hardware metadata (registration,
 * manufacturing, firmware, attestation, certificates), connectivity, and software provenance
 * (registration, deployed images and configurations, patches, rollbacks).
 *
 * <p>It folds events into a {@link CurrentState} of its own and sends the component's full view
 * after each relevant event. Run it in a {@link io.souverix.lifecycle.projection.ProjectionRunner}
 * like any projection; its checkpoint is the current state, so a restart does not re-send what was
 * already sent before the checkpoint.
 *
 * @since 0.1
 */
public final class TwinPublisher implements Projection<CurrentState.Snapshot> {
  /** The name of this projection in checkpoint keys. */
  public static final String NAME = "digital-twin";

  private final CurrentState state = CurrentState.create();
  private final DigitalTwinSink sink;

  private TwinPublisher(DigitalTwinSink sink) {
    this.sink = sink;
  }

  /**
   * Creates a publisher to a sink.
   *
   * @param sink the sink; not null
   * @return the publisher
   * @since 0.1
   */
  public static TwinPublisher create(DigitalTwinSink sink) {
    return new TwinPublisher(Objects.requireNonNull(sink, "sink"));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void apply(RecordedEvent event) {
    state.apply(event);
    TwinUpdate.Topic topic = topicOf(event.type());
    if (topic == null) {
      return;
    }
    ComponentRecord c = state.component(event.streamId()).orElseThrow();
    String doc =
        c instanceof NodeRecord
            ? HardwareLifecycle.from((NodeRecord) c).toJson()
            : SoftwareLifecycle.from((SoftwareRecord) c).toJson();
    sink.accept(
        new TwinUpdate(
            c.id(),
            c.kind(),
            topic,
            event.position(),
            event.occurredAt(),
            c.lifecycleState(),
            doc));
  }

  static TwinUpdate.@Nullable Topic topicOf(String type) {
    switch (type) {
      case "lifecycle.state_changed":
        return TwinUpdate.Topic.LIFECYCLE_STATE;
      case "node.serial_registered":
      case "node.manufacturing_origin_recorded":
      case "node.firmware_baseline_captured":
      case "node.attestation_completed":
      case "node.trust_chain_established":
      case "maintenance.firmware_updated":
      case "maintenance.certificate_rotated":
      case "decommission.certificates_revoked":
      case "emergency.trust_revoked":
        return TwinUpdate.Topic.HARDWARE_METADATA;
      case "node.connectivity_changed":
        return TwinUpdate.Topic.CONNECTIVITY;
      case "software.registered":
      case "software.base_image_deployed":
      case "software.container_image_pulled":
      case "software.configuration_applied":
      case "maintenance.patch_applied":
      case "rollout.rolled_back":
        return TwinUpdate.Topic.SOFTWARE_PROVENANCE;
      default:
        return null;
    }
  }

  @Override
  public CurrentState.Snapshot snapshot() {
    return state.snapshot();
  }

  @Override
  public void restore(CurrentState.@Nullable Snapshot snapshot) {
    state.restore(snapshot);
  }

  @Override
  public CurrentState.Snapshot merge(List<CurrentState.Snapshot> partials) {
    return state.merge(partials);
  }
}
