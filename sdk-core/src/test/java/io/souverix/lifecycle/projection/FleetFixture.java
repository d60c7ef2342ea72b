package io.souverix.lifecycle.projection;

import io.souverix.lifecycle.event.EventIds;
import io.souverix.lifecycle.event.EventType;
import io.souverix.lifecycle.event.NewEvent;
import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.spi.EventStore;
import io.souverix.lifecycle.spi.EventStoreException;
import io.souverix.lifecycle.spi.ExpectedVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Writes a fleet's events per the catalogue, advancing a test clock one second per event. */
public final class FleetFixture {
  private final EventStore store;
  private final TestClock clock;
  private final Map<String, String> regionOf = new LinkedHashMap<>();
  private final Map<String, String> stateOf = new LinkedHashMap<>();
  private final EventIds ids;

  public FleetFixture(EventStore store, TestClock clock) {
    this.store = store;
    this.clock = clock;
    this.ids = EventIds.create(clock, new Random(7));
  }

  public EventStore store() {
    return store;
  }

  public TestClock clock() {
    return clock;
  }

  /** Appends one event of a catalogue type to a stream. */
  public RecordedEvent write(String streamId, EventType type, Object... payload) {
    return write(streamId, NewEvent.builder(type), payload);
  }

  /** Appends one event with an explicit type name and schema version (e.g. an old v1 payload). */
  public RecordedEvent writeVersion(String streamId, String type, int version, Object... payload) {
    return write(streamId, NewEvent.builder(type, version), payload);
  }

  private RecordedEvent write(String streamId, NewEvent.Builder b, Object... payload) {
    String region = regionOf.get(streamId.contains("/") ? streamId.split("/")[0] : streamId);
    NewEvent e =
        b.eventId(ids.next())
            .occurredAt(clock.advance(Duration.ofSeconds(1)))
            .actor("fixture")
            .region(region)
            .payload(Payload.of(payload))
            .build();
    try {
      return store.append(streamId, ExpectedVersion.any(), List.of(e)).events().get(0);
    } catch (EventStoreException ex) {
      throw new AssertionError(ex);
    }
  }

  private void stateChange(String streamId, String kind, String to, String command) {
    String from = stateOf.get(streamId);
    write(
        streamId,
        EventType.LIFECYCLE_STATE_CHANGED,
        "component_kind",
        kind,
        "from",
        from,
        "to",
        to,
        "command",
        command);
    stateOf.put(streamId, to);
  }

  /** Registers a node (serial v2, manufacturing, firmware baseline, REGISTER). */
  public void register(String nodeId, String region, String cluster, String model) {
    regionOf.put(nodeId, region);
    write(
        nodeId,
        EventType.NODE_SERIAL_REGISTERED,
        "serial",
        "SN-" + nodeId,
        "model",
        model,
        "region",
        region,
        "cluster",
        cluster,
        "manufacturing",
        Map.of("batch_id", "B-7"));
    write(
        nodeId,
        EventType.NODE_MANUFACTURING_ORIGIN_RECORDED,
        "origin",
        "plant-lyon",
        "batch_id",
        "B-7",
        "date",
        "2026-01-15",
        "qc_signature",
        "qc-sig-1");
    write(
        nodeId,
        EventType.NODE_FIRMWARE_BASELINE_CAPTURED,
        "version",
        "1.0.0",
        "digest",
        "sha256:" + "a".repeat(64),
        "signature_chain",
        List.of("vendor-root", "vendor-fw"));
    stateChange(nodeId, "hardware", "REGISTERED", "REGISTER");
  }

  /** Provisions and activates a registered node. */
  public void activate(String nodeId) {
    stateChange(nodeId, "hardware", "PROVISIONING", "BEGIN_PROVISIONING");
    write(
        nodeId,
        EventType.NODE_ATTESTATION_COMPLETED,
        "kind",
        "initial",
        "passed",
        true,
        "verifier",
        "tpm-verifier",
        "reasons",
        List.of());
    write(
        nodeId,
        EventType.NODE_TRUST_CHAIN_ESTABLISHED,
        "certificate_serial",
        "C-" + nodeId,
        "issuer",
        "fleet-ca",
        "not_after",
        "2027-01-01T00:00:00Z");
    stateChange(nodeId, "hardware", "ACTIVE", "ACTIVATE");
  }

  /** Deploys a software component on a node up to RUNNING. */
  public void deploy(String nodeId, String name, String kind, String version) {
    String id = nodeId + "/" + name;
    write(
        id,
        EventType.SOFTWARE_REGISTERED,
        "node_id",
        nodeId,
        "name",
        name,
        "kind",
        kind,
        "version",
        version);
    stateChange(id, "software", "PENDING", "REGISTER");
    stateChange(id, "software", "DEPLOYING", "DEPLOY");
    if ("os_image".equals(kind)) {
      write(
          id,
          EventType.SOFTWARE_BASE_IMAGE_DEPLOYED,
          "image",
          "registry.example/" + name,
          "version",
          version,
          "digest",
          "sha256:" + "b".repeat(64));
    } else if ("container_image".equals(kind)) {
      write(
          id,
          EventType.SOFTWARE_CONTAINER_IMAGE_PULLED,
          "image",
          "registry.example/" + name,
          "version",
          version,
          "digest",
          "sha256:" + "c".repeat(64));
    } else {
      write(
          id,
          EventType.SOFTWARE_CONFIGURATION_APPLIED,
          "config_version",
          version,
          "digest",
          "sha256:" + "d".repeat(64));
    }
    write(id, EventType.NODE_HEALTH_VALIDATED, "healthy", true, "checks", List.of("boot"));
    stateChange(id, "software", "RUNNING", "CONFIRM_RUNNING");
  }

  public void connectivity(String nodeId, String state) {
    write(nodeId, EventType.NODE_CONNECTIVITY_CHANGED, "state", state);
  }

  public void firmwareUpdate(String nodeId, String from, String to) {
    write(
        nodeId,
        EventType.MAINTENANCE_FIRMWARE_UPDATED,
        "from_version",
        from,
        "to_version",
        to,
        "digest",
        "sha256:" + "e".repeat(64),
        "mode",
        "scheduled");
  }

  public void patch(String componentId, String from, String to) {
    write(
        componentId,
        EventType.MAINTENANCE_PATCH_APPLIED,
        "from_version",
        from,
        "to_version",
        to,
        "patch_id",
        "P-" + to);
  }

  /** A patch that replaces the artifact, with the new artifact's digest. */
  public void patch(String componentId, String from, String to, String digest) {
    write(
        componentId,
        EventType.MAINTENANCE_PATCH_APPLIED,
        "from_version",
        from,
        "to_version",
        to,
        "patch_id",
        "P-" + to,
        "digest",
        digest);
  }

  public void rotateCertificate(String nodeId, String oldSerial, String newSerial) {
    write(
        nodeId,
        EventType.MAINTENANCE_CERTIFICATE_ROTATED,
        "old_serial",
        oldSerial,
        "new_serial",
        newSerial,
        "not_after",
        "2028-01-01T00:00:00Z");
  }

  public void maintenance(String nodeId) {
    stateChange(nodeId, "hardware", "MAINTENANCE", "ENTER_MAINTENANCE");
    write(
        nodeId,
        EventType.NODE_ATTESTATION_COMPLETED,
        "kind",
        "runtime",
        "passed",
        true,
        "verifier",
        "tpm-verifier",
        "reasons",
        List.of());
    stateChange(nodeId, "hardware", "ACTIVE", "COMPLETE_MAINTENANCE");
  }

  public void decommission(String nodeId) {
    stateChange(nodeId, "hardware", "DECOMMISSIONING", "BEGIN_DECOMMISSION");
    write(
        nodeId,
        EventType.DECOMMISSION_WORKLOAD_MIGRATED,
        "target_node",
        "node-spare",
        "workloads",
        List.of("w1"));
    write(
        nodeId,
        EventType.DECOMMISSION_DATA_EXPORTED,
        "location",
        "s3://export/" + nodeId,
        "digest",
        "sha256:" + "f".repeat(64),
        "bytes",
        1024);
    write(
        nodeId,
        EventType.DECOMMISSION_CERTIFICATES_REVOKED,
        "serials",
        List.of("C-" + nodeId),
        "reason",
        "retired");
    write(nodeId, EventType.DECOMMISSION_AUDIT_COMPLETED, "events", 20, "head_hash", "h");
    stateChange(nodeId, "hardware", "DECOMMISSIONED", "COMPLETE_DECOMMISSION");
  }

  private static final String[] REGIONS = {"eu-west", "eu-north", "us-east"};
  private static final String[] MODELS = {"edge-a1", "edge-b2"};

  /**
   * Writes a random fleet: {@code nodes} nodes with software, then {@code steps} random operations
   * interleaved across nodes. Deterministic for a seed.
   */
  public List<String> randomFleet(long seed, int nodes, int steps) {
    Random r = new Random(seed);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      String id = String.format(java.util.Locale.ROOT, "node-%06d", r.nextInt(1_000_000));
      if (regionOf.containsKey(id)) {
        continue;
      }
      ids.add(id);
      register(id, REGIONS[r.nextInt(REGIONS.length)], "c" + r.nextInt(3), MODELS[r.nextInt(2)]);
    }
    for (int s = 0; s < steps && !ids.isEmpty(); s++) {
      String id = ids.get(r.nextInt(ids.size()));
      String state = stateOf.get(id);
      switch (r.nextInt(7)) {
        case 0:
          if ("REGISTERED".equals(state)) {
            activate(id);
          }
          break;
        case 1:
          if (!stateOf.containsKey(id + "/os")) {
            deploy(id, "os", "os_image", "5." + r.nextInt(3));
          } else {
            patch(id + "/os", "5.x", "5." + (3 + r.nextInt(3)));
          }
          break;
        case 2:
          connectivity(
              id, new String[] {"connected", "autonomous", "offline", "degraded"}[r.nextInt(4)]);
          break;
        case 3:
          if ("ACTIVE".equals(state)) {
            firmwareUpdate(id, "1.0.0", "1." + (1 + r.nextInt(2)) + ".0");
          }
          break;
        case 4:
          if ("ACTIVE".equals(state)) {
            maintenance(id);
          }
          break;
        case 5:
          if (!stateOf.containsKey(id + "/agent")) {
            deploy(id, "agent", "container_image", "2." + r.nextInt(2));
          }
          break;
        default:
          if ("ACTIVE".equals(state) && r.nextInt(4) == 0) {
            decommission(id);
          }
          break;
      }
    }
    return ids;
  }
}
