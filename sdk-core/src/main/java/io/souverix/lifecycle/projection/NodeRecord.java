package io.souverix.lifecycle.projection;

import io.souverix.lifecycle.ComponentKind;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The current state of a hardware node: identity, placement, manufacturing origin, firmware,
 * attestation, certificate and connectivity, as its events left them.
 *
 * <p>Immutable. Fields the node's events have not set yet are null.
 *
 * @since 0.1
 */
public final class NodeRecord implements ComponentRecord {
  // Written only between construction and publication in CurrentState.apply, never afterwards.
  final String id;
  @Nullable String serial;
  @Nullable String model;
  @Nullable String region;
  @Nullable String cluster;
  @Nullable String lifecycleState;
  @Nullable String manufacturingOrigin;
  @Nullable String manufacturingBatchId;
  @Nullable String manufacturingDate;
  @Nullable String qcSignature;
  @Nullable String firmwareBaseline;
  @Nullable String firmwareVersion;
  @Nullable String firmwareDigest;
  List<String> firmwareSignatureChain = List.of();
  @Nullable String attestationKind;
  @Nullable Boolean attestationPassed;
  @Nullable Instant attestationAt;
  @Nullable String certificateSerial;
  @Nullable String connectivityState;
  @Nullable Instant connectivitySince;
  long version;
  long position;
  Instant updatedAt = Instant.EPOCH;

  NodeRecord(String id) {
    this.id = id;
  }

  NodeRecord(NodeRecord o) {
    this.id = o.id;
    this.serial = o.serial;
    this.model = o.model;
    this.region = o.region;
    this.cluster = o.cluster;
    this.lifecycleState = o.lifecycleState;
    this.manufacturingOrigin = o.manufacturingOrigin;
    this.manufacturingBatchId = o.manufacturingBatchId;
    this.manufacturingDate = o.manufacturingDate;
    this.qcSignature = o.qcSignature;
    this.firmwareBaseline = o.firmwareBaseline;
    this.firmwareVersion = o.firmwareVersion;
    this.firmwareDigest = o.firmwareDigest;
    this.firmwareSignatureChain = o.firmwareSignatureChain;
    this.attestationKind = o.attestationKind;
    this.attestationPassed = o.attestationPassed;
    this.attestationAt = o.attestationAt;
    this.certificateSerial = o.certificateSerial;
    this.connectivityState = o.connectivityState;
    this.connectivitySince = o.connectivitySince;
    this.version = o.version;
    this.position = o.position;
    this.updatedAt = o.updatedAt;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public ComponentKind kind() {
    return ComponentKind.HARDWARE;
  }

  /**
   * Returns the serial number from {@code node.serial_registered}.
   *
   * @return the serial, or null
   */
  public @Nullable String serial() {
    return serial;
  }

  /**
   * Returns the hardware model.
   *
   * @return the model, or null
   */
  public @Nullable String model() {
    return model;
  }

  @Override
  public @Nullable String region() {
    return region;
  }

  /**
   * Returns the cluster the node belongs to.
   *
   * @return the cluster, or null
   */
  public @Nullable String cluster() {
    return cluster;
  }

  @Override
  public @Nullable String lifecycleState() {
    return lifecycleState;
  }

  /**
   * Returns the manufacturing origin (site or supplier).
   *
   * @return the origin, or null
   */
  public @Nullable String manufacturingOrigin() {
    return manufacturingOrigin;
  }

  /**
   * Returns the manufacturing batch id.
   *
   * @return the batch id, or null
   */
  public @Nullable String manufacturingBatchId() {
    return manufacturingBatchId;
  }

  /**
   * Returns the manufacturing date as recorded ({@code YYYY-MM-DD}).
   *
   * @return the date, or null
   */
  public @Nullable String manufacturingDate() {
    return manufacturingDate;
  }

  /**
   * Returns the quality-control signature of the manufacturing record.
   *
   * @return the signature, or null
   */
  public @Nullable String qcSignature() {
    return qcSignature;
  }

  /**
   * Returns the firmware version captured as the baseline.
   *
   * @return the baseline version, or null
   */
  public @Nullable String firmwareBaseline() {
    return firmwareBaseline;
  }

  /**
   * Returns the current firmware version: the baseline, or the target of the latest update.
   *
   * @return the version, or null
   */
  public @Nullable String firmwareVersion() {
    return firmwareVersion;
  }

  /**
   * Returns the digest of the current firmware ({@code "sha256:<hex>"}).
   *
   * @return the digest, or null
   */
  public @Nullable String firmwareDigest() {
    return firmwareDigest;
  }

  /**
   * Returns the firmware baseline's signature chain.
   *
   * @return an unmodifiable list, empty if not captured
   */
  public List<String> firmwareSignatureChain() {
    return firmwareSignatureChain;
  }

  /**
   * Returns the kind of the latest attestation ({@code initial}, {@code runtime}, {@code
   * post_update}).
   *
   * @return the kind, or null if none completed
   */
  public @Nullable String attestationKind() {
    return attestationKind;
  }

  /**
   * Returns whether the latest attestation passed.
   *
   * @return true or false, or null if none completed
   */
  public @Nullable Boolean attestationPassed() {
    return attestationPassed;
  }

  /**
   * Returns when the latest attestation completed.
   *
   * @return the time, or null
   */
  public @Nullable Instant attestationAt() {
    return attestationAt;
  }

  /**
   * Returns the serial of the node's current certificate; null once revoked.
   *
   * @return the serial, or null
   */
  public @Nullable String certificateSerial() {
    return certificateSerial;
  }

  /**
   * Returns the current connectivity state ({@code connected}, {@code autonomous}, ...).
   *
   * @return the state, or null if never reported
   */
  public @Nullable String connectivityState() {
    return connectivityState;
  }

  /**
   * Returns since when the node is in its current connectivity state.
   *
   * @return the time, or null
   */
  public @Nullable Instant connectivitySince() {
    return connectivitySince;
  }

  @Override
  public long version() {
    return version;
  }

  @Override
  public long position() {
    return position;
  }

  @Override
  public Instant updatedAt() {
    return updatedAt;
  }

  private Object[] fields() {
    return new Object[] {
      id,
      serial,
      model,
      region,
      cluster,
      lifecycleState,
      manufacturingOrigin,
      manufacturingBatchId,
      manufacturingDate,
      qcSignature,
      firmwareBaseline,
      firmwareVersion,
      firmwareDigest,
      firmwareSignatureChain,
      attestationKind,
      attestationPassed,
      attestationAt,
      certificateSerial,
      connectivityState,
      connectivitySince,
      version,
      position,
      updatedAt
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NodeRecord && Arrays.equals(fields(), ((NodeRecord) o).fields());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(fields());
  }

  @Override
  public String toString() {
    return "NodeRecord" + Arrays.toString(fields());
  }
}
