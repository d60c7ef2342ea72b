package io.souverix.benchmarks;

import io.souverix.lifecycle.event.EventIds;
import io.souverix.lifecycle.event.EventType;
import io.souverix.lifecycle.event.NewEvent;
import io.souverix.lifecycle.event.Payload;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Makes realistic batches of node events: each batch is a new node stream opening with {@code
 * node.serial_registered} (v2, five fields with a nested object), followed by alternating {@code
 * node.attestation_completed} (five fields) and {@code node.health_validated} events. Payloads are
 * built once per generator, so a benchmark's timed code never pays for canonicalising them; event
 * ids and stream ids are new for every batch. Not thread-safe.
 */
final class FleetEvents {
  private static final int VARIANTS = 32;
  private static final String[] REGIONS = {"eu-west-1", "eu-central-1", "eu-north-1"};

  private final Clock clock;
  private final Random random;
  private final EventIds ids;
  private final List<Payload> attestations = new ArrayList<>(VARIANTS);
  private final List<Payload> healthChecks = new ArrayList<>(VARIANTS);
  private long streams;

  private FleetEvents(Clock clock, long seed) {
    this.clock = clock;
    this.random = new Random(seed);
    this.ids = EventIds.create(clock, new Random(seed + 1));
    String[] kinds = {"initial", "runtime", "post_update"};
    for (int i = 0; i < VARIANTS; i++) {
      boolean passed = i % 7 != 0;
      attestations.add(
          Payload.of(
              "kind",
              kinds[i % kinds.length],
              "passed",
              passed,
              "verifier",
              "attestation-verifier-" + (i % 4),
              "evidence_digest",
              "sha256:" + hex(32),
              "reasons",
              passed ? List.of() : List.of("pcr_mismatch", "event_log_replay_failed")));
      healthChecks.add(
          Payload.of(
              "healthy",
              i % 11 != 0,
              "checks",
              List.of("bmc_reachable", "disk_smart_ok", "nic_link_up", "ecc_errors_below_threshold")
                  .subList(0, 2 + i % 3)));
    }
  }

  /**
   * Creates a generator.
   *
   * @param clock stamps {@code occurredAt} and the event ids
   * @param seed makes payload values and stream names reproducible
   */
  static FleetEvents create(Clock clock, long seed) {
    return new FleetEvents(clock, seed);
  }

  /** Returns the id of a stream no earlier call returned. */
  String nextStreamId() {
    return String.format(Locale.ROOT, "node-%08d", ++streams);
  }

  /** Returns {@code size} new events for one new node stream. */
  List<NewEvent> batch(String streamId, int size) {
    Instant now = clock.instant();
    String region = REGIONS[random.nextInt(REGIONS.length)];
    UUID correlation = ids.next();
    List<NewEvent> events = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      Payload payload;
      EventType type;
      if (i == 0) {
        type = EventType.NODE_SERIAL_REGISTERED;
        payload = serialRegistered(streamId, region);
      } else if (i % 2 == 1) {
        type = EventType.NODE_ATTESTATION_COMPLETED;
        payload = attestations.get(random.nextInt(VARIANTS));
      } else {
        type = EventType.NODE_HEALTH_VALIDATED;
        payload = healthChecks.get(random.nextInt(VARIANTS));
      }
      events.add(
          NewEvent.builder(type)
              .eventId(ids.next())
              .occurredAt(now)
              .actor("fleet-agent-" + region)
              .region(region)
              .correlationId(correlation)
              .payload(payload)
              .build());
    }
    return events;
  }

  private Payload serialRegistered(String streamId, String region) {
    return Payload.of(
        "serial",
        "SN-" + streamId.substring(streamId.indexOf('-') + 1),
        "model",
        "edge-r740",
        "region",
        region,
        "cluster",
        "cluster-" + random.nextInt(16),
        "manufacturing",
        Map.of(
            "origin", "plant-7", "batch_id", "B-" + random.nextInt(10_000), "date", "2026-03-14"));
  }

  private String hex(int bytes) {
    StringBuilder b = new StringBuilder(bytes * 2);
    for (int i = 0; i < bytes; i++) {
      b.append(String.format(Locale.ROOT, "%02x", random.nextInt(256)));
    }
    return b.toString();
  }
}
