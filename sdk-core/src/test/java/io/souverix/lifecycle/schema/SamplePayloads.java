package io.souverix.lifecycle.schema;

import io.souverix.lifecycle.event.Payload;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One valid payload per built-in event type and schema version: the schemas' examples. */
final class SamplePayloads {
  static final String SHA256 = "sha256:" + "ab".repeat(32);
  static final String HEAD = "0f".repeat(32);

  private static final Map<String, Payload> SAMPLES = new LinkedHashMap<>();

  static {
    put(
        "node.serial_registered",
        1,
        "serial",
        "SN-0042",
        "model",
        "edge-4u",
        "region",
        "eu-west",
        "cluster",
        "c1",
        "batch_id",
        "B-2024-07");
    put(
        "node.serial_registered",
        2,
        "serial",
        "SN-0042",
        "model",
        "edge-4u",
        "region",
        "eu-west",
        "cluster",
        "c1",
        "manufacturing",
        Map.of("origin", "Plant Hsinchu", "batch_id", "B-2024-07", "date", "2024-07-15"));
    put(
        "node.manufacturing_origin_recorded",
        1,
        "origin",
        "Plant Hsinchu",
        "batch_id",
        "B-2024-07",
        "date",
        "2024-07-15",
        "qc_signature",
        "eyJhbGciOiJFUzI1NiJ9.e30.c2ln");
    put(
        "node.firmware_baseline_captured",
        1,
        "version",
        "2.4.1",
        "digest",
        SHA256,
        "signature_chain",
        List.of("vendor-fw-key", "root"));
    put(
        "node.attestation_completed",
        1,
        "kind",
        "initial",
        "passed",
        true,
        "verifier",
        "verifier-eu-1",
        "evidence_digest",
        SHA256,
        "reasons",
        List.of());
    put(
        "node.trust_chain_established",
        1,
        "certificate_serial",
        "4f:1a:22",
        "issuer",
        "CN=Fleet Issuing CA,O=Souverix",
        "not_after",
        "2027-07-15T00:00:00Z");
    put(
        "software.registered",
        1,
        "node_id",
        "node-000042",
        "name",
        "os",
        "kind",
        "os_image",
        "version",
        "12.1");
    put(
        "software.base_image_deployed",
        1,
        "image",
        "debian-hardened",
        "version",
        "12.1",
        "digest",
        SHA256);
    put(
        "software.container_image_pulled",
        1,
        "image",
        "registry.example/agent",
        "version",
        "3.0.0",
        "digest",
        SHA256);
    put("software.configuration_applied", 1, "config_version", "cfg-17", "digest", SHA256);
    put(
        "lifecycle.state_changed",
        1,
        "component_kind",
        "hardware",
        "from",
        null,
        "to",
        "REGISTERED",
        "command",
        "REGISTER",
        "reason",
        "new node");
    put("node.connectivity_changed", 1, "state", "autonomous", "reason", "uplink lost");
    put(
        "node.drift_detected",
        1,
        "drift_kind",
        "version",
        "component",
        "agent",
        "desired",
        "3.0.0",
        "actual",
        "2.9.1",
        "severity",
        "medium");
    put(
        "node.policy_compliance_evaluated",
        1,
        "policy",
        "baseline",
        "policy_version",
        "7",
        "compliant",
        false,
        "score",
        0.75,
        "reasons",
        List.of("ssh root login enabled"));
    put(
        "node.desired_state_changed",
        1,
        "component",
        "agent",
        "version",
        "3.0.0",
        "source",
        "eu-west");
    put(
        "rollout.progressed",
        1,
        "rollout_id",
        "r-99",
        "component",
        "agent",
        "version",
        "3.0.0",
        "wave",
        0,
        "status",
        "started");
    put(
        "rollout.rolled_back",
        1,
        "rollout_id",
        "r-99",
        "component",
        "agent",
        "from_version",
        "3.0.0",
        "to_version",
        "2.9.1",
        "reason",
        "health checks failed");
    put("node.health_validated", 1, "healthy", true, "checks", List.of("disk", "agent"));
    put(
        "maintenance.firmware_updated",
        1,
        "from_version",
        "2.4.1",
        "to_version",
        "2.5.0",
        "digest",
        SHA256,
        "mode",
        "scheduled");
    put(
        "maintenance.patch_applied",
        1,
        "from_version",
        "12.1",
        "to_version",
        "12.2",
        "patch_id",
        "DSA-5555-1");
    put(
        "maintenance.certificate_rotated",
        1,
        "old_serial",
        "4f:1a:22",
        "new_serial",
        "4f:1a:23",
        "not_after",
        "2028-07-15T00:00:00+02:00");
    put(
        "maintenance.policy_updated",
        1,
        "policy",
        "baseline",
        "from_version",
        "7",
        "to_version",
        "8");
    put(
        "maintenance.drift_corrected",
        1,
        "drift_kind",
        "version",
        "component",
        "agent",
        "version",
        "3.0.0");
    put(
        "decommission.workload_migrated",
        1,
        "target_node",
        "node-000043",
        "workloads",
        List.of("db", "cache"));
    put(
        "decommission.data_exported",
        1,
        "location",
        "s3://exports/node-000042.tar",
        "digest",
        SHA256,
        "bytes",
        1_048_576);
    put(
        "decommission.certificates_revoked",
        1,
        "serials",
        List.of("4f:1a:23"),
        "reason",
        "cessationOfOperation");
    put("decommission.audit_completed", 1, "events", 42, "head_hash", HEAD);
    put("emergency.isolated", 1, "reason", "tamper switch triggered");
    put("emergency.trust_revoked", 1, "serials", List.of("4f:1a:23"), "reason", "keyCompromise");
    put("emergency.secure_wiped", 1, "method", "crypto-erase", "verified_by", "ops-team");
    put(
        "certificate.issued",
        1,
        "serial",
        "5f3a0c9e1d2b4a6f8e7c9b1a2d3e4f50",
        "profile",
        "device_identity",
        "subject",
        "SERIALNUMBER=SN-0042,O=Souverix",
        "issuer",
        "CN=Souverix Device CA,O=Souverix",
        "not_before",
        "2026-01-01T00:00:00Z",
        "not_after",
        "2027-01-01T00:00:00Z",
        "subject_key_id",
        "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567",
        "certificate",
        "MIIBszCCAVmgAwIBAgIQXzoMnh0rSm+OfJsaLT5PUA==",
        "node_id",
        "node-000042",
        "replaces",
        "4f1a23");
    put(
        "certificate.revoked",
        1,
        "serial",
        "5f3a0c9e1d2b4a6f8e7c9b1a2d3e4f50",
        "issuer",
        "CN=Souverix Device CA,O=Souverix",
        "reason",
        "cessationOfOperation",
        "revoked_at",
        "2026-06-01T00:00:00Z");
    put(
        "certificate.crl_published",
        1,
        "issuer",
        "CN=Souverix Device CA,O=Souverix",
        "crl_number",
        7,
        "this_update",
        "2026-06-01T00:00:00Z",
        "next_update",
        "2026-06-08T00:00:00Z",
        "entries",
        1,
        "digest",
        SHA256);
    // ---- Rollouts ----
    put(
        "rollout.started",
        1,
        "rollout_id",
        "r-99",
        "change",
        Map.of("component", "agent", "kind", "version", "version", "3.0.0"),
        "source",
        "global",
        "targets",
        List.of(
            Map.of("node", "node-000042", "region", "eu-west", "last_good_version", "2.9.1"),
            Map.of("node", "node-000043")),
        "waves",
        List.of(Map.of("kind", "canary", "size", 1), Map.of("kind", "percent", "size", 50)),
        "policy",
        Map.of(
            "max_failure_rate",
            0.25,
            "window",
            "PT1H",
            "min_sample",
            4,
            "on_breach",
            "pause",
            "rollback_on_abort",
            true,
            "health_timeout",
            "PT15M"),
        "windows",
        List.of(
            Map.of(
                "region",
                "eu-west",
                "days",
                List.of("SATURDAY", "SUNDAY"),
                "start",
                "22:00",
                "end",
                "04:00",
                "zone",
                "Europe/Berlin")));
    put(
        "rollout.wave_started",
        1,
        "rollout_id",
        "r-99",
        "wave",
        0,
        "nodes",
        List.of("node-000042"));
    put(
        "rollout.node_updated",
        1,
        "rollout_id",
        "r-99",
        "node",
        "node-000042",
        "wave",
        0,
        "version",
        "3.0.0");
    put(
        "rollout.node_succeeded",
        1,
        "rollout_id",
        "r-99",
        "node",
        "node-000042",
        "wave",
        0,
        "checks",
        List.of("endpoint"));
    put(
        "rollout.node_failed",
        1,
        "rollout_id",
        "r-99",
        "node",
        "node-000042",
        "wave",
        0,
        "checks",
        List.of("endpoint"),
        "reason",
        "endpoint unhealthy");
    put(
        "rollout.node_deferred",
        1,
        "rollout_id",
        "r-99",
        "node",
        "node-000042",
        "wave",
        0,
        "reason",
        "node is autonomous");
    put("rollout.node_returned", 1, "rollout_id", "r-99", "node", "node-000042");
    put(
        "rollout.node_rolled_back",
        1,
        "rollout_id",
        "r-99",
        "node",
        "node-000042",
        "from_version",
        "3.0.0",
        "to_version",
        "2.9.1",
        "reason",
        "endpoint unhealthy");
    put("rollout.paused", 1, "rollout_id", "r-99", "reason", "failure rate 0.5", "by_policy", true);
    put("rollout.resumed", 1, "rollout_id", "r-99", "reason", "fixed the registry");
    put(
        "rollout.aborted",
        1,
        "rollout_id",
        "r-99",
        "reason",
        "canary failed",
        "by_policy",
        true,
        "rollback",
        true);
    put("rollout.completed", 1, "rollout_id", "r-99", "succeeded", 2, "failed", 0);
  }

  private SamplePayloads() {}

  private static void put(String type, int version, Object... keyValues) {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      fields.put((String) keyValues[i], keyValues[i + 1]);
    }
    SAMPLES.put(key(type, version), Payload.of(fields));
  }

  static String key(String type, int version) {
    return type + ".v" + version;
  }

  /** The sample of a type and version, or null if none was written. */
  static Payload of(String type, int version) {
    return SAMPLES.get(key(type, version));
  }

  static Map<String, Payload> all() {
    return SAMPLES;
  }
}
