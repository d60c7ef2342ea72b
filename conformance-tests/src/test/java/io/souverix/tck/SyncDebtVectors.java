package io.souverix.tck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.souverix.drift.DriftException;
import io.souverix.drift.SyncDebtRequest;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sync-debt vectors ({@code vectors/drift/sync_debt_v1.json}): a {@code DEBT.json} document
 * with its expected {@code debt_hours}, {@code debt}, {@code estimated_duration} (in total and by
 * class) and {@code replay_eta}, or the error code of a rejected document. {@link #generate()}
 * takes the values from sdk-drift ({@code SyncDebtRequest.parse(..).compute().toJson()}); {@link
 * #check(JsonNode)} recomputes them from docs/drift.md section 7 with exact decimal arithmetic.
 */
final class SyncDebtVectors {
  static final String FILE = "drift/sync_debt_v1.json";

  private SyncDebtVectors() {}

  private static String doc(String last, String current, String backlog, String rates) {
    return "{\"node\":\"edge-1\",\"last_sync\":\""
        + last
        + "\",\"current_time\":\""
        + current
        + "\",\"backlog\":{"
        + backlog
        + "},\"rates\":{"
        + rates
        + "}}";
  }

  private static final String RATES =
      "\"messages_per_second\":1.0,\"config_update_seconds\":60,"
          + "\"policy_update_seconds\":120,\"version_update_seconds\":300";

  /** {comment, flags, document, errorCode or null}. */
  private static List<Object[]> cases() {
    List<Object[]> c = new ArrayList<>();
    c.add(
        new Object[] {
          "the contract's worked example: 3 h 45 min away, 1247 messages, 3 config and 1 policy"
              + " updates",
          List.of(),
          doc(
              "2026-02-27T00:00:00Z",
              "2026-02-27T03:45:00Z",
              "\"messages\":1247,\"config_updates\":3,\"policy_updates\":1,\"version_updates\":0",
              RATES),
          null
        });
    c.add(
        new Object[] {
          "empty backlog: zero duration, replay_eta is current_time",
          List.of("EMPTY"),
          doc("2026-02-27T00:00:00Z", "2026-02-27T00:00:00Z", "", RATES),
          null
        });
    c.add(
        new Object[] {
          "missing counts are 0; version updates only",
          List.of("EMPTY"),
          doc("2026-02-20T12:00:00Z", "2026-02-27T12:30:00Z", "\"version_updates\":2", RATES),
          null
        });
    c.add(
        new Object[] {
          "fractional message rate: milliseconds rounded up",
          List.of("ROUNDING"),
          doc(
              "2026-02-27T00:00:00Z",
              "2026-02-27T00:00:07.5Z",
              "\"messages\":10",
              "\"messages_per_second\":0.3,\"config_update_seconds\":0,"
                  + "\"policy_update_seconds\":0,\"version_update_seconds\":0"),
          null
        });
    c.add(
        new Object[] {
          "fractional apply costs: nanoseconds per update rounded up",
          List.of("ROUNDING"),
          doc(
              "2026-02-27T00:00:00.000000001Z",
              "2026-02-27T01:00:00Z",
              "\"messages\":0,\"config_updates\":3,\"policy_updates\":7,\"version_updates\":1",
              "\"messages_per_second\":250,\"config_update_seconds\":0.0000000015,"
                  + "\"policy_update_seconds\":2.25,\"version_update_seconds\":1000000000"),
          null
        });
    c.add(
        new Object[] {
          "many messages at a high rate",
          List.of(),
          doc(
              "2026-01-31T23:59:59Z",
              "2026-02-27T03:45:00Z",
              "\"messages\":9000000,\"config_updates\":12",
              "\"messages_per_second\":1500,\"config_update_seconds\":0.5,"
                  + "\"policy_update_seconds\":1,\"version_update_seconds\":1"),
          null
        });
    c.add(
        new Object[] {
          "current_time before last_sync is rejected, not clamped",
          List.of("INVALID"),
          doc("2026-02-27T03:45:00Z", "2026-02-27T00:00:00Z", "\"messages\":1", RATES),
          "INVALID_INPUT"
        });
    c.add(
        new Object[] {
          "a message rate of 0 is rejected",
          List.of("INVALID"),
          doc(
              "2026-02-27T00:00:00Z",
              "2026-02-27T01:00:00Z",
              "\"messages\":1",
              "\"messages_per_second\":0,\"config_update_seconds\":60,"
                  + "\"policy_update_seconds\":120,\"version_update_seconds\":300"),
          "INVALID_INPUT"
        });
    c.add(
        new Object[] {
          "a negative backlog count is rejected",
          List.of("INVALID"),
          doc("2026-02-27T00:00:00Z", "2026-02-27T01:00:00Z", "\"config_updates\":-1", RATES),
          "INVALID_INPUT"
        });
    return c;
  }

  private static final List<String> OUTPUTS =
      List.of(
          "debt_hours", "debt", "estimated_duration", "estimated_duration_by_class", "replay_eta");

  static ObjectNode generate() {
    ObjectNode file =
        VectorFiles.header(
            "sync-debt",
            "What a node that was out of sync owes on its return (docs/drift.md section 7): the"
                + " input is a DEBT.json document; debt = current_time - last_sync, debt_hours ="
                + " debt / 3600 s (within 1e-9), estimated_duration = ceil(1000 * messages /"
                + " messages_per_second) ms + each update count times its apply cost (seconds,"
                + " converted to nanoseconds rounding up), replay_eta = current_time +"
                + " estimated_duration. Durations are ISO 8601, instants RFC 3339 as Java prints"
                + " them. A rejected document gives errorCode INVALID_INPUT.",
            "Generated by io.souverix.tck.VectorsTest (-Dsouverix.regenerateVectors=true) from"
                + " sdk-drift (SyncDebtRequest.parse(..).compute().toJson()) in the conformance"
                + " kit's tests; every value is recomputed in the test with exact decimal"
                + " arithmetic (BigDecimal, java.time), no sdk-drift code.",
            Map.of(
                "EMPTY", "Zero or missing backlog counts.",
                "ROUNDING", "Fractional rates or costs: results rounded up.",
                "INVALID", "The document is rejected."));
    ArrayNode tests = VectorFiles.group(file, "SyncDebt");
    for (Object[] c : cases()) {
      @SuppressWarnings("unchecked")
      ObjectNode t = VectorFiles.test(file, tests, (String) c[0], (List<String>) c[1]);
      t.set("input", VectorFiles.json((String) c[2]));
      try {
        JsonNode out = VectorFiles.json(SyncDebtRequest.parse((String) c[2]).compute().toJson());
        ObjectNode expected = t.putObject("expected");
        OUTPUTS.forEach(m -> expected.set(m, out.get(m)));
        t.put("result", "valid");
      } catch (DriftException e) {
        t.put("result", "invalid");
        t.put("errorCode", e.code().name());
      }
    }
    return file;
  }

  // ---------------------------------------------------------------------------------------------
  // Independent computation.

  private static Duration perUpdate(JsonNode seconds) {
    BigDecimal nanos = seconds.decimalValue().movePointRight(9).setScale(0, RoundingMode.CEILING);
    return Duration.ofNanos(nanos.longValueExact());
  }

  /** The expected members, or null when the document must be rejected. */
  static ObjectNode recompute(JsonNode in) {
    Instant last = Instant.parse(in.get("last_sync").asText());
    Instant now = Instant.parse(in.get("current_time").asText());
    JsonNode b = in.path("backlog");
    JsonNode r = in.get("rates");
    long messages = b.path("messages").asLong(0);
    long[] updates = {
      b.path("config_updates").asLong(0),
      b.path("policy_updates").asLong(0),
      b.path("version_updates").asLong(0)
    };
    BigDecimal rate = r.get("messages_per_second").decimalValue();
    if (now.isBefore(last)
        || rate.signum() <= 0
        || messages < 0
        || updates[0] < 0
        || updates[1] < 0
        || updates[2] < 0) {
      return null;
    }
    Duration debt = Duration.between(last, now);
    Duration msgs =
        Duration.ofMillis(
            BigDecimal.valueOf(messages)
                .multiply(BigDecimal.valueOf(1000))
                .divide(rate, 0, RoundingMode.CEILING)
                .longValueExact());
    String[] costs = {"config_update_seconds", "policy_update_seconds", "version_update_seconds"};
    String[] classes = {"config_updates", "policy_updates", "version_updates"};
    ObjectNode out = VectorFiles.MAPPER.createObjectNode();
    out.put(
        "debt_hours",
        new BigDecimal(debt.getSeconds())
            .add(BigDecimal.valueOf(debt.getNano(), 9))
            .divide(BigDecimal.valueOf(3600), 20, RoundingMode.HALF_EVEN)
            .doubleValue());
    out.put("debt", debt.toString());
    ObjectNode byClass = VectorFiles.MAPPER.createObjectNode();
    byClass.put("messages", msgs.toString());
    Duration total = msgs;
    for (int i = 0; i < 3; i++) {
      Duration d = perUpdate(r.get(costs[i])).multipliedBy(updates[i]);
      byClass.put(classes[i], d.toString());
      total = total.plus(d);
    }
    out.put("estimated_duration", total.toString());
    out.set("estimated_duration_by_class", byClass);
    out.put("replay_eta", now.plus(total).toString());
    return out;
  }

  static List<String> check(JsonNode file) {
    List<String> mismatches = new ArrayList<>();
    for (JsonNode group : file.get("testGroups")) {
      for (JsonNode t : group.get("tests")) {
        ObjectNode want = recompute(t.get("input"));
        if (want == null) {
          if (!t.get("result").asText().equals("invalid")) {
            mismatches.add(VectorFiles.label(t) + ": expected invalid by the documented rules");
          }
          continue;
        }
        if (!t.get("result").asText().equals("valid")) {
          mismatches.add(VectorFiles.label(t) + ": expected valid by the documented rules");
          continue;
        }
        JsonNode got = t.get("expected");
        for (String m : OUTPUTS) {
          if (!DriftScoreVectors.equalWithin(want.get(m), got.get(m))) {
            mismatches.add(
                VectorFiles.label(t)
                    + ": "
                    + m
                    + " "
                    + got.get(m)
                    + " but recomputed "
                    + want.get(m));
          }
        }
      }
    }
    return mismatches;
  }
}
