package io.souverix.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.souverix.lifecycle.CommandOptions;
import io.souverix.lifecycle.HardwareCommand;
import io.souverix.lifecycle.HardwareState;
import io.souverix.lifecycle.Lifecycle;
import io.souverix.lifecycle.LifecycleException;
import io.souverix.lifecycle.SoftwareCommand;
import io.souverix.lifecycle.event.EventIds;
import io.souverix.lifecycle.event.EventType;
import io.souverix.lifecycle.event.NewEvent;
import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.port.ConnectivityManager;
import io.souverix.lifecycle.port.SyncDebt;
import io.souverix.lifecycle.projection.Checkpoint;
import io.souverix.lifecycle.projection.CheckpointKey;
import io.souverix.lifecycle.projection.CheckpointStore;
import io.souverix.lifecycle.projection.ComponentRecord;
import io.souverix.lifecycle.projection.Connectivity;
import io.souverix.lifecycle.projection.CurrentState;
import io.souverix.lifecycle.projection.Inventory;
import io.souverix.lifecycle.projection.NodeConnectivity;
import io.souverix.lifecycle.projection.NodeQuery;
import io.souverix.lifecycle.projection.Projection;
import io.souverix.lifecycle.projection.ProjectionRunner;
import io.souverix.lifecycle.projection.SoftwareRecord;
import io.souverix.lifecycle.projection.Timeline;
import io.souverix.lifecycle.schema.EventSchemas;
import io.souverix.lifecycle.spi.EventStore;
import io.souverix.lifecycle.time.ManualClock;
import io.souverix.lifecycle.verify.ChainProblem;
import io.souverix.lifecycle.verify.ChainVerification;
import io.souverix.lifecycle.verify.ChainVerifier;
import io.souverix.lifecycle.view.HardwareLifecycle;
import io.souverix.lifecycle.view.SoftwareLifecycle;
import io.souverix.store.sqlite.SqliteEventStore;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * The fleet scenario behind {@code souverix demo}: provisions a fleet, rolls out an update in
 * waves, takes a region offline and back, decommissions two nodes, then rebuilds the projections
 * from position 0 and verifies the hash chains.
 *
 * <p>Deterministic: every event time comes from a {@link ManualClock} that starts at {@link #START}
 * and that the scenario advances, event ids come from {@link EventIds} on that clock and a {@link
 * Random} seeded with the seed, and every choice (models, failing nodes, waves) comes from another
 * seeded {@link Random}. Two runs with the same node count and seed write byte-identical events, so
 * their hashes are identical. Wall-clock time is only measured, never written.
 */
final class FleetDemo {
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  static final List<String> REGIONS = List.of("eu-west", "us-east", "ap-south");
  static final String OFFLINE_REGION = "ap-south";
  static final int MIN_NODES = 10;
  static final int MAX_NODES = 1_000_000;
  static final String ACTOR = "souverix-demo";

  private static final int CLUSTERS_PER_REGION = 4;
  private static final Duration TICK = Duration.ofMillis(20);
  private static final String[] MODELS = {"edge-a1", "edge-a2", "edge-x9"};
  private static final String[] MODEL_FIRMWARE = {"1.4.2", "1.4.2", "2.0.1"};
  private static final String[] ORIGINS = {"plant-lyon", "plant-austin", "plant-penang"};
  private static final int BATCH_SIZE = 250;
  private static final String OS_VERSION = "5.1.0";
  private static final String AGENT_FROM = "2.3.0";
  private static final String AGENT_TO = "2.4.0";
  private static final String AGENT_DESIRED = "2.4.1";
  private static final String ROLLOUT_ID = "agent-" + AGENT_TO;
  private static final double[] WAVE_ENDS = {0.02, 0.20, 0.60, 1.0};
  private static final double FAILURE_RATE = 0.01;
  private static final List<String> CHECKS = List.of("liveness", "readiness", "disk");
  private static final String DURABILITY =
      "SQLite WAL with synchronous=NORMAL: an acknowledged append survives a crash of the"
          + " process, not a power loss or OS crash";

  private final int nodes;
  private final long seed;
  private final Path db;
  private final Progress progress;
  private final SqliteEventStore raw;
  private final EventStore store;
  private final ManualClock clock;
  private final EventIds ids;
  private final Lifecycle lifecycle;
  private final Random random;
  private final MessageDigest sha256;
  private final ObjectNode report = Json.object();
  private final ArrayNode steps;

  private final String[] nodeIds;
  private final int[] regionOf;
  private final int[] modelOf;
  private final CommandOptions[] regionOptions;
  private final Payload[] firmwarePayloads;
  private final Payload healthy;
  private final Payload unhealthy;
  private final Payload osImage;
  private final Payload agentImage;

  private FleetDemo(
      Path db, int nodes, long seed, Progress progress, SqliteEventStore raw, ManualClock clock) {
    this.db = db;
    this.nodes = nodes;
    this.seed = seed;
    this.progress = progress;
    this.raw = raw;
    this.clock = clock;
    this.ids = EventIds.create(clock, new Random(seed));
    this.store = EventSchemas.builtIn().validating(raw);
    this.lifecycle =
        Lifecycle.builder().store(store).clock(clock).eventIds(ids).actor(ACTOR).build();
    this.random = new Random(seed * 0x9E3779B97F4A7C15L + 1);
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
    this.nodeIds = new String[nodes];
    this.regionOf = new int[nodes];
    this.modelOf = new int[nodes];
    String idFormat = "node-%0" + Math.max(6, Integer.toString(nodes).length()) + "d";
    for (int i = 0; i < nodes; i++) {
      nodeIds[i] = String.format(Locale.ROOT, idFormat, i + 1);
      regionOf[i] = i % REGIONS.size();
      modelOf[i] = random.nextInt(MODELS.length);
    }
    this.regionOptions = new CommandOptions[REGIONS.size()];
    for (int r = 0; r < REGIONS.size(); r++) {
      regionOptions[r] = CommandOptions.builder().region(REGIONS.get(r)).build();
    }
    this.firmwarePayloads = new Payload[MODELS.length];
    for (int m = 0; m < MODELS.length; m++) {
      firmwarePayloads[m] =
          Payload.of(
              "version",
              MODEL_FIRMWARE[m],
              "digest",
              digest("firmware/" + MODELS[m] + "/" + MODEL_FIRMWARE[m]),
              "signature_chain",
              List.of("souverix-root-ca-2024", "souverix-firmware-signing-2025"));
    }
    this.healthy = Payload.of("healthy", true, "checks", CHECKS);
    this.unhealthy = Payload.of("healthy", false, "checks", CHECKS);
    this.osImage =
        Payload.of(
            "image",
            "registry.souverix.io/edge-os",
            "version",
            OS_VERSION,
            "digest",
            digest("edge-os:" + OS_VERSION));
    this.agentImage = agentImage(AGENT_FROM);
    this.steps = report.putArray("steps");
  }

  /**
   * Runs the whole scenario on a new store file and returns the report.
   *
   * @param db a path where no store exists (the caller removed any old file)
   * @param nodes the fleet size, {@link #MIN_NODES} to {@link #MAX_NODES}
   * @param seed the seed of every random choice and of the event ids
   * @param progress where step progress goes
   */
  static ObjectNode run(Path db, int nodes, long seed, Progress progress) throws Exception {
    // The store stamps recordedAt, which is hashed: it must run on the scenario's clock.
    ManualClock clock = ManualClock.at(START);
    try (SqliteEventStore raw =
        SqliteEventStore.newBuilder(db)
            .clock(clock)
            .synchronous(SqliteEventStore.Synchronous.NORMAL)
            .open()) {
      return new FleetDemo(db, nodes, seed, progress, raw, clock).run();
    }
  }

  private ObjectNode run() throws Exception {
    long started = System.nanoTime();
    report.put("ok", true);
    report.put("db", db.toString());
    report.put("nodes", nodes);
    report.put("seed", seed);
    report.put("simulated_start", START.toString());
    ObjectNode storeInfo = report.putObject("store");
    storeInfo.put("file", raw.file().toString());
    storeInfo.put("journal_mode", "wal");
    storeInfo.put("synchronous", "normal");
    storeInfo.put("durability", DURABILITY);

    provision();
    rollout();
    offlineRegion();
    ArrayNode decommissioned = decommission();
    project(decommissioned);
    boolean intact = verify();

    report.put("ok", intact);
    report.put("simulated_end", clock.instant().toString());
    report.put("wall_ms", (System.nanoTime() - started) / 1_000_000);
    report.put("peak_heap_mb", peakHeapMegabytes());
    return report;
  }

  // ---- step a: provisioning -----------------------------------------------------------------

  private void provision() throws Exception {
    step(
        "provision",
        nodes,
        s -> {
          for (int i = 0; i < nodes; i++) {
            provisionNode(i);
            s.advance();
          }
          return String.format(Locale.ROOT, "%,d nodes ACTIVE", nodes);
        });
  }

  private void provisionNode(int i) throws LifecycleException {
    String id = nodeIds[i];
    int r = regionOf[i];
    String region = REGIONS.get(r);
    CommandOptions o = regionOptions[r];
    int m = modelOf[i];
    int batch = i / BATCH_SIZE;
    String batchId = String.format(Locale.ROOT, "B25-%04d", batch + 1);
    String origin = ORIGINS[batch % ORIGINS.length];
    String date = LocalDate.of(2025, 9, 1).plusDays(batch % 120).toString();
    tick();
    lifecycle.registerHardware(
        id,
        Payload.of(
            "serial",
            String.format(Locale.ROOT, "SX%d-%07d", m + 1, i + 1),
            "model",
            MODELS[m],
            "region",
            region,
            "cluster",
            region + "-c" + (i / REGIONS.size() % CLUSTERS_PER_REGION + 1),
            "manufacturing",
            Map.of("origin", origin, "batch_id", batchId, "date", date)),
        List.of(
            event(
                EventType.NODE_MANUFACTURING_ORIGIN_RECORDED,
                Payload.of(
                    "origin",
                    origin,
                    "batch_id",
                    batchId,
                    "date",
                    date,
                    "qc_signature",
                    "qc:" + batchId + ":approved"),
                region),
            event(EventType.NODE_FIRMWARE_BASELINE_CAPTURED, firmwarePayloads[m], region)),
        o);
    tick();
    lifecycle.execute(id, HardwareCommand.BEGIN_PROVISIONING, o);
    tick();
    lifecycle.record(
        id,
        event(
            EventType.NODE_TRUST_CHAIN_ESTABLISHED,
            Payload.of(
                "certificate_serial",
                certificateSerial(i),
                "issuer",
                "CN=Souverix Fleet CA 1,O=Souverix",
                "not_after",
                "2029-01-01T00:00:00Z"),
            region));
    tick();
    lifecycle.record(
        id,
        event(
            EventType.NODE_ATTESTATION_COMPLETED,
            Payload.of(
                "kind",
                "initial",
                "passed",
                true,
                "verifier",
                "tpm-verifier",
                "evidence_digest",
                digest("attestation/" + id + "/" + seed),
                "reasons",
                List.of()),
            region));
    deploySoftware(
        id,
        "os",
        "os_image",
        OS_VERSION,
        EventType.SOFTWARE_BASE_IMAGE_DEPLOYED,
        osImage,
        region,
        o);
    deploySoftware(
        id,
        "agent",
        "container_image",
        AGENT_FROM,
        EventType.SOFTWARE_CONTAINER_IMAGE_PULLED,
        agentImage,
        region,
        o);
    tick();
    lifecycle.execute(id, HardwareCommand.ACTIVATE, o);
  }

  private void deploySoftware(
      String nodeId,
      String name,
      String kind,
      String version,
      EventType imageType,
      Payload image,
      String region,
      CommandOptions o)
      throws LifecycleException {
    String component = nodeId + "/" + name;
    tick();
    lifecycle.registerSoftware(
        component,
        Payload.of("node_id", nodeId, "name", name, "kind", kind, "version", version),
        List.of(),
        o);
    tick();
    lifecycle.execute(component, SoftwareCommand.DEPLOY, o);
    tick();
    lifecycle.record(component, event(imageType, image, region));
    tick();
    lifecycle.record(component, event(EventType.NODE_HEALTH_VALIDATED, healthy, region));
    tick();
    lifecycle.execute(component, SoftwareCommand.CONFIRM_RUNNING, o);
  }

  // ---- step b: rollout in waves -------------------------------------------------------------

  private void rollout() throws Exception {
    clock.advance(Duration.ofHours(1));
    List<Integer> order = shuffled();
    int failures = Math.max(1, (int) Math.round(nodes * FAILURE_RATE));
    Set<Integer> failing = Set.copyOf(shuffled().subList(0, failures));
    int[] ends = new int[WAVE_ENDS.length];
    for (int w = 0; w < ends.length; w++) {
      int previous = w == 0 ? 0 : ends[w - 1];
      ends[w] = Math.max(w == 0 ? 1 : previous, (int) Math.round(nodes * WAVE_ENDS[w]));
    }
    ends[ends.length - 1] = nodes;
    Payload[][] progressed = new Payload[ends.length][];
    for (int w = 0; w < ends.length; w++) {
      progressed[w] =
          new Payload[] {
            progressed(w, "started"), progressed(w, "succeeded"), progressed(w, "failed")
          };
    }
    CommandOptions[] update = regionOptionsWithReason("rollout " + ROLLOUT_ID);
    CommandOptions[] fail =
        regionOptionsWithReason("health validation failed after the update to " + AGENT_TO);
    CommandOptions[] rollBack = regionOptionsWithReason("rolled back to " + AGENT_FROM);
    Payload patch =
        Payload.of(
            "from_version",
            AGENT_FROM,
            "to_version",
            AGENT_TO,
            "patch_id",
            ROLLOUT_ID,
            "digest",
            agentImage(AGENT_TO).requireText("digest"));
    Payload rolledBack =
        Payload.of(
            "rollout_id",
            ROLLOUT_ID,
            "component",
            "agent",
            "from_version",
            AGENT_TO,
            "to_version",
            AGENT_FROM,
            "reason",
            "readiness check failed after the update");

    ObjectNode o = report.putObject("rollout");
    o.put("rollout_id", ROLLOUT_ID);
    o.put("component", "agent");
    o.put("from_version", AGENT_FROM);
    o.put("to_version", AGENT_TO);
    ArrayNode waves = o.putArray("waves");
    step(
        "rollout",
        nodes,
        s -> {
          int start = 0;
          int succeeded = 0;
          int rolledBackCount = 0;
          for (int w = 0; w < ends.length; w++) {
            if (ends[w] <= start) {
              continue;
            }
            clock.advance(Duration.ofMinutes(30));
            ObjectNode wave = waves.addObject();
            wave.put("wave", w);
            wave.put("name", w == 0 ? "canary" : "wave " + w);
            wave.put("started_at", clock.instant().toString());
            wave.put("nodes", ends[w] - start);
            int ok = 0;
            int back = 0;
            for (int k = start; k < ends[w]; k++) {
              int i = order.get(k);
              String id = nodeIds[i];
              String component = id + "/agent";
              int r = regionOf[i];
              String region = REGIONS.get(r);
              tick();
              lifecycle.record(id, event(EventType.ROLLOUT_PROGRESSED, progressed[w][0], region));
              tick();
              lifecycle.execute(component, SoftwareCommand.BEGIN_UPDATE, update[r]);
              tick();
              lifecycle.record(
                  component, event(EventType.MAINTENANCE_PATCH_APPLIED, patch, region));
              if (!failing.contains(i)) {
                tick();
                lifecycle.record(
                    component, event(EventType.NODE_HEALTH_VALIDATED, healthy, region));
                tick();
                lifecycle.execute(component, SoftwareCommand.CONFIRM_RUNNING, regionOptions[r]);
                tick();
                lifecycle.record(id, event(EventType.ROLLOUT_PROGRESSED, progressed[w][1], region));
                ok++;
              } else {
                tick();
                lifecycle.record(
                    component, event(EventType.NODE_HEALTH_VALIDATED, unhealthy, region));
                tick();
                lifecycle.execute(component, SoftwareCommand.FAIL, fail[r]);
                tick();
                lifecycle.record(
                    component, event(EventType.ROLLOUT_ROLLED_BACK, rolledBack, region));
                tick();
                lifecycle.record(
                    component, event(EventType.NODE_HEALTH_VALIDATED, healthy, region));
                tick();
                lifecycle.execute(component, SoftwareCommand.ROLL_BACK, rollBack[r]);
                tick();
                lifecycle.record(id, event(EventType.ROLLOUT_PROGRESSED, progressed[w][2], region));
                back++;
              }
              s.advance();
            }
            wave.put("succeeded", ok);
            wave.put("rolled_back", back);
            succeeded += ok;
            rolledBackCount += back;
            start = ends[w];
          }
          o.put("succeeded", succeeded);
          o.put("rolled_back", rolledBackCount);
          return String.format(
              Locale.ROOT, "%,d updated, %,d rolled back", succeeded, rolledBackCount);
        });
  }

  private Payload progressed(int wave, String status) {
    return Payload.of(
        "rollout_id",
        ROLLOUT_ID,
        "component",
        "agent",
        "version",
        AGENT_TO,
        "wave",
        wave,
        "status",
        status);
  }

  // ---- step c: a region offline and back ----------------------------------------------------

  private void offlineRegion() throws Exception {
    int r = REGIONS.indexOf(OFFLINE_REGION);
    String region = OFFLINE_REGION;
    List<Integer> members = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      if (regionOf[i] == r) {
        members.add(i);
      }
    }
    ObjectNode o = report.putObject("offline_region");
    o.put("region", region);
    o.put("nodes", members.size());
    Payload autonomous =
        Payload.of(
            "state",
            "autonomous",
            "reason",
            "uplink to the regional master lost; running on the last desired state");
    Payload connected = Payload.of("state", "connected", "reason", "uplink restored");
    Payload desiredAgent =
        Payload.of("component", "agent", "version", AGENT_DESIRED, "source", "global");
    Payload desiredPolicy =
        Payload.of("component", "policy", "policy_version", "2026.01.2", "source", "global");

    clock.advance(Duration.ofHours(1));
    long before = raw.headPosition();
    step(
        "offline",
        members.size() * 2L,
        s -> {
          o.put("offline_at", clock.instant().toString());
          for (int i : members) {
            tick();
            lifecycle.record(
                nodeIds[i], event(EventType.NODE_CONNECTIVITY_CHANGED, autonomous, region));
            s.advance();
          }
          clock.advance(Duration.ofHours(2));
          int desired = 0;
          for (int i : members) {
            tick();
            lifecycle.record(
                nodeIds[i], event(EventType.NODE_DESIRED_STATE_CHANGED, desiredAgent, region));
            desired++;
            if (random.nextInt(3) == 0) {
              tick();
              lifecycle.record(
                  nodeIds[i], event(EventType.NODE_DESIRED_STATE_CHANGED, desiredPolicy, region));
              desired++;
            }
          }
          o.put("desired_state_changes_while_offline", desired);
          clock.advance(Duration.ofHours(4));
          o.put("back_at", clock.instant().toString());
          for (int i : members) {
            tick();
            lifecycle.record(
                nodeIds[i], event(EventType.NODE_CONNECTIVITY_CHANGED, connected, region));
            s.advance();
          }
          return String.format(
              Locale.ROOT, "%,d nodes autonomous for about 6 h and back", members.size());
        });

    ObjectNode debtReport = o.putObject("sync_debt");
    step(
        "sync-debt",
        members.size(),
        s -> {
          ConnectivityManager manager = ConnectivityManager.inProcess(raw);
          // Feed the manager from the events of this step only: the feed starts from a checkpoint
          // at the position before the region went offline. It opens and closes the windows and
          // indexes each node's missed events, so the replays below read only those events.
          Projection<Set<String>> feed = ConnectivityManager.transitionsFeed(manager);
          CheckpointStore checkpoints = CheckpointStore.inMemory();
          checkpoints.save(
              new Checkpoint<Set<String>>(CheckpointKey.of(feed.name()), before, Set.of()));
          try (ProjectionRunner runner =
              ProjectionRunner.builder(raw).checkpoints(checkpoints).add(feed).build()) {
            runner.catchUp();
          }
          long missed = 0;
          long replayed = 0;
          long remaining = 0;
          long min = Long.MAX_VALUE;
          long max = 0;
          int indebted = 0;
          TreeMap<Long, Integer> histogram = new TreeMap<>();
          ObjectNode example = null;
          for (int i : members) {
            String id = nodeIds[i];
            SyncDebt debt = manager.syncDebt(id);
            List<RecordedEvent> replay = manager.replayFrom(id);
            if (replay.size() != debt.eventsMissed()) {
              throw new IllegalStateException(
                  String.format(
                      Locale.ROOT,
                      "replay of %s; expected the %d missed events, but got %d",
                      id,
                      debt.eventsMissed(),
                      replay.size()));
            }
            if (example == null) {
              example = exampleReplay(id, debt, replay);
            }
            // The node applied the replayed events: acknowledge up to the end of its window.
            manager.acknowledge(id, debt.toPosition());
            remaining += manager.syncDebt(id).eventsMissed();
            missed += debt.eventsMissed();
            replayed += replay.size();
            indebted += debt.eventsMissed() > 0 ? 1 : 0;
            min = Math.min(min, debt.eventsMissed());
            max = Math.max(max, debt.eventsMissed());
            histogram.merge(debt.eventsMissed(), 1, Integer::sum);
            s.advance();
          }
          debtReport.put("nodes_with_debt", indebted);
          debtReport.put("events_missed", missed);
          debtReport.put("min_per_node", members.isEmpty() ? 0 : min);
          debtReport.put("max_per_node", max);
          ObjectNode h = debtReport.putObject("nodes_by_events_missed");
          histogram.forEach((k, v) -> h.put(Long.toString(k), v));
          debtReport.put("events_replayed", replayed);
          debtReport.put("remaining_after_replay", remaining);
          if (example != null) {
            debtReport.set("example", example);
          }
          return String.format(
              Locale.ROOT,
              "%,d events missed by %,d nodes, %,d replayed, %,d left",
              missed,
              indebted,
              replayed,
              remaining);
        });
  }

  private static ObjectNode exampleReplay(String id, SyncDebt debt, List<RecordedEvent> replay) {
    ObjectNode example = Json.object();
    example.put("node", id);
    example.put("since", debt.since() == null ? null : debt.since().toString());
    example.put("from_position", debt.fromPosition());
    example.put("to_position", debt.toPosition());
    ArrayNode events = example.putArray("events");
    for (RecordedEvent e : replay) {
      ObjectNode event = events.addObject();
      event.put("position", e.position());
      event.put("type", e.type());
      event.set("payload", Json.parse(e.payload().json()));
    }
    return example;
  }

  // ---- step d: decommissioning --------------------------------------------------------------

  private ArrayNode decommission() throws Exception {
    ArrayNode out = report.putArray("decommissioned");
    clock.advance(Duration.ofDays(1));
    int graceful = 0; // eu-west
    int emergency = 1; // us-east
    int target = 3; // eu-west, like the graceful node
    step(
        "decommission",
        2,
        s -> {
          gracefulDecommission(graceful, target, out);
          s.advance();
          emergencyDecommission(emergency, out);
          s.advance();
          return "1 graceful, 1 emergency";
        });
    return out;
  }

  private void gracefulDecommission(int i, int target, ArrayNode out) throws Exception {
    String id = nodeIds[i];
    String region = REGIONS.get(regionOf[i]);
    tick();
    lifecycle.execute(
        id, HardwareCommand.BEGIN_DECOMMISSION, withReason(i, "hardware refresh: end of service"));
    tick();
    lifecycle.record(
        id,
        event(
            EventType.DECOMMISSION_WORKLOAD_MIGRATED,
            Payload.of("target_node", nodeIds[target], "workloads", List.of("agent")),
            region));
    for (String sw : List.of("agent", "os")) {
      tick();
      lifecycle.execute(
          id + "/" + sw,
          SoftwareCommand.RETIRE,
          withReason(i, "workload migrated to " + nodeIds[target]));
    }
    tick();
    lifecycle.record(
        id,
        event(
            EventType.DECOMMISSION_DATA_EXPORTED,
            Payload.of(
                "location",
                "archive://souverix-demo/" + id + ".tar.zst",
                "digest",
                digest("export/" + id),
                "bytes",
                734_003_200L),
            region));
    tick();
    lifecycle.record(
        id,
        event(
            EventType.DECOMMISSION_CERTIFICATES_REVOKED,
            Payload.of("serials", List.of(certificateSerial(i)), "reason", "cessationOfOperation"),
            region));
    // The audit re-checks the node's own chain, then anchors itself to the stream's head.
    List<RecordedEvent> history = lifecycle.history(id);
    String previous = null;
    for (RecordedEvent e : history) {
      if (!e.hashMatches() || !Objects.equals(previous, e.prevHash())) {
        throw new IllegalStateException("audit of " + id + " found a broken chain at " + e);
      }
      previous = e.hash();
    }
    RecordedEvent head = history.get(history.size() - 1);
    tick();
    lifecycle.record(
        id,
        event(
            EventType.DECOMMISSION_AUDIT_COMPLETED,
            Payload.of("events", head.sequence(), "head_hash", head.hash()),
            region));
    tick();
    lifecycle.execute(
        id, HardwareCommand.COMPLETE_DECOMMISSION, withReason(i, "graceful decommission done"));
    ObjectNode n = out.addObject();
    n.put("node", id);
    n.put("path", "graceful");
    n.put("region", region);
    n.put("workload_migrated_to", nodeIds[target]);
    n.put("audited_events", head.sequence());
    n.put("audited_head_hash", head.hash());
    n.put(
        "commands",
        "BEGIN_DECOMMISSION, RETIRE (agent, os), COMPLETE_DECOMMISSION after workload_migrated,"
            + " data_exported, certificates_revoked, audit_completed");
  }

  private void emergencyDecommission(int i, ArrayNode out) throws Exception {
    String id = nodeIds[i];
    String region = REGIONS.get(regionOf[i]);
    String reason = "tamper switch triggered";
    tick();
    lifecycle.execute(id, HardwareCommand.ISOLATE, withReason(i, reason));
    tick();
    lifecycle.record(
        id,
        event(
            EventType.EMERGENCY_ISOLATED,
            Payload.of("reason", reason + "; network ports disabled"),
            region));
    tick();
    lifecycle.record(
        id,
        event(
            EventType.EMERGENCY_TRUST_REVOKED,
            Payload.of("serials", List.of(certificateSerial(i)), "reason", "keyCompromise"),
            region));
    tick();
    lifecycle.record(
        id,
        event(
            EventType.EMERGENCY_SECURE_WIPED,
            Payload.of("method", "crypto-erase", "verified_by", "secops-oncall"),
            region));
    tick();
    lifecycle.execute(
        id,
        HardwareCommand.COMPLETE_EMERGENCY_DECOMMISSION,
        withReason(i, "emergency decommission done"));
    for (String sw : List.of("agent", "os")) {
      tick();
      lifecycle.execute(
          id + "/" + sw, SoftwareCommand.RETIRE, withReason(i, "node decommissioned: " + reason));
    }
    ObjectNode n = out.addObject();
    n.put("node", id);
    n.put("path", "emergency");
    n.put("region", region);
    n.put("reason", reason);
    n.put(
        "commands",
        "ISOLATE, COMPLETE_EMERGENCY_DECOMMISSION after isolated, trust_revoked, secure_wiped;"
            + " RETIRE (agent, os)");
  }

  // ---- step e: projections, summary, verification -------------------------------------------

  private void project(ArrayNode decommissioned) throws Exception {
    CurrentState state = CurrentState.create();
    Inventory inventory = Inventory.of(state);
    Connectivity connectivity = Connectivity.create();
    Timeline timeline = Timeline.create();
    step(
        "projections",
        0,
        s -> {
          try (ProjectionRunner runner =
              ProjectionRunner.builder(raw)
                  .add(state)
                  .add(connectivity)
                  .add(timeline)
                  .checkpointEvery(Integer.MAX_VALUE)
                  .pageSize(4096)
                  .build()) {
            processed = runner.rebuild();
          }
          return String.format(
              Locale.ROOT, "%,d events into current-state, connectivity and timeline", processed);
        });

    ObjectNode fleet = report.putObject("fleet");
    fleet.put("nodes", inventory.nodeCount());
    fleet.put("software_components", inventory.softwareCount());
    ObjectNode byRegion = fleet.putObject("nodes_by_region_and_state");
    ObjectNode totals = fleet.putObject("nodes_by_state");
    Map<String, Long> total = new TreeMap<>();
    for (String region : REGIONS) {
      ObjectNode regionNode = byRegion.putObject(region);
      for (HardwareState st : HardwareState.values()) {
        long n =
            inventory
                .nodes(
                    NodeQuery.newBuilder()
                        .region(region)
                        .lifecycleState(st.name())
                        .limit(1)
                        .build())
                .total();
        if (n > 0) {
          regionNode.put(st.name(), n);
          total.merge(st.name(), n, Long::sum);
        }
      }
    }
    total.forEach(totals::put);

    Map<String, Map<String, Integer>> versions = new TreeMap<>();
    Map<String, Map<String, Integer>> states = new TreeMap<>();
    for (ComponentRecord c : state.components()) {
      if (c instanceof SoftwareRecord) {
        SoftwareRecord sw = (SoftwareRecord) c;
        versions
            .computeIfAbsent(sw.name(), k -> new TreeMap<>())
            .merge(String.valueOf(sw.softwareVersion()), 1, Integer::sum);
        states
            .computeIfAbsent(sw.name(), k -> new TreeMap<>())
            .merge(String.valueOf(sw.lifecycleState()), 1, Integer::sum);
      }
    }
    ObjectNode software = report.putObject("software");
    versions.forEach(
        (name, byVersion) -> {
          ObjectNode n = software.putObject(name);
          ObjectNode v = n.putObject("versions");
          byVersion.forEach(v::put);
          ObjectNode st = n.putObject("states");
          states.get(name).forEach(st::put);
        });

    ObjectNode offline = (ObjectNode) report.get("offline_region");
    Instant now = clock.instant();
    long autonomousNanos = 0;
    int members = 0;
    int connectedNow = 0;
    for (NodeConnectivity c : connectivity.nodes()) {
      int i = indexOf(c.nodeId());
      if (i >= 0 && REGIONS.get(regionOf[i]).equals(OFFLINE_REGION)) {
        members++;
        autonomousNanos += c.autonomousTotalAt(now).toNanos();
        connectedNow += "connected".equals(c.state()) ? 1 : 0;
      }
    }
    offline.put("connected_now", connectedNow);
    offline.put(
        "mean_autonomous_minutes",
        members == 0 ? 0 : Math.round(autonomousNanos / (double) members / 60e9 * 10) / 10.0);

    for (int k = 0; k < decommissioned.size(); k++) {
      ObjectNode d = (ObjectNode) decommissioned.get(k);
      String id = d.get("node").asText();
      state.node(id).ifPresent(n -> d.put("lifecycle_state", n.lifecycleState()));
      d.put("timeline_entries", timeline.forNode(id).size());
    }

    ObjectNode views = report.putObject("views");
    String active = nodeIds[REGIONS.indexOf(OFFLINE_REGION)];
    views.set("active_node", hardwareView(state, active));
    views.set(
        "graceful_decommissioned", hardwareView(state, decommissioned.get(0).get("node").asText()));
    views.set(
        "emergency_decommissioned",
        hardwareView(state, decommissioned.get(1).get("node").asText()));
    SoftwareRecord agent =
        state
            .software(active + "/agent")
            .orElseThrow(() -> new IllegalStateException("no agent on " + active));
    views.set("agent", Json.parse(SoftwareLifecycle.from(agent).toJson()));
  }

  private static JsonNode hardwareView(CurrentState state, String id) {
    return Json.parse(
        HardwareLifecycle.from(
                state.node(id).orElseThrow(() -> new IllegalStateException("no node " + id)))
            .toJson());
  }

  private boolean verify() throws Exception {
    ChainVerification[] result = new ChainVerification[1];
    step(
        "verify",
        0,
        s -> {
          result[0] = ChainVerifier.verify(raw);
          processed = result[0].eventsChecked();
          return result[0].ok()
              ? "hash chains intact"
              : String.format(Locale.ROOT, "%d problems", result[0].problems().size());
        });
    ChainVerification v = result[0];
    ObjectNode chain = report.putObject("chain");
    chain.put("ok", v.ok());
    chain.put("events_checked", v.eventsChecked());
    chain.put("streams_checked", v.streamsChecked());
    ArrayNode problems = chain.putArray("problems");
    for (ChainProblem p : v.problems()) {
      problems.add(VerifyCommand.problemJson(p));
    }
    ObjectNode events = report.putObject("events");
    long head = raw.headPosition();
    events.put("total", head);
    events.put("streams", v.streamsChecked());
    events.put("head_position", head);
    events.put("head_hash", head == 0 ? null : raw.readAll(head, 1).get(0).hash());
    return v.ok();
  }

  // ---- helpers ------------------------------------------------------------------------------

  /** Work of one step; returns a one-line result. */
  @FunctionalInterface
  private interface StepWork {
    String run(Progress.Step step) throws Exception;
  }

  /** Events a read-only step processed; -1 means "use the events it wrote". */
  private long processed = -1;

  private void step(String name, long units, StepWork work) throws Exception {
    long before = raw.headPosition();
    processed = -1;
    Progress.Step s = progress.start(name, units);
    String result = work.run(s);
    long nanos = s.finish(result);
    long written = raw.headPosition() - before;
    long events = processed >= 0 ? processed : written;
    ObjectNode o = steps.addObject();
    o.put("step", name);
    o.put("result", result);
    o.put("wall_ms", nanos / 1_000_000);
    o.put("events_written", written);
    o.put("events_processed", events);
    o.put("events_per_second", nanos == 0 ? 0 : Math.round(events * 1e9 / nanos));
  }

  private void tick() {
    clock.advance(TICK);
  }

  private NewEvent event(EventType type, Payload payload, String region) {
    return NewEvent.builder(type)
        .eventId(ids.next())
        .occurredAt(clock.instant())
        .actor(ACTOR)
        .region(region)
        .payload(payload)
        .build();
  }

  private CommandOptions withReason(int node, String reason) {
    return CommandOptions.builder().region(REGIONS.get(regionOf[node])).reason(reason).build();
  }

  private CommandOptions[] regionOptionsWithReason(String reason) {
    CommandOptions[] options = new CommandOptions[REGIONS.size()];
    for (int r = 0; r < options.length; r++) {
      options[r] = CommandOptions.builder().region(REGIONS.get(r)).reason(reason).build();
    }
    return options;
  }

  private String certificateSerial(int i) {
    return "C-" + nodeIds[i];
  }

  private int indexOf(String nodeId) {
    // Node ids are node-<1-based index>, zero-padded.
    try {
      int i = Integer.parseInt(nodeId.substring("node-".length())) - 1;
      return i >= 0 && i < nodes && nodeIds[i].equals(nodeId) ? i : -1;
    } catch (RuntimeException e) {
      return -1;
    }
  }

  /** A seeded permutation of the node indexes. */
  private List<Integer> shuffled() {
    List<Integer> order = new ArrayList<>(nodes);
    for (int i = 0; i < nodes; i++) {
      order.add(i);
    }
    Collections.shuffle(order, random);
    return order;
  }

  private Payload agentImage(String version) {
    return Payload.of(
        "image",
        "registry.souverix.io/souverix-agent",
        "version",
        version,
        "digest",
        digest("souverix-agent:" + version));
  }

  private String digest(String text) {
    return "sha256:"
        + HexFormat.of().formatHex(sha256.digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static long peakHeapMegabytes() {
    long bytes = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        bytes += pool.getPeakUsage().getUsed();
      }
    }
    return bytes / (1024 * 1024);
  }
}
