package io.souverix.lifecycle.event;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The type of a lifecycle event: a stable dotted name plus the newest schema version the SDK
 * writes.
 *
 * <p>This is an open enumeration: the constants below are the SDK's catalogue (one JSON Schema
 * each, under {@code io/souverix/lifecycle/schemas/}, documented in {@code docs/events.md}), and
 * vendors may define further types with {@link #of(String, int)}. Compare with {@link
 * #equals(Object)}, never with {@code ==} on a vendor type.
 *
 * @since 0.1
 */
public final class EventType {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");
  private static final Map<String, EventType> CATALOGUE = new LinkedHashMap<>();

  // ---- Provisioning: hardware ----
  /** A node's serial number was registered; the node's stream starts here. */
  public static final EventType NODE_SERIAL_REGISTERED = builtIn("node.serial_registered", 2);

  /** Manufacturing origin, batch and QC signature were recorded. */
  public static final EventType NODE_MANUFACTURING_ORIGIN_RECORDED =
      builtIn("node.manufacturing_origin_recorded", 1);

  /** The firmware baseline (version, digest, signature chain) was captured. */
  public static final EventType NODE_FIRMWARE_BASELINE_CAPTURED =
      builtIn("node.firmware_baseline_captured", 1);

  /** An attestation (initial, runtime or post-update) completed, passed or not. */
  public static final EventType NODE_ATTESTATION_COMPLETED =
      builtIn("node.attestation_completed", 1);

  /** The node's identity certificate chain was established. */
  public static final EventType NODE_TRUST_CHAIN_ESTABLISHED =
      builtIn("node.trust_chain_established", 1);

  // ---- Provisioning: software ----
  /** A software component was registered on a node; the component's stream starts here. */
  public static final EventType SOFTWARE_REGISTERED = builtIn("software.registered", 1);

  /** A base OS image was deployed. */
  public static final EventType SOFTWARE_BASE_IMAGE_DEPLOYED =
      builtIn("software.base_image_deployed", 1);

  /** A container image was pulled. */
  public static final EventType SOFTWARE_CONTAINER_IMAGE_PULLED =
      builtIn("software.container_image_pulled", 1);

  /** A configuration document was applied (initial or later). */
  public static final EventType SOFTWARE_CONFIGURATION_APPLIED =
      builtIn("software.configuration_applied", 1);

  // ---- Active operation ----
  /** The lifecycle state machine moved a component from one state to another. */
  public static final EventType LIFECYCLE_STATE_CHANGED = builtIn("lifecycle.state_changed", 1);

  /** The node's connectivity changed (connected, degraded, intermittent, autonomous, offline). */
  public static final EventType NODE_CONNECTIVITY_CHANGED = builtIn("node.connectivity_changed", 1);

  /** Drift between desired and actual state was detected. */
  public static final EventType NODE_DRIFT_DETECTED = builtIn("node.drift_detected", 1);

  /** A policy was evaluated against the node. */
  public static final EventType NODE_POLICY_COMPLIANCE_EVALUATED =
      builtIn("node.policy_compliance_evaluated", 1);

  /** The node's desired state changed at its master of record. */
  public static final EventType NODE_DESIRED_STATE_CHANGED =
      builtIn("node.desired_state_changed", 1);

  /** A rollout reached the node (started, succeeded, failed). */
  public static final EventType ROLLOUT_PROGRESSED = builtIn("rollout.progressed", 1);

  /** A rollout was rolled back on the node. */
  public static final EventType ROLLOUT_ROLLED_BACK = builtIn("rollout.rolled_back", 1);

  /** The node's health was validated. */
  public static final EventType NODE_HEALTH_VALIDATED = builtIn("node.health_validated", 1);

  // ---- Maintenance ----
  /** Firmware was updated, on schedule or in an emergency. */
  public static final EventType MAINTENANCE_FIRMWARE_UPDATED =
      builtIn("maintenance.firmware_updated", 1);

  /** A software patch was applied. */
  public static final EventType MAINTENANCE_PATCH_APPLIED = builtIn("maintenance.patch_applied", 1);

  /** A certificate was rotated. */
  public static final EventType MAINTENANCE_CERTIFICATE_ROTATED =
      builtIn("maintenance.certificate_rotated", 1);

  /** A policy bundle was updated. */
  public static final EventType MAINTENANCE_POLICY_UPDATED =
      builtIn("maintenance.policy_updated", 1);

  /** Previously detected drift was corrected. */
  public static final EventType MAINTENANCE_DRIFT_CORRECTED =
      builtIn("maintenance.drift_corrected", 1);

  // ---- Graceful decommissioning ----
  /** Workloads were migrated off the node. */
  public static final EventType DECOMMISSION_WORKLOAD_MIGRATED =
      builtIn("decommission.workload_migrated", 1);

  /** The node's data was exported. */
  public static final EventType DECOMMISSION_DATA_EXPORTED =
      builtIn("decommission.data_exported", 1);

  /** The node's certificates were revoked. */
  public static final EventType DECOMMISSION_CERTIFICATES_REVOKED =
      builtIn("decommission.certificates_revoked", 1);

  /** The node's audit trail was completed. */
  public static final EventType DECOMMISSION_AUDIT_COMPLETED =
      builtIn("decommission.audit_completed", 1);

  // ---- Emergency decommissioning ----
  /** The node was cut off from the network. */
  public static final EventType EMERGENCY_ISOLATED = builtIn("emergency.isolated", 1);

  /** Trust in the node was revoked. */
  public static final EventType EMERGENCY_TRUST_REVOKED = builtIn("emergency.trust_revoked", 1);

  /** The node's storage was securely wiped. */
  public static final EventType EMERGENCY_SECURE_WIPED = builtIn("emergency.secure_wiped", 1);

  // ---- Certificates ----
  /** A certificate authority issued (or, on rotation, reissued) a certificate. */
  public static final EventType CERTIFICATE_ISSUED = builtIn("certificate.issued", 1);

  /** A certificate authority revoked a certificate (RFC 5280 CRLReason). */
  public static final EventType CERTIFICATE_REVOKED = builtIn("certificate.revoked", 1);

  /** A certificate authority signed and published a certificate revocation list. */
  public static final EventType CERTIFICATE_CRL_PUBLISHED = builtIn("certificate.crl_published", 1);

  // ---- Rollouts (rollout stream "rollout/<id>") ----
  /** A staged rollout was started with its plan; the rollout's stream starts here. */
  public static final EventType ROLLOUT_STARTED = builtIn("rollout.started", 1);

  /** A wave of a rollout started. */
  public static final EventType ROLLOUT_WAVE_STARTED = builtIn("rollout.wave_started", 1);

  /** A rollout changed a target node's desired state to the new version. */
  public static final EventType ROLLOUT_NODE_UPDATED = builtIn("rollout.node_updated", 1);

  /** A target node passed the rollout's health gate after its update. */
  public static final EventType ROLLOUT_NODE_SUCCEEDED = builtIn("rollout.node_succeeded", 1);

  /** A target node failed the rollout's health gate (or reported nothing in time). */
  public static final EventType ROLLOUT_NODE_FAILED = builtIn("rollout.node_failed", 1);

  /** A target node was unreachable (autonomous or offline); its update waits for its return. */
  public static final EventType ROLLOUT_NODE_DEFERRED = builtIn("rollout.node_deferred", 1);

  /** A deferred target node is reachable again and will be updated. */
  public static final EventType ROLLOUT_NODE_RETURNED = builtIn("rollout.node_returned", 1);

  /** A rollout restored a target node's last good version. */
  public static final EventType ROLLOUT_NODE_ROLLED_BACK = builtIn("rollout.node_rolled_back", 1);

  /** A rollout was paused, by an operator or by its failure-rate policy. */
  public static final EventType ROLLOUT_PAUSED = builtIn("rollout.paused", 1);

  /** A paused rollout was resumed. */
  public static final EventType ROLLOUT_RESUMED = builtIn("rollout.resumed", 1);

  /** A rollout was aborted, by an operator or by its failure-rate policy; it is final. */
  public static final EventType ROLLOUT_ABORTED = builtIn("rollout.aborted", 1);

  /** Every wave of a rollout finished and no target is left pending; it is final. */
  public static final EventType ROLLOUT_COMPLETED = builtIn("rollout.completed", 1);

  private final String name;
  private final int currentVersion;
  private final boolean builtIn;

  private EventType(String name, int currentVersion, boolean builtIn) {
    this.name = name;
    this.currentVersion = currentVersion;
    this.builtIn = builtIn;
  }

  private static EventType builtIn(String name, int version) {
    EventType t = new EventType(name, version, true);
    CATALOGUE.put(name, t);
    return t;
  }

  /**
   * Returns the built-in type of this name, or a vendor type.
   *
   * @param name a dotted lower-case name such as {@code "acme.battery_replaced"}; not null
   * @param currentVersion the newest schema version for a vendor type; ignored for built-ins
   * @return the type
   * @throws IllegalArgumentException if the name is malformed or the version is below 1
   * @since 0.1
   */
  public static EventType of(String name, int currentVersion) {
    Objects.requireNonNull(name, "name");
    EventType known = CATALOGUE.get(name);
    if (known != null) {
      return known;
    }
    if (!NAME.matcher(name).matches() || name.length() > 100) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "event type name; expected dotted lower-case words such as 'acme.part_replaced',"
                  + " but got '%s'",
              name));
    }
    if (currentVersion < 1) {
      throw new IllegalArgumentException("currentVersion must be at least 1");
    }
    return new EventType(name, currentVersion, false);
  }

  /**
   * Returns the built-in type of this name, if there is one.
   *
   * @param name a type name
   * @return the built-in type or null
   * @since 0.1
   */
  public static @org.jspecify.annotations.Nullable EventType builtIn(String name) {
    return CATALOGUE.get(Objects.requireNonNull(name, "name"));
  }

  /**
   * Returns every built-in type, in catalogue order.
   *
   * @return an unmodifiable collection
   * @since 0.1
   */
  public static Collection<EventType> catalogue() {
    return Collections.unmodifiableCollection(CATALOGUE.values());
  }

  /**
   * Returns the dotted name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the newest schema version the SDK writes for this type.
   *
   * @return at least 1
   */
  public int currentVersion() {
    return currentVersion;
  }

  /**
   * Returns whether this type is part of the SDK's catalogue.
   *
   * @return true for built-in types
   */
  public boolean isBuiltIn() {
    return builtIn;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EventType && ((EventType) o).name.equals(name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return name;
  }
}
