package io.souverix.lifecycle;

import io.souverix.lifecycle.event.EventIds;
import io.souverix.lifecycle.event.EventType;
import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.spi.EventStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;

/** Shared test data: a fixed clock, payloads of the catalogue, and ways to drive a component. */
final class Fixtures {
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final String NODE = "node-000042";
  static final String SOFTWARE = "node-000042/os";
  static final String SERIAL = "CERT-1";
  // Each Lifecycle gets its own seed: two generators with one seed on one fixed clock would
  // produce the same event ids.
  private static final java.util.concurrent.atomic.AtomicLong SEEDS =
      new java.util.concurrent.atomic.AtomicLong();

  private Fixtures() {}

  static EventStore store() {
    return EventStore.inMemory(CLOCK);
  }

  static Lifecycle lifecycle(EventStore store) {
    return lifecycle(store, Guards.defaults());
  }

  static Lifecycle lifecycle(EventStore store, Guards guards) {
    return builder(store).guards(guards).build();
  }

  /**
   * A lifecycle that skips schema validation, so that guard tests can feed malformed evidence, as a
   * store written by other means might hold: guards must fail closed on it, not crash.
   */
  static Lifecycle unvalidatedLifecycle(EventStore store) {
    return builder(store).guards(Guards.defaults()).skipSchemaValidation().build();
  }

  static Lifecycle.Builder builder(EventStore store) {
    return Lifecycle.builder()
        .store(store)
        .clock(CLOCK)
        .eventIds(EventIds.create(CLOCK, new Random(SEEDS.incrementAndGet())))
        .actor("test-operator");
  }

  /** A well-formed SHA-256 digest whose hex repeats {@code hexByte}. */
  static String digest(String hexByte) {
    return "sha256:" + hexByte.repeat(32);
  }

  static Payload nodeRegistration(String serial) {
    return Payload.of("serial", serial, "model", "sx-1", "region", "eu-west", "cluster", "c1");
  }

  static Payload softwareRegistration(String nodeId, String name) {
    return Payload.of("node_id", nodeId, "name", name, "kind", "os_image", "version", "1.0");
  }

  static Payload attestation(boolean passed) {
    return Payload.of(
        "kind",
        "initial",
        "passed",
        passed,
        "verifier",
        "tpm-verifier",
        "reasons",
        passed ? List.of() : List.of("pcr7 mismatch"));
  }

  static Payload trustChain(String serial, String notAfter) {
    return Payload.of("certificate_serial", serial, "issuer", "CN=Fleet CA", "not_after", notAfter);
  }

  static Payload health(boolean healthy) {
    return Payload.of("healthy", healthy, "checks", List.of("liveness"));
  }

  static Payload revocation(String... serials) {
    return Payload.of("serials", List.of(serials), "reason", "retired");
  }

  /** Registers {@link #NODE} and drives it to ACTIVE with passing evidence. */
  static ComponentState activeNode(Lifecycle lc) throws LifecycleException {
    lc.registerHardware(NODE, nodeRegistration("SX-42"));
    lc.execute(NODE, HardwareCommand.BEGIN_PROVISIONING);
    lc.record(NODE, EventType.NODE_ATTESTATION_COMPLETED, attestation(true));
    lc.record(
        NODE, EventType.NODE_TRUST_CHAIN_ESTABLISHED, trustChain(SERIAL, "2030-01-01T00:00:00Z"));
    return lc.execute(NODE, HardwareCommand.ACTIVATE);
  }

  /** Records the four graceful-decommission pieces of evidence on {@link #NODE}. */
  static void recordGracefulEvidence(Lifecycle lc) throws LifecycleException {
    lc.record(
        NODE,
        EventType.DECOMMISSION_WORKLOAD_MIGRATED,
        Payload.of("target_node", "node-000043", "workloads", List.of("db")));
    lc.record(
        NODE,
        EventType.DECOMMISSION_DATA_EXPORTED,
        Payload.of("location", "s3://export/42", "digest", digest("ab"), "bytes", 10));
    lc.record(NODE, EventType.DECOMMISSION_CERTIFICATES_REVOKED, revocation(SERIAL));
    recordAudit(lc);
  }

  /** Records an audit covering the stream up to its current head. */
  static void recordAudit(Lifecycle lc) throws LifecycleException {
    recordAudit(lc, NODE);
  }

  static void recordAudit(Lifecycle lc, String id) throws LifecycleException {
    List<RecordedEvent> h = lc.history(id);
    RecordedEvent head = h.get(h.size() - 1);
    lc.record(
        id,
        EventType.DECOMMISSION_AUDIT_COMPLETED,
        Payload.of("events", head.sequence(), "head_hash", head.hash()));
  }

  /** Records the three emergency pieces of evidence on {@link #NODE}. */
  static void recordEmergencyEvidence(Lifecycle lc) throws LifecycleException {
    lc.record(NODE, EventType.EMERGENCY_ISOLATED, Payload.of("reason", "compromise"));
    lc.record(NODE, EventType.EMERGENCY_TRUST_REVOKED, revocation(SERIAL));
    lc.record(
        NODE,
        EventType.EMERGENCY_SECURE_WIPED,
        Payload.of("method", "nist-800-88-purge", "verified_by", "sec-team"));
  }

  /**
   * Records evidence that makes the default guard {@code guardId} pass for component {@code id}.
   */
  static void satisfy(Lifecycle lc, String id, String guardId) throws LifecycleException {
    switch (guardId) {
      case Guards.ATTESTATION_PASSED:
        lc.record(id, EventType.NODE_ATTESTATION_COMPLETED, attestation(true));
        break;
      case Guards.TRUST_CHAIN_ESTABLISHED:
        lc.record(
            id, EventType.NODE_TRUST_CHAIN_ESTABLISHED, trustChain(SERIAL, "2030-01-01T00:00:00Z"));
        break;
      case Guards.WORKLOAD_MIGRATED:
        lc.record(
            id,
            EventType.DECOMMISSION_WORKLOAD_MIGRATED,
            Payload.of("target_node", "node-000043", "workloads", List.of("db")));
        break;
      case Guards.DATA_EXPORTED:
        lc.record(
            id,
            EventType.DECOMMISSION_DATA_EXPORTED,
            Payload.of("location", "s3://export", "digest", digest("ab"), "bytes", 10));
        break;
      case Guards.CERTIFICATES_REVOKED:
        lc.record(id, EventType.DECOMMISSION_CERTIFICATES_REVOKED, revocation(SERIAL));
        break;
      case Guards.AUDIT_COMPLETED:
        recordAudit(lc, id);
        break;
      case Guards.ISOLATED:
        lc.record(id, EventType.EMERGENCY_ISOLATED, Payload.of("reason", "compromise"));
        break;
      case Guards.TRUST_REVOKED:
        lc.record(id, EventType.EMERGENCY_TRUST_REVOKED, revocation(SERIAL));
        break;
      case Guards.SECURE_WIPE_RECORDED:
        lc.record(
            id,
            EventType.EMERGENCY_SECURE_WIPED,
            Payload.of("method", "purge", "verified_by", "sec-team"));
        break;
      case Guards.HEALTHY:
        lc.record(id, EventType.NODE_HEALTH_VALIDATED, health(true));
        break;
      default:
        throw new IllegalArgumentException(guardId);
    }
  }

  /** Records the evidence a command needs, then executes it. */
  static ComponentState satisfyAndExecute(Lifecycle lc, String id, LifecycleCommand command)
      throws LifecycleException {
    for (String g : TransitionTable.of(command.kind()).guards(command)) {
      satisfy(lc, id, g);
    }
    return lc.execute(id, command);
  }

  /** The shortest command path from one state to another (breadth first over the table). */
  static List<LifecycleCommand> path(LifecycleState from, LifecycleState to) {
    TransitionTable table = TransitionTable.of(from.kind());
    java.util.Map<LifecycleState, List<LifecycleCommand>> paths = new java.util.HashMap<>();
    java.util.ArrayDeque<LifecycleState> queue = new java.util.ArrayDeque<>();
    paths.put(from, List.of());
    queue.add(from);
    while (!queue.isEmpty()) {
      LifecycleState s = queue.poll();
      if (s == to) {
        return paths.get(s);
      }
      for (LifecycleCommand c : table.allowedCommands(s)) {
        LifecycleState next = table.target(s, c).orElseThrow();
        if (!paths.containsKey(next)) {
          List<LifecycleCommand> p = new java.util.ArrayList<>(paths.get(s));
          p.add(c);
          paths.put(next, List.copyOf(p));
          queue.add(next);
        }
      }
    }
    throw new IllegalArgumentException("unreachable: " + to);
  }

  /** Registers a component of {@code state}'s kind and drives it to {@code state}. */
  static ComponentState driveTo(Lifecycle lc, LifecycleState state) throws LifecycleException {
    ComponentState s =
        state.kind() == ComponentKind.HARDWARE
            ? lc.registerHardware(NODE, nodeRegistration("SX-42"))
            : lc.registerSoftware(SOFTWARE, softwareRegistration(NODE, "os"));
    for (LifecycleCommand c : path(s.state(), state)) {
      s = satisfyAndExecute(lc, s.componentId(), c);
    }
    return s;
  }
}
