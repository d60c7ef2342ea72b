package io.souverix.lifecycle.projection;

import io.souverix.lifecycle.event.Payload;
import java.util.List;

/** One readable line per catalogue event type, for the timeline. */
final class Summaries {
  private Summaries() {}

  static String of(String type, Payload p) {
    switch (type) {
      case "node.serial_registered":
        return "registered serial "
            + t(p, "serial")
            + ", model "
            + t(p, "model")
            + " in "
            + t(p, "region")
            + "/"
            + t(p, "cluster");
      case "node.manufacturing_origin_recorded":
        return "manufactured at "
            + t(p, "origin")
            + ", batch "
            + t(p, "batch_id")
            + " on "
            + t(p, "date");
      case "node.firmware_baseline_captured":
        return "firmware baseline " + t(p, "version") + " (" + t(p, "digest") + ")";
      case "node.attestation_completed":
        return t(p, "kind")
            + " attestation "
            + (p.bool("passed").orElse(false) ? "passed" : "failed")
            + " by "
            + t(p, "verifier")
            + reasons(p);
      case "node.trust_chain_established":
        return "certificate "
            + t(p, "certificate_serial")
            + " issued by "
            + t(p, "issuer")
            + ", valid until "
            + t(p, "not_after");
      case "software.registered":
        return "registered "
            + t(p, "kind")
            + " "
            + t(p, "name")
            + " on "
            + t(p, "node_id")
            + (p.has("version") ? " version " + t(p, "version") : "");
      case "software.base_image_deployed":
        return "deployed base image "
            + t(p, "image")
            + " "
            + t(p, "version")
            + " ("
            + t(p, "digest")
            + ")";
      case "software.container_image_pulled":
        return "pulled container image "
            + t(p, "image")
            + " "
            + t(p, "version")
            + " ("
            + t(p, "digest")
            + ")";
      case "software.configuration_applied":
        return "applied configuration " + t(p, "config_version") + " (" + t(p, "digest") + ")";
      case "lifecycle.state_changed":
        return (p.has("from") ? t(p, "from") : "(none)")
            + " -> "
            + t(p, "to")
            + " ("
            + t(p, "command")
            + ")"
            + (p.has("reason") ? ": " + t(p, "reason") : "");
      case "node.connectivity_changed":
        return "connectivity " + t(p, "state") + (p.has("reason") ? ": " + t(p, "reason") : "");
      case "node.drift_detected":
        return t(p, "severity")
            + " "
            + t(p, "drift_kind")
            + " drift on "
            + t(p, "component")
            + ": desired "
            + t(p, "desired")
            + ", actual "
            + t(p, "actual");
      case "node.policy_compliance_evaluated":
        return "policy "
            + t(p, "policy")
            + " "
            + t(p, "policy_version")
            + " "
            + (p.bool("compliant").orElse(false) ? "compliant" : "non-compliant")
            + " (score "
            + t(p, "score")
            + ")";
      case "node.desired_state_changed":
        return "desired state of " + t(p, "component") + " set by " + t(p, "source");
      case "rollout.progressed":
        return "rollout "
            + t(p, "rollout_id")
            + " wave "
            + t(p, "wave")
            + " "
            + t(p, "status")
            + ": "
            + t(p, "component")
            + " "
            + t(p, "version");
      case "rollout.rolled_back":
        return "rollout "
            + t(p, "rollout_id")
            + " rolled back "
            + t(p, "component")
            + " "
            + t(p, "from_version")
            + " -> "
            + t(p, "to_version")
            + ": "
            + t(p, "reason");
      case "node.health_validated":
        return "health " + (p.bool("healthy").orElse(false) ? "validated" : "check failed");
      case "maintenance.firmware_updated":
        return "firmware "
            + t(p, "from_version")
            + " -> "
            + t(p, "to_version")
            + " ("
            + t(p, "mode")
            + ")";
      case "maintenance.patch_applied":
        return "patch "
            + t(p, "patch_id")
            + ": "
            + t(p, "from_version")
            + " -> "
            + t(p, "to_version");
      case "maintenance.certificate_rotated":
        return "certificate rotated " + t(p, "old_serial") + " -> " + t(p, "new_serial");
      case "maintenance.policy_updated":
        return "policy "
            + t(p, "policy")
            + " "
            + t(p, "from_version")
            + " -> "
            + t(p, "to_version");
      case "maintenance.drift_corrected":
        return t(p, "drift_kind") + " drift on " + t(p, "component") + " corrected";
      case "decommission.workload_migrated":
        return "workloads migrated to " + t(p, "target_node");
      case "decommission.data_exported":
        return "data exported to " + t(p, "location") + " (" + t(p, "bytes") + " bytes)";
      case "decommission.certificates_revoked":
        return "certificates revoked: " + t(p, "reason");
      case "decommission.audit_completed":
        return "audit completed over " + t(p, "events") + " events";
      case "emergency.isolated":
        return "isolated: " + t(p, "reason");
      case "emergency.trust_revoked":
        return "trust revoked: " + t(p, "reason");
      case "emergency.secure_wiped":
        return "securely wiped (" + t(p, "method") + "), verified by " + t(p, "verified_by");
      case "certificate.issued":
        return t(p, "profile")
            + " certificate "
            + t(p, "serial")
            + " issued by "
            + t(p, "issuer")
            + ", valid until "
            + t(p, "not_after")
            + (p.has("replaces") ? ", replacing " + t(p, "replaces") : "");
      case "certificate.revoked":
        return "certificate " + t(p, "serial") + " revoked: " + t(p, "reason");
      case "certificate.crl_published":
        return "CRL "
            + t(p, "crl_number")
            + " published by "
            + t(p, "issuer")
            + " ("
            + t(p, "entries")
            + " entries), next update "
            + t(p, "next_update");
      default:
        return type;
    }
  }

  private static String t(Payload p, String field) {
    return p.text(field).orElse("?");
  }

  private static String reasons(Payload p) {
    List<String> r = Payloads.strings(p, "reasons");
    return r.isEmpty() ? "" : ": " + String.join("; ", r);
  }
}
