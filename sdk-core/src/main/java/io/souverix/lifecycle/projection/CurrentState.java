package io.souverix.lifecycle.projection;

import io.souverix.lifecycle.ComponentKind;
import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.event.RecordedEvent;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * The current state of every component: one {@link NodeRecord} or {@link SoftwareRecord} per
 * stream, folded from the component's events.
 *
 * <p>Nodes take identity and placement from {@code node.serial_registered} (schema version 1 or 2),
 * manufacturing from {@code node.manufacturing_origin_recorded}, firmware from {@code
 * node.firmware_baseline_captured} and {@code maintenance.firmware_updated}, attestation from
 * {@code node.attestation_completed}, certificates from {@code node.trust_chain_established},
 * {@code maintenance.certificate_rotated} and revocations, connectivity from {@code
 * node.connectivity_changed}. Software components take node, name and kind from {@code
 * software.registered} and the deployed artifact from image, configuration and patch events (a
 * patch's optional {@code digest} replaces the digest); {@code rollout.rolled_back} sets the
 * version and, when it returns to the version the last artifact change replaced, that artifact's
 * digest. Both take the lifecycle state from the {@code to} field of {@code
 * lifecycle.state_changed}. Every event of a stream sets its version and {@code updatedAt}.
 *
 * <p>Reads are thread-safe and see each component's latest published value.
 *
 * @since 0.1
 */
public final class CurrentState implements Projection<CurrentState.Snapshot> {
  /** The name of this projection in checkpoint keys. */
  public static final String NAME = "current-state";

  private final ConcurrentHashMap<String, ComponentRecord> components = new ConcurrentHashMap<>();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();

  private CurrentState() {}

  /**
   * Creates an empty current-state projection.
   *
   * @return a new projection
   * @since 0.1
   */
  public static CurrentState create() {
    return new CurrentState();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void apply(RecordedEvent event) {
    String id = event.streamId();
    ComponentRecord before = components.get(id);
    if (before == null && event.type().startsWith("certificate.")) {
      // A certificate authority's own stream (CRLs, certificates of no component) is no component.
      return;
    }
    ComponentRecord after;
    if (before instanceof NodeRecord) {
      after = applyNode(new NodeRecord((NodeRecord) before), event);
    } else if (before instanceof SoftwareRecord) {
      after = applySoftware(new SoftwareRecord((SoftwareRecord) before), event);
    } else if (isSoftware(event)) {
      after = applySoftware(new SoftwareRecord(id), event);
    } else {
      after = applyNode(new NodeRecord(id), event);
    }
    components.put(id, after);
    for (Listener l : listeners) {
      l.changed(before, after);
    }
  }

  private static boolean isSoftware(RecordedEvent e) {
    if (e.type().startsWith("software.")) {
      return true;
    }
    if ("node.serial_registered".equals(e.type())) {
      return false;
    }
    if ("lifecycle.state_changed".equals(e.type())) {
      String kind = Payloads.text(e.payload(), "component_kind");
      if (kind != null) {
        return "software".equals(kind);
      }
    }
    return ComponentKind.ofStreamId(e.streamId()) == ComponentKind.SOFTWARE;
  }

  private static NodeRecord applyNode(NodeRecord n, RecordedEvent e) {
    Payload p = e.payload();
    switch (e.type()) {
      case "node.serial_registered":
        n.serial = Payloads.text(p, "serial");
        n.model = Payloads.text(p, "model");
        n.region = Payloads.text(p, "region");
        n.cluster = Payloads.text(p, "cluster");
        // Schema version 1 kept batch_id at the top level; version 2 moved it.
        String batch = Payloads.text(p, "manufacturing.batch_id");
        n.manufacturingBatchId = batch != null ? batch : Payloads.text(p, "batch_id");
        String origin = Payloads.text(p, "manufacturing.origin");
        if (origin != null) {
          n.manufacturingOrigin = origin;
        }
        String date = Payloads.text(p, "manufacturing.date");
        if (date != null) {
          n.manufacturingDate = date;
        }
        break;
      case "node.manufacturing_origin_recorded":
        n.manufacturingOrigin = Payloads.text(p, "origin");
        n.manufacturingBatchId = Payloads.text(p, "batch_id");
        n.manufacturingDate = Payloads.text(p, "date");
        n.qcSignature = Payloads.text(p, "qc_signature");
        break;
      case "node.firmware_baseline_captured":
        n.firmwareBaseline = Payloads.text(p, "version");
        n.firmwareVersion = n.firmwareBaseline;
        n.firmwareDigest = Payloads.text(p, "digest");
        n.firmwareSignatureChain = Payloads.strings(p, "signature_chain");
        break;
      case "maintenance.firmware_updated":
        n.firmwareVersion = Payloads.text(p, "to_version");
        n.firmwareDigest = Payloads.text(p, "digest");
        break;
      case "node.attestation_completed":
        n.attestationKind = Payloads.text(p, "kind");
        n.attestationPassed = p.bool("passed").orElse(Boolean.FALSE);
        n.attestationAt = e.occurredAt();
        break;
      case "node.trust_chain_established":
        n.certificateSerial = Payloads.text(p, "certificate_serial");
        break;
      case "maintenance.certificate_rotated":
        n.certificateSerial = Payloads.text(p, "new_serial");
        break;
      case "decommission.certificates_revoked":
      case "emergency.trust_revoked":
        if (n.certificateSerial != null
            && Payloads.strings(p, "serials").contains(n.certificateSerial)) {
          n.certificateSerial = null;
        }
        break;
      case "node.connectivity_changed":
        String state = Payloads.text(p, "state");
        if (!Objects.equals(state, n.connectivityState)) {
          n.connectivityState = state;
          n.connectivitySince = e.occurredAt();
        }
        break;
      case "lifecycle.state_changed":
        n.lifecycleState = Payloads.text(p, "to");
        break;
      default:
        break;
    }
    if (n.region == null) {
      n.region = e.region();
    }
    n.version = e.sequence();
    n.position = e.position();
    n.updatedAt = e.occurredAt();
    return n;
  }

  private static SoftwareRecord applySoftware(SoftwareRecord s, RecordedEvent e) {
    Payload p = e.payload();
    switch (e.type()) {
      case "software.registered":
        s.nodeId = Payloads.textOr(p, "node_id", s.nodeId);
        s.name = Payloads.textOr(p, "name", s.name);
        s.softwareKind = Payloads.text(p, "kind");
        String v = Payloads.text(p, "version");
        if (v != null) {
          s.softwareVersion = v;
        }
        break;
      case "software.base_image_deployed":
      case "software.container_image_pulled":
        s.rememberPrior();
        s.image = Payloads.text(p, "image");
        s.softwareVersion = Payloads.text(p, "version");
        s.digest = Payloads.text(p, "digest");
        s.deployedAt = e.occurredAt();
        break;
      case "software.configuration_applied":
        s.rememberPrior();
        s.softwareVersion = Payloads.text(p, "config_version");
        s.digest = Payloads.text(p, "digest");
        s.deployedAt = e.occurredAt();
        break;
      case "maintenance.patch_applied":
        s.rememberPrior();
        s.softwareVersion = Payloads.text(p, "to_version");
        String patched = Payloads.text(p, "digest");
        if (patched != null) {
          s.digest = patched;
        }
        break;
      case "rollout.rolled_back":
        String back = Payloads.text(p, "to_version");
        if (back != null && back.equals(s.priorVersion)) {
          // Back on the artifact the last change replaced: its digest is known.
          s.digest = s.priorDigest;
          s.priorVersion = null;
          s.priorDigest = null;
        }
        s.softwareVersion = back;
        break;
      case "lifecycle.state_changed":
        s.lifecycleState = Payloads.text(p, "to");
        break;
      default:
        break;
    }
    if (s.region == null) {
      s.region = e.region();
    }
    s.version = e.sequence();
    s.position = e.position();
    s.updatedAt = e.occurredAt();
    return s;
  }

  @Override
  public Snapshot snapshot() {
    return new Snapshot(Map.copyOf(components));
  }

  @Override
  public void restore(@Nullable Snapshot snapshot) {
    components.clear();
    if (snapshot != null) {
      components.putAll(snapshot.components);
    }
    Collection<ComponentRecord> all = Collections.unmodifiableCollection(components.values());
    for (Listener l : listeners) {
      l.reset(all);
    }
  }

  @Override
  public Snapshot merge(List<Snapshot> partials) {
    Objects.requireNonNull(partials, "partials");
    Map<String, ComponentRecord> all = new HashMap<>();
    for (Snapshot s : partials) {
      for (Map.Entry<String, ComponentRecord> e : s.components.entrySet()) {
        if (all.putIfAbsent(e.getKey(), e.getValue()) != null) {
          throw new IllegalArgumentException(
              String.format(
                  Locale.ROOT,
                  "partitions must be disjoint; expected component %s in one partition, but got"
                      + " it in two",
                  e.getKey()));
        }
      }
    }
    return new Snapshot(Map.copyOf(all));
  }

  /**
   * Returns a component's current state.
   *
   * @param componentId the component (stream) id; not null
   * @return the state, or empty if the component has no events
   * @since 0.1
   */
  public Optional<ComponentRecord> component(String componentId) {
    return Optional.ofNullable(components.get(Objects.requireNonNull(componentId, "componentId")));
  }

  /**
   * Returns a node's current state.
   *
   * @param nodeId the node id; not null
   * @return the state, or empty if there is no such node
   * @since 0.1
   */
  public Optional<NodeRecord> node(String nodeId) {
    ComponentRecord c = components.get(Objects.requireNonNull(nodeId, "nodeId"));
    return c instanceof NodeRecord ? Optional.of((NodeRecord) c) : Optional.empty();
  }

  /**
   * Returns a software component's current state.
   *
   * @param componentId the component id ({@code "<nodeId>/<name>"}); not null
   * @return the state, or empty if there is no such component
   * @since 0.1
   */
  public Optional<SoftwareRecord> software(String componentId) {
    ComponentRecord c = components.get(Objects.requireNonNull(componentId, "componentId"));
    return c instanceof SoftwareRecord ? Optional.of((SoftwareRecord) c) : Optional.empty();
  }

  /**
   * Returns every component's current state, in no particular order.
   *
   * @return an unmodifiable live view
   * @since 0.1
   */
  public Collection<ComponentRecord> components() {
    return Collections.unmodifiableCollection(components.values());
  }

  /**
   * Returns the number of components.
   *
   * @return the count
   * @since 0.1
   */
  public int size() {
    return components.size();
  }

  void addListener(Listener listener) {
    listeners.add(listener);
    listener.reset(Collections.unmodifiableCollection(components.values()));
  }

  /** Observes changes, for indexes kept incrementally (Inventory). Called on the writer thread. */
  interface Listener {
    void changed(@Nullable ComponentRecord before, ComponentRecord after);

    void reset(Collection<ComponentRecord> all);
  }

  /**
   * An immutable snapshot of {@link CurrentState}: every component's state at one position.
   *
   * @since 0.1
   */
  public static final class Snapshot {
    private final Map<String, ComponentRecord> components;

    private Snapshot(Map<String, ComponentRecord> components) {
      this.components = components;
    }

    /**
     * Returns every component's state by id.
     *
     * @return an unmodifiable map
     * @since 0.1
     */
    public Map<String, ComponentRecord> components() {
      return components;
    }

    /**
     * Returns a component's state.
     *
     * @param componentId the component id; not null
     * @return the state, or empty
     * @since 0.1
     */
    public Optional<ComponentRecord> component(String componentId) {
      return Optional.ofNullable(components.get(componentId));
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Snapshot && ((Snapshot) o).components.equals(components);
    }

    @Override
    public int hashCode() {
      return components.hashCode();
    }

    @Override
    public String toString() {
      return "CurrentState.Snapshot[" + components.size() + " components]";
    }
  }
}
