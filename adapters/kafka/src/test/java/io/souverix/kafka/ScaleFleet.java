package io.souverix.kafka;

import io.souverix.lifecycle.event.EventIds;
import io.souverix.lifecycle.event.EventType;
import io.souverix.lifecycle.event.NewEvent;
import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.event.RecordedEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The simulated fleet of the scale run: {@code nodes} nodes spread round-robin over {@link
 * #REGIONS} (node {@code i} is in region {@code i % 10}, and its id carries the region, e.g. {@code
 * eu-west-1-node-000010}), each with a hardware stream (its node id) and one software stream
 * ({@code <nodeId>/os}). Every node plays the same lifecycle script, one event per call of {@link
 * #next}: registration, provisioning with attestation and trust chain, activation, the OS
 * component's registration and deployment, then an endless operations cycle (health checks,
 * connectivity, runtime attestation, policy compliance, drift and its correction, every second
 * cycle a maintenance window with a firmware update, and a patch of the OS). Payloads follow the
 * catalogue (the smoke test validates them against the built-in schemas); the ones that do not name
 * the node are built once per generator.
 *
 * <p>Events are sealed here, as a store would: per stream sequence, {@code prevHash} chain and
 * SHA-256 hash; {@code occurredAt} and {@code recordedAt} are the clock's reading when the event is
 * made, which the scale run takes as its send time. The generator keeps each node's stream heads in
 * arrays; calls for one node must come from one thread at a time (the scale run gives each producer
 * thread its own nodes).
 */
final class ScaleFleet {
  static final String[] REGIONS = {
    "eu-west-1",
    "eu-west-2",
    "eu-central-1",
    "eu-north-1",
    "eu-south-1",
    "us-east-1",
    "us-west-2",
    "ap-southeast-1",
    "ap-northeast-1",
    "sa-east-1"
  };

  /** Events of the fixed prelude, before the operations cycle starts. */
  static final int PRELUDE = 14;

  private static final int CYCLE = 12;
  private static final int VARIANTS = 16;

  private final Clock clock;
  private final String[] nodeIds;
  private final long[] next; // index of each node's next event in its script
  private final long[] hardwareSeq;
  private final String[] hardwareHash;
  private final long[] softwareSeq;
  private final String[] softwareHash;
  private final List<Payload> health = new ArrayList<>();
  private final List<Payload> connectivity = new ArrayList<>();
  private final List<Payload> runtimeAttestations = new ArrayList<>();
  private final List<Payload> compliance = new ArrayList<>();
  private final Map<String, Payload> fixed = new HashMap<>();

  private ScaleFleet(Clock clock, int nodes) {
    this.clock = clock;
    this.nodeIds = new String[nodes];
    for (int i = 0; i < nodes; i++) {
      nodeIds[i] = String.format(Locale.ROOT, "%s-node-%06d", REGIONS[i % REGIONS.length], i);
    }
    this.next = new long[nodes];
    this.hardwareSeq = new long[nodes];
    this.hardwareHash = new String[nodes];
    this.softwareSeq = new long[nodes];
    this.softwareHash = new String[nodes];
    Random random = new Random(42);
    String[] links = {"connected", "degraded", "intermittent", "connected"};
    List<String> checks =
        List.of("bmc_reachable", "disk_smart_ok", "nic_link_up", "ecc_errors_below_threshold");
    for (int i = 0; i < VARIANTS; i++) {
      boolean passed = i % 7 != 0;
      health.add(Payload.of("healthy", i % 11 != 0, "checks", checks.subList(0, 2 + i % 3)));
      connectivity.add(
          Payload.of("state", links[i % links.length], "reason", "link probe " + (i % 5)));
      runtimeAttestations.add(
          Payload.of(
              "kind",
              "runtime",
              "passed",
              passed,
              "verifier",
              "attestation-verifier-" + (i % 4),
              "evidence_digest",
              "sha256:" + hex(random, 32),
              "reasons",
              passed ? List.of() : List.of("pcr_mismatch")));
      compliance.add(
          Payload.of(
              "policy",
              "cis-baseline",
              "policy_version",
              "2026." + (i % 4),
              "compliant",
              i % 9 != 0,
              "score",
              0.75 + (i % 5) * 0.05,
              "reasons",
              i % 9 != 0 ? List.of() : List.of("ssh_root_login_enabled")));
    }
    fixed.put("origin", originPayload(random));
    fixed.put(
        "firmware",
        Payload.of(
            "version",
            "2.14.1",
            "digest",
            "sha256:" + hex(random, 32),
            "signature_chain",
            List.of("vendor-fw-root", "vendor-fw-signing-2026")));
    fixed.put(
        "initialAttestation",
        Payload.of(
            "kind",
            "initial",
            "passed",
            true,
            "verifier",
            "attestation-verifier-0",
            "evidence_digest",
            "sha256:" + hex(random, 32),
            "reasons",
            List.of()));
    fixed.put(
        "postUpdateAttestation",
        Payload.of(
            "kind",
            "post_update",
            "passed",
            true,
            "verifier",
            "attestation-verifier-1",
            "evidence_digest",
            "sha256:" + hex(random, 32),
            "reasons",
            List.of()));
    fixed.put(
        "trust",
        Payload.of(
            "certificate_serial",
            "7f3a" + hex(random, 8),
            "issuer",
            "CN=Souverix Fleet CA 2026",
            "not_after",
            "2028-11-26T00:00:00Z"));
    fixed.put(
        "image",
        Payload.of(
            "image",
            "registry.example/souverix/edge-os",
            "version",
            "24.04.3",
            "digest",
            "sha256:" + hex(random, 32)));
    fixed.put(
        "drift",
        Payload.of(
            "drift_kind",
            "configuration",
            "component",
            "os",
            "desired",
            "cfg-41",
            "actual",
            "cfg-40",
            "severity",
            "medium"));
    fixed.put(
        "corrected",
        Payload.of("drift_kind", "configuration", "component", "os", "version", "cfg-41"));
    fixed.put(
        "firmwareUpdate",
        Payload.of(
            "from_version",
            "2.14.1",
            "to_version",
            "2.15.0",
            "digest",
            "sha256:" + hex(random, 32),
            "mode",
            "scheduled"));
    fixed.put(
        "patch", Payload.of("from_version", "24.04.3", "to_version", "24.04.4", "patch_id", "P-1"));
    fixed.put("hwRegister", stateChanged("hardware", null, "REGISTERED", "REGISTER"));
    fixed.put(
        "hwProvision",
        stateChanged("hardware", "REGISTERED", "PROVISIONING", "BEGIN_PROVISIONING"));
    fixed.put("hwActivate", stateChanged("hardware", "PROVISIONING", "ACTIVE", "ACTIVATE"));
    fixed.put("hwMaintain", stateChanged("hardware", "ACTIVE", "MAINTENANCE", "ENTER_MAINTENANCE"));
    fixed.put(
        "hwResume", stateChanged("hardware", "MAINTENANCE", "ACTIVE", "COMPLETE_MAINTENANCE"));
    fixed.put("swRegister", stateChanged("software", null, "PENDING", "REGISTER"));
    fixed.put("swDeploy", stateChanged("software", "PENDING", "DEPLOYING", "DEPLOY"));
    fixed.put("swRunning", stateChanged("software", "DEPLOYING", "RUNNING", "CONFIRM_RUNNING"));
  }

  /**
   * Creates a fleet whose nodes have no events yet.
   *
   * @param clock stamps the events' times and ids
   * @param nodes how many nodes, at least 1
   */
  static ScaleFleet create(Clock clock, int nodes) {
    if (nodes < 1) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "nodes; expected at least 1, but got %d", nodes));
    }
    return new ScaleFleet(clock, nodes);
  }

  /** How many nodes the fleet has. */
  int nodes() {
    return nodeIds.length;
  }

  /** The id of node {@code i}. */
  String nodeId(int i) {
    return nodeIds[i];
  }

  /** The hardware lifecycle state of a node after its first {@code events} events. */
  static String hardwareStateAfter(long events) {
    if (events < 2) {
      return ScaleFold.NONE;
    }
    if (events < 5) {
      return "REGISTERED";
    }
    if (events < 8) {
      return "PROVISIONING";
    }
    if (events <= PRELUDE) {
      return "ACTIVE";
    }
    long cycle = (events - PRELUDE - 1) / CYCLE;
    long step = (events - PRELUDE - 1) % CYCLE; // the last event's step
    return cycle % 2 == 0 && step >= 7 && step < 10 ? "MAINTENANCE" : "ACTIVE";
  }

  /**
   * The software (OS component) lifecycle state of a node after its first {@code events} events.
   */
  static String softwareStateAfter(long events) {
    if (events < 10) {
      return ScaleFold.NONE;
    }
    if (events < 11) {
      return "PENDING";
    }
    return events < 14 ? "DEPLOYING" : "RUNNING";
  }

  /**
   * Makes and seals node {@code i}'s next event.
   *
   * @param i the node
   * @param ids the calling thread's event ids
   */
  RecordedEvent next(int i, EventIds ids) {
    long k = next[i]++;
    String node = nodeIds[i];
    String region = REGIONS[i % REGIONS.length];
    boolean software;
    EventType type;
    Payload payload;
    if (k < PRELUDE) {
      software = k >= 8; // the OS component's registration and deployment
      switch ((int) k) {
        case 0 -> {
          type = EventType.NODE_SERIAL_REGISTERED;
          payload =
              Payload.of(
                  "serial",
                  "SN-" + node.substring(node.lastIndexOf('-') + 1),
                  "model",
                  "edge-r" + (740 + i % 3 * 10),
                  "region",
                  region,
                  "cluster",
                  "cluster-" + (i % 16),
                  "manufacturing",
                  Map.of("origin", "plant-7", "batch_id", "B-" + (i % 1000)));
        }
        case 1 -> {
          type = EventType.LIFECYCLE_STATE_CHANGED;
          payload = fixed.get("hwRegister");
        }
        case 2 -> {
          type = EventType.NODE_MANUFACTURING_ORIGIN_RECORDED;
          payload = fixed.get("origin");
        }
        case 3 -> {
          type = EventType.NODE_FIRMWARE_BASELINE_CAPTURED;
          payload = fixed.get("firmware");
        }
        case 4 -> {
          type = EventType.LIFECYCLE_STATE_CHANGED;
          payload = fixed.get("hwProvision");
        }
        case 5 -> {
          type = EventType.NODE_ATTESTATION_COMPLETED;
          payload = fixed.get("initialAttestation");
        }
        case 6 -> {
          type = EventType.NODE_TRUST_CHAIN_ESTABLISHED;
          payload = fixed.get("trust");
        }
        case 7 -> {
          type = EventType.LIFECYCLE_STATE_CHANGED;
          payload = fixed.get("hwActivate");
        }
        case 8 -> {
          type = EventType.SOFTWARE_REGISTERED;
          payload =
              Payload.of("node_id", node, "name", "os", "kind", "os_image", "version", "24.04.3");
        }
        case 9 -> {
          type = EventType.LIFECYCLE_STATE_CHANGED;
          payload = fixed.get("swRegister");
        }
        case 10 -> {
          type = EventType.LIFECYCLE_STATE_CHANGED;
          payload = fixed.get("swDeploy");
        }
        case 11 -> {
          type = EventType.SOFTWARE_BASE_IMAGE_DEPLOYED;
          payload = fixed.get("image");
        }
        case 12 -> {
          type = EventType.NODE_HEALTH_VALIDATED;
          payload = health.get(1); // healthy: the guard of CONFIRM_RUNNING
        }
        default -> {
          type = EventType.LIFECYCLE_STATE_CHANGED;
          payload = fixed.get("swRunning");
        }
      }
    } else {
      long cycle = (k - PRELUDE) / CYCLE;
      int step = (int) ((k - PRELUDE) % CYCLE);
      int variant = (int) ((k * 31 + i) % VARIANTS);
      boolean maintenance = cycle % 2 == 0;
      software = step == 11;
      switch (step) {
        case 0, 4 -> {
          type = EventType.NODE_HEALTH_VALIDATED;
          payload = health.get(variant);
        }
        case 1 -> {
          type = EventType.NODE_CONNECTIVITY_CHANGED;
          payload = connectivity.get(variant);
        }
        case 2 -> {
          type = EventType.NODE_ATTESTATION_COMPLETED;
          payload = runtimeAttestations.get(variant);
        }
        case 3 -> {
          type = EventType.NODE_POLICY_COMPLIANCE_EVALUATED;
          payload = compliance.get(variant);
        }
        case 5 -> {
          type = EventType.NODE_DRIFT_DETECTED;
          payload = fixed.get("drift");
        }
        case 6 -> {
          type = EventType.MAINTENANCE_DRIFT_CORRECTED;
          payload = fixed.get("corrected");
        }
        case 7 -> {
          type = maintenance ? EventType.LIFECYCLE_STATE_CHANGED : EventType.NODE_HEALTH_VALIDATED;
          payload = maintenance ? fixed.get("hwMaintain") : health.get(variant);
        }
        case 8 -> {
          type =
              maintenance
                  ? EventType.MAINTENANCE_FIRMWARE_UPDATED
                  : EventType.NODE_CONNECTIVITY_CHANGED;
          payload = maintenance ? fixed.get("firmwareUpdate") : connectivity.get(variant);
        }
        case 9 -> {
          type =
              maintenance
                  ? EventType.NODE_ATTESTATION_COMPLETED
                  : EventType.NODE_POLICY_COMPLIANCE_EVALUATED;
          payload = maintenance ? fixed.get("postUpdateAttestation") : compliance.get(variant);
        }
        case 10 -> {
          type = maintenance ? EventType.LIFECYCLE_STATE_CHANGED : EventType.NODE_HEALTH_VALIDATED;
          payload = maintenance ? fixed.get("hwResume") : health.get(variant);
        }
        default -> {
          type = EventType.MAINTENANCE_PATCH_APPLIED;
          payload = fixed.get("patch");
        }
      }
    }
    Instant now = clock.instant();
    NewEvent event =
        NewEvent.builder(type)
            .eventId(ids.next())
            .occurredAt(now)
            .actor("fleet-agent-" + region)
            .region(region)
            .payload(payload)
            .build();
    RecordedEvent sealed;
    if (software) {
      long seq = ++softwareSeq[i];
      sealed = RecordedEvent.seal(event, node + "/os", seq, softwareHash[i], now, 0);
      softwareHash[i] = sealed.hash();
    } else {
      long seq = ++hardwareSeq[i];
      sealed = RecordedEvent.seal(event, node, seq, hardwareHash[i], now, 0);
      hardwareHash[i] = sealed.hash();
    }
    return sealed;
  }

  /** How many events node {@code i} has had. */
  long eventsOf(int i) {
    return next[i];
  }

  /** The hash of the last event of node {@code i}'s hardware or software stream, or null. */
  String headHash(int i, boolean software) {
    return software ? softwareHash[i] : hardwareHash[i];
  }

  /** Total events made so far (call after the producer threads ended). */
  long total() {
    return Arrays.stream(next).sum();
  }

  private static Payload stateChanged(String kind, String from, String to, String command) {
    Map<String, Object> fields = new HashMap<>();
    fields.put("component_kind", kind);
    fields.put("from", from);
    fields.put("to", to);
    fields.put("command", command);
    return Payload.of(fields);
  }

  private static Payload originPayload(Random random) {
    return Payload.of(
        "origin",
        "plant-7",
        "batch_id",
        "B-" + random.nextInt(10_000),
        "date",
        "2026-03-14",
        "qc_signature",
        "MEUCIQ" + hex(random, 24));
  }

  private static String hex(Random random, int bytes) {
    StringBuilder b = new StringBuilder(bytes * 2);
    for (int j = 0; j < bytes; j++) {
      b.append(Character.forDigit(random.nextInt(16), 16))
          .append(Character.forDigit(random.nextInt(16), 16));
    }
    return b.toString();
  }
}
