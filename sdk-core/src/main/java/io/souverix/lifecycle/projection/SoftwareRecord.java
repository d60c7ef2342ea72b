package io.souverix.lifecycle.projection;

import io.souverix.lifecycle.ComponentKind;
import java.time.Instant;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The current state of a software component: where it runs, what it is, and which artifact
 * (version, digest, image) is deployed, as its events left them.
 *
 * <p>Immutable. Fields the component's events have not set yet are null.
 *
 * @since 0.1
 */
public final class SoftwareRecord implements ComponentRecord {
  // Written only between construction and publication in CurrentState.apply, never afterwards.
  final String id;
  String nodeId;
  String name;
  @Nullable String softwareKind;
  @Nullable String softwareVersion;
  @Nullable String digest;
  @Nullable String image;
  @Nullable String region;
  @Nullable String lifecycleState;
  @Nullable Instant deployedAt;
  // The version and digest the last artifact change replaced, for a rollback to restore.
  @Nullable String priorVersion;
  @Nullable String priorDigest;
  long version;
  long position;
  Instant updatedAt = Instant.EPOCH;

  SoftwareRecord(String id) {
    this.id = id;
    int slash = id.indexOf('/');
    this.nodeId = slash < 0 ? id : id.substring(0, slash);
    this.name = slash < 0 ? id : id.substring(slash + 1);
  }

  SoftwareRecord(SoftwareRecord o) {
    this.id = o.id;
    this.nodeId = o.nodeId;
    this.name = o.name;
    this.softwareKind = o.softwareKind;
    this.softwareVersion = o.softwareVersion;
    this.digest = o.digest;
    this.image = o.image;
    this.region = o.region;
    this.lifecycleState = o.lifecycleState;
    this.deployedAt = o.deployedAt;
    this.priorVersion = o.priorVersion;
    this.priorDigest = o.priorDigest;
    this.version = o.version;
    this.position = o.position;
    this.updatedAt = o.updatedAt;
  }

  void rememberPrior() {
    priorVersion = softwareVersion;
    priorDigest = digest;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public ComponentKind kind() {
    return ComponentKind.SOFTWARE;
  }

  /**
   * Returns the node the component is deployed on.
   *
   * @return the node id; from {@code software.registered}, else from the stream id
   */
  public String nodeId() {
    return nodeId;
  }

  /**
   * Returns the component's name on its node ({@code "os"}, {@code "agent"}, ...).
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the software kind: {@code os_image}, {@code container_image}, {@code configuration} or
   * {@code policy_bundle}.
   *
   * @return the kind, or null if not registered
   */
  public @Nullable String softwareKind() {
    return softwareKind;
  }

  /**
   * Returns the deployed version (image version, configuration version or patched version).
   *
   * @return the version, or null
   */
  public @Nullable String softwareVersion() {
    return softwareVersion;
  }

  /**
   * Returns the digest of the deployed artifact: from the image or configuration event, replaced by
   * a {@code maintenance.patch_applied} that carries one, and restored by a {@code
   * rollout.rolled_back} to the version the last change replaced.
   *
   * @return the digest, or null
   */
  public @Nullable String digest() {
    return digest;
  }

  /**
   * Returns the image reference of the deployed artifact, for images.
   *
   * @return the image, or null
   */
  public @Nullable String image() {
    return image;
  }

  @Override
  public @Nullable String region() {
    return region;
  }

  @Override
  public @Nullable String lifecycleState() {
    return lifecycleState;
  }

  /**
   * Returns when the current artifact was deployed (image deployed or pulled, configuration
   * applied).
   *
   * @return the time, or null if nothing was deployed
   */
  public @Nullable Instant deployedAt() {
    return deployedAt;
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
      nodeId,
      name,
      softwareKind,
      softwareVersion,
      digest,
      image,
      region,
      lifecycleState,
      deployedAt,
      priorVersion,
      priorDigest,
      version,
      position,
      updatedAt
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SoftwareRecord && Arrays.equals(fields(), ((SoftwareRecord) o).fields());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(fields());
  }

  @Override
  public String toString() {
    return "SoftwareRecord" + Arrays.toString(fields());
  }
}
