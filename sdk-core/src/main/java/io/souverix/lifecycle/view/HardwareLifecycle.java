package io.souverix.lifecycle.view;

import com.fasterxml.jackson.databind.JsonNode;
import io.souverix.lifecycle.projection.NodeRecord;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The public {@code HardwareLifecycle} view of a node: identity, placement, lifecycle state,
 * manufacturing, firmware, attestation, certificate and connectivity.
 *
 * <p>JSON (fields in this order; unknown values are {@code null}; times ISO 8601 UTC):
 *
 * <pre>{@code
 * {"node_id", "serial", "model", "region", "cluster", "lifecycle_state",
 *  "manufacturing": {"origin", "batch_id", "date", "qc_signature"},
 *  "firmware": {"baseline", "current", "digest", "signature_chain": [..]},
 *  "attestation": {"last_result": "passed"|"failed"|null, "last_at"},
 *  "certificates": {"current_serial"},
 *  "connectivity": {"state", "since"},
 *  "updated_at"}
 * }</pre>
 *
 * @param nodeId the node id
 * @param serial the serial number
 * @param model the hardware model
 * @param region the region
 * @param cluster the cluster
 * @param lifecycleState the upper-case lifecycle state
 * @param manufacturing manufacturing origin
 * @param firmware firmware baseline and current version
 * @param attestation the latest attestation
 * @param certificates the current certificate
 * @param connectivity the current connectivity
 * @param updatedAt when the node's last event happened
 * @since 0.1
 */
public record HardwareLifecycle(
    String nodeId,
    @Nullable String serial,
    @Nullable String model,
    @Nullable String region,
    @Nullable String cluster,
    @Nullable String lifecycleState,
    Manufacturing manufacturing,
    Firmware firmware,
    Attestation attestation,
    Certificates certificates,
    Connectivity connectivity,
    Instant updatedAt) {
  private static final String VIEW = "HardwareLifecycle";

  /** Validates. */
  public HardwareLifecycle {
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(manufacturing, "manufacturing");
    Objects.requireNonNull(firmware, "firmware");
    Objects.requireNonNull(attestation, "attestation");
    Objects.requireNonNull(certificates, "certificates");
    Objects.requireNonNull(connectivity, "connectivity");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /**
   * Manufacturing origin.
   *
   * @param origin the site or supplier
   * @param batchId the batch id
   * @param date the manufacturing date, {@code YYYY-MM-DD}
   * @param qcSignature the quality-control signature
   */
  public record Manufacturing(
      @Nullable String origin,
      @Nullable String batchId,
      @Nullable String date,
      @Nullable String qcSignature) {}

  /**
   * Firmware versions.
   *
   * @param baseline the version captured at provisioning
   * @param current the running version
   * @param digest the digest of the running firmware
   * @param signatureChain the baseline's signature chain
   */
  public record Firmware(
      @Nullable String baseline,
      @Nullable String current,
      @Nullable String digest,
      List<String> signatureChain) {
    /** Copies the chain. */
    public Firmware {
      signatureChain = List.copyOf(signatureChain);
    }
  }

  /**
   * The latest attestation.
   *
   * @param lastResult {@code "passed"}, {@code "failed"}, or null if none
   * @param lastAt when it completed
   */
  public record Attestation(@Nullable String lastResult, @Nullable Instant lastAt) {}

  /**
   * The node's certificate.
   *
   * @param currentSerial the serial of the current (unrevoked) certificate
   */
  public record Certificates(@Nullable String currentSerial) {}

  /**
   * The node's connectivity.
   *
   * @param state the current connectivity state
   * @param since since when
   */
  public record Connectivity(@Nullable String state, @Nullable Instant since) {}

  /**
   * Produces the view of a node's current state.
   *
   * @param node the node's state from {@link io.souverix.lifecycle.projection.CurrentState}; not
   *     null
   * @return the view
   * @since 0.1
   */
  public static HardwareLifecycle from(NodeRecord node) {
    Objects.requireNonNull(node, "node");
    Boolean passed = node.attestationPassed();
    return new HardwareLifecycle(
        node.id(),
        node.serial(),
        node.model(),
        node.region(),
        node.cluster(),
        node.lifecycleState(),
        new Manufacturing(
            node.manufacturingOrigin(),
            node.manufacturingBatchId(),
            node.manufacturingDate(),
            node.qcSignature()),
        new Firmware(
            node.firmwareBaseline(),
            node.firmwareVersion(),
            node.firmwareDigest(),
            node.firmwareSignatureChain()),
        new Attestation(passed == null ? null : passed ? "passed" : "failed", node.attestationAt()),
        new Certificates(node.certificateSerial()),
        new Connectivity(node.connectivityState(), node.connectivitySince()),
        node.updatedAt());
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
          g.writeStringField("node_id", nodeId);
          ViewJson.text(g, "serial", serial);
          ViewJson.text(g, "model", model);
          ViewJson.text(g, "region", region);
          ViewJson.text(g, "cluster", cluster);
          ViewJson.text(g, "lifecycle_state", lifecycleState);
          g.writeObjectFieldStart("manufacturing");
          ViewJson.text(g, "origin", manufacturing.origin());
          ViewJson.text(g, "batch_id", manufacturing.batchId());
          ViewJson.text(g, "date", manufacturing.date());
          ViewJson.text(g, "qc_signature", manufacturing.qcSignature());
          g.writeEndObject();
          g.writeObjectFieldStart("firmware");
          ViewJson.text(g, "baseline", firmware.baseline());
          ViewJson.text(g, "current", firmware.current());
          ViewJson.text(g, "digest", firmware.digest());
          g.writeArrayFieldStart("signature_chain");
          for (String s : firmware.signatureChain()) {
            g.writeString(s);
          }
          g.writeEndArray();
          g.writeEndObject();
          g.writeObjectFieldStart("attestation");
          ViewJson.text(g, "last_result", attestation.lastResult());
          ViewJson.time(g, "last_at", attestation.lastAt());
          g.writeEndObject();
          g.writeObjectFieldStart("certificates");
          ViewJson.text(g, "current_serial", certificates.currentSerial());
          g.writeEndObject();
          g.writeObjectFieldStart("connectivity");
          ViewJson.text(g, "state", connectivity.state());
          ViewJson.time(g, "since", connectivity.since());
          g.writeEndObject();
          ViewJson.time(g, "updated_at", updatedAt);
        });
  }

  /**
   * Parses the JSON {@link #toJson()} writes; absent fields read as null.
   *
   * @param json a HardwareLifecycle document; not null
   * @return the view
   * @throws IllegalArgumentException if the text is not JSON, {@code node_id} or {@code updated_at}
   *     is missing, or a field has the wrong type
   * @since 0.1
   */
  public static HardwareLifecycle parse(String json) {
    JsonNode n = ViewJson.parse(Objects.requireNonNull(json, "json"), VIEW);
    JsonNode m = ViewJson.object(n, "manufacturing");
    JsonNode f = ViewJson.object(n, "firmware");
    JsonNode a = ViewJson.object(n, "attestation");
    JsonNode c = ViewJson.object(n, "certificates");
    JsonNode k = ViewJson.object(n, "connectivity");
    Instant updated = ViewJson.requiredInstant(n, "updated_at", VIEW);
    return new HardwareLifecycle(
        ViewJson.required(n, "node_id", VIEW),
        ViewJson.optional(n, "serial", VIEW),
        ViewJson.optional(n, "model", VIEW),
        ViewJson.optional(n, "region", VIEW),
        ViewJson.optional(n, "cluster", VIEW),
        ViewJson.optional(n, "lifecycle_state", VIEW),
        new Manufacturing(
            ViewJson.optional(m, "origin", VIEW),
            ViewJson.optional(m, "batch_id", VIEW),
            ViewJson.optional(m, "date", VIEW),
            ViewJson.optional(m, "qc_signature", VIEW)),
        new Firmware(
            ViewJson.optional(f, "baseline", VIEW),
            ViewJson.optional(f, "current", VIEW),
            ViewJson.optional(f, "digest", VIEW),
            ViewJson.strings(f, "signature_chain")),
        new Attestation(
            ViewJson.optional(a, "last_result", VIEW), ViewJson.instant(a, "last_at", VIEW)),
        new Certificates(ViewJson.optional(c, "current_serial", VIEW)),
        new Connectivity(ViewJson.optional(k, "state", VIEW), ViewJson.instant(k, "since", VIEW)),
        updated);
  }
}
