package io.souverix.tck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.souverix.lifecycle.ComponentKind;
import io.souverix.lifecycle.ComponentState;
import io.souverix.lifecycle.Guards;
import io.souverix.lifecycle.Lifecycle;
import io.souverix.lifecycle.LifecycleCommand;
import io.souverix.lifecycle.LifecycleException;
import io.souverix.lifecycle.LifecycleState;
import io.souverix.lifecycle.Transition;
import io.souverix.lifecycle.TransitionTable;
import io.souverix.lifecycle.event.EventType;
import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.event.RecordedEvent;
import io.souverix.lifecycle.spi.EventStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The lifecycle state-machine vectors ({@code vectors/lifecycle/transitions_v1.json}): traces of
 * registrations, evidence and commands, each step with the state and version it leads to or the
 * error code it is rejected with. Built from {@link TransitionTable} (every state reached, every
 * disallowed command from every state, every guarded transition without its evidence) and run
 * through {@link Lifecycle} on an in-memory store.
 *
 * <p>Payload values {@code "${head.sequence}"} and {@code "${head.hash}"} stand for the sequence
 * and hash of the component's last event when the step runs (an audit covers the stream up to
 * there).
 */
final class LifecycleTraceVectors {
  static final String FILE = "lifecycle/transitions_v1.json";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  private static final String NODE = "node-000042";
  private static final String SOFTWARE = "node-000042/os";

  private LifecycleTraceVectors() {}

  /** The evidence that makes each default guard pass. */
  private static ObjectNode evidence(String guard) {
    ObjectNode step = MAPPER.createObjectNode();
    step.put("op", "record");
    ObjectNode p = MAPPER.createObjectNode();
    switch (guard) {
      case Guards.ATTESTATION_PASSED -> {
        step.put("eventType", EventType.NODE_ATTESTATION_COMPLETED.name());
        p.put("kind", "initial").put("passed", true).put("verifier", "tpm-verifier");
        p.putArray("reasons");
      }
      case Guards.TRUST_CHAIN_ESTABLISHED -> {
        step.put("eventType", EventType.NODE_TRUST_CHAIN_ESTABLISHED.name());
        p.put("certificate_serial", "CERT-1")
            .put("issuer", "CN=Fleet CA")
            .put("not_after", "2030-01-01T00:00:00Z");
      }
      case Guards.WORKLOAD_MIGRATED -> {
        step.put("eventType", EventType.DECOMMISSION_WORKLOAD_MIGRATED.name());
        p.put("target_node", "node-000043").putArray("workloads").add("db");
      }
      case Guards.DATA_EXPORTED -> {
        step.put("eventType", EventType.DECOMMISSION_DATA_EXPORTED.name());
        p.put("location", "s3://export/42")
            .put("digest", "sha256:" + "ab".repeat(32))
            .put("bytes", 10);
      }
      case Guards.CERTIFICATES_REVOKED, Guards.TRUST_REVOKED -> {
        step.put(
            "eventType",
            guard.equals(Guards.TRUST_REVOKED)
                ? EventType.EMERGENCY_TRUST_REVOKED.name()
                : EventType.DECOMMISSION_CERTIFICATES_REVOKED.name());
        p.putArray("serials").add("CERT-1");
        p.put("reason", "retired");
      }
      case Guards.AUDIT_COMPLETED -> {
        step.put("eventType", EventType.DECOMMISSION_AUDIT_COMPLETED.name());
        p.put("events", "${head.sequence}").put("head_hash", "${head.hash}");
      }
      case Guards.ISOLATED -> {
        step.put("eventType", EventType.EMERGENCY_ISOLATED.name());
        p.put("reason", "compromise");
      }
      case Guards.SECURE_WIPE_RECORDED -> {
        step.put("eventType", EventType.EMERGENCY_SECURE_WIPED.name());
        p.put("method", "nist-800-88-purge").put("verified_by", "sec-team");
      }
      case Guards.HEALTHY -> {
        step.put("eventType", EventType.NODE_HEALTH_VALIDATED.name());
        p.put("healthy", true).putArray("checks").add("liveness");
      }
      default -> throw new IllegalArgumentException(guard);
    }
    step.set("payload", p);
    return step;
  }

  private static ObjectNode register(ComponentKind kind) {
    ObjectNode step = MAPPER.createObjectNode();
    step.put("op", "register");
    ObjectNode p = step.putObject("payload");
    if (kind == ComponentKind.HARDWARE) {
      p.put("serial", "SX-42").put("model", "sx-1").put("region", "eu-west").put("cluster", "c1");
    } else {
      p.put("node_id", NODE).put("name", "os").put("kind", "os_image").put("version", "1.0");
    }
    return step;
  }

  private static ObjectNode execute(LifecycleCommand c) {
    ObjectNode step = MAPPER.createObjectNode();
    step.put("op", "execute");
    step.put("command", c.name());
    return step;
  }

  /** Registration, then for each command on the shortest path: its evidence, then the command. */
  private static List<ObjectNode> pathTo(TransitionTable table, LifecycleState target) {
    Map<LifecycleState, List<LifecycleCommand>> paths = new HashMap<>();
    ArrayDeque<LifecycleState> queue = new ArrayDeque<>();
    LifecycleState start = table.initial().to();
    paths.put(start, List.of());
    queue.add(start);
    while (!queue.isEmpty()) {
      LifecycleState s = queue.poll();
      for (LifecycleCommand c : table.allowedCommands(s)) {
        LifecycleState next = table.target(s, c).orElseThrow();
        if (!paths.containsKey(next)) {
          List<LifecycleCommand> p = new ArrayList<>(paths.get(s));
          p.add(c);
          paths.put(next, List.copyOf(p));
          queue.add(next);
        }
      }
    }
    List<ObjectNode> steps = new ArrayList<>();
    steps.add(register(table.kind()));
    for (LifecycleCommand c : Objects.requireNonNull(paths.get(target), "unreachable " + target)) {
      for (String g : table.guards(c)) {
        steps.add(evidence(g));
      }
      steps.add(execute(c));
    }
    return steps;
  }

  static ObjectNode generate() {
    ObjectNode file = MAPPER.createObjectNode();
    file.put("schema", "../schema/vector-file.schema.json");
    file.put("suite", "lifecycle-transitions");
    file.put("version", 1);
    file.put(
        "description",
        "Traces of the lifecycle state machine (docs/lifecycle.md): each test registers one"
            + " component and runs steps (op register, record evidence, execute a command); each"
            + " step's 'expect' is the state and stream version it leads to, or the error code"
            + " (and failed guards) it is rejected with, writing nothing. The clock is fixed at"
            + " 2026-01-01T00:00:00Z. Payload values \"${head.sequence}\" and \"${head.hash}\""
            + " stand for the sequence and hash of the component's last event when the step runs.");
    file.put(
        "provenance",
        "Generated by io.souverix.tck.VectorsTest (run with -Dsouverix.regenerateVectors=true):"
            + " traces enumerated from io.souverix.lifecycle.TransitionTable (every state, every"
            + " row, every disallowed command from every state, every guarded transition without evidence),"
            + " expectations recorded by running io.souverix.lifecycle.Lifecycle with its default"
            + " guards on an in-memory store; re-run by VectorsTest, which also checks that every"
            + " table row is covered.");
    ObjectNode notes = file.putObject("notes");
    notes.put("PATH", "Reaches a state by its shortest path with passing evidence.");
    notes.put("TRANSITION", "Takes one row of the transition table, with passing evidence.");
    notes.put("DISALLOWED", "A command the transition table does not allow from the state.");
    notes.put("TERMINAL", "A command on a component in a terminal state.");
    notes.put("NO_EVIDENCE", "A guarded command without the evidence its guards need.");
    notes.put("BAD_EVIDENCE", "Evidence that is recorded but does not satisfy the guard.");
    notes.put("REGISTRATION", "Registration and unknown-component cases.");
    ArrayNode groups = MAPPER.createArrayNode();
    int tcId = 0;
    for (ComponentKind kind : ComponentKind.values()) {
      TransitionTable table = TransitionTable.of(kind);
      String id = kind == ComponentKind.HARDWARE ? NODE : SOFTWARE;
      ObjectNode group = groups.addObject();
      group.put("type", "LifecycleTrace");
      group.put("kind", kind.payloadName());
      group.put("componentId", id);
      ArrayNode tests = group.putArray("tests");
      for (LifecycleState s : table.states()) {
        tcId = add(tests, tcId, kind, id, "reach " + s, "PATH", pathTo(table, s));
      }
      for (Transition t : table.transitions()) {
        for (LifecycleState s : t.from()) {
          List<ObjectNode> steps = new ArrayList<>(pathTo(table, s));
          for (String g : t.guards()) {
            steps.add(evidence(g));
          }
          steps.add(execute(t.command()));
          tcId = add(tests, tcId, kind, id, t.command() + " from " + s, "TRANSITION", steps);
        }
      }
      for (LifecycleState s : table.states()) {
        for (Transition t : table.transitions()) {
          if (t.isInitial() || t.allowsFrom(s)) {
            continue;
          }
          List<ObjectNode> steps = new ArrayList<>(pathTo(table, s));
          steps.add(execute(t.command()));
          tcId =
              add(
                  tests,
                  tcId,
                  kind,
                  id,
                  t.command() + " from " + s,
                  s.isTerminal() ? "TERMINAL" : "DISALLOWED",
                  steps);
        }
      }
      for (Transition t : table.transitions()) {
        if (t.guards().isEmpty()) {
          continue;
        }
        for (LifecycleState s : t.from()) {
          List<ObjectNode> steps = new ArrayList<>(pathTo(table, s));
          steps.add(execute(t.command()));
          tcId =
              add(
                  tests,
                  tcId,
                  kind,
                  id,
                  t.command() + " from " + s + " without evidence",
                  "NO_EVIDENCE",
                  steps);
        }
      }
      List<ObjectNode> twice = new ArrayList<>(List.of(register(kind), register(kind)));
      tcId = add(tests, tcId, kind, id, "registering the same id twice", "REGISTRATION", twice);
      tcId =
          add(
              tests,
              tcId,
              kind,
              id,
              "a command on an unregistered component",
              "REGISTRATION",
              List.of(execute(table.transitions().get(1).command())));
      if (kind == ComponentKind.HARDWARE) {
        List<ObjectNode> failed = pathTo(table, table.state("PROVISIONING").orElseThrow());
        ObjectNode att = evidence(Guards.ATTESTATION_PASSED);
        ((ObjectNode) att.get("payload")).put("passed", false);
        ((ObjectNode) att.get("payload")).putArray("reasons").add("pcr7 mismatch");
        failed.add(att);
        failed.add(evidence(Guards.TRUST_CHAIN_ESTABLISHED));
        failed.add(execute(table.command("ACTIVATE").orElseThrow()));
        tcId =
            add(
                tests,
                tcId,
                kind,
                id,
                "ACTIVATE after a failed attestation",
                "BAD_EVIDENCE",
                failed);
        List<ObjectNode> expired = pathTo(table, table.state("PROVISIONING").orElseThrow());
        expired.add(evidence(Guards.ATTESTATION_PASSED));
        ObjectNode chain = evidence(Guards.TRUST_CHAIN_ESTABLISHED);
        ((ObjectNode) chain.get("payload")).put("not_after", "2025-12-31T23:59:59Z");
        expired.add(chain);
        expired.add(execute(table.command("ACTIVATE").orElseThrow()));
        tcId =
            add(
                tests,
                tcId,
                kind,
                id,
                "ACTIVATE with an expired certificate",
                "BAD_EVIDENCE",
                expired);
        List<ObjectNode> wrongKind = new ArrayList<>(List.of(register(kind)));
        ObjectNode sw = MAPPER.createObjectNode();
        sw.put("op", "record").put("eventType", EventType.SOFTWARE_CONFIGURATION_APPLIED.name());
        sw.putObject("payload").put("config_digest", "sha256:" + "cd".repeat(32));
        wrongKind.add(sw);
        tcId =
            add(
                tests,
                tcId,
                kind,
                id,
                "software evidence on a hardware node",
                "BAD_EVIDENCE",
                wrongKind);
      } else {
        List<ObjectNode> sick = pathTo(table, table.state("DEPLOYING").orElseThrow());
        ObjectNode h = evidence(Guards.HEALTHY);
        ((ObjectNode) h.get("payload")).put("healthy", false);
        sick.add(h);
        sick.add(execute(table.command("CONFIRM_RUNNING").orElseThrow()));
        tcId =
            add(
                tests,
                tcId,
                kind,
                id,
                "CONFIRM_RUNNING after an unhealthy validation",
                "BAD_EVIDENCE",
                sick);
      }
    }
    file.put("numberOfTests", tcId);
    file.set("testGroups", groups);
    return file;
  }

  private static int add(
      ArrayNode tests,
      int tcId,
      ComponentKind kind,
      String id,
      String comment,
      String flag,
      List<ObjectNode> steps) {
    ObjectNode t = tests.addObject();
    t.put("tcId", ++tcId);
    t.put("comment", comment);
    t.putArray("flags").add(flag);
    ArrayNode a = t.putArray("steps");
    List<JsonNode> outcomes = run(kind, id, steps);
    String errorCode = null;
    for (int i = 0; i < steps.size(); i++) {
      ObjectNode s = steps.get(i).deepCopy();
      s.set("expect", outcomes.get(i));
      a.add(s);
      if (outcomes.get(i).has("errorCode")) {
        errorCode = outcomes.get(i).get("errorCode").asText();
      }
    }
    t.put("result", errorCode == null ? "valid" : "invalid");
    if (errorCode != null) {
      t.put("errorCode", errorCode);
    }
    return tcId;
  }

  /** Runs a trace through the SDK; one outcome per step, as the vectors' "expect" spells it. */
  static List<JsonNode> run(ComponentKind kind, String id, List<? extends JsonNode> steps) {
    EventStore store = EventStore.inMemory(CLOCK);
    Lifecycle lc = Lifecycle.builder().store(store).clock(CLOCK).actor("vector-operator").build();
    TransitionTable table = TransitionTable.of(kind);
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode step : steps) {
      ObjectNode outcome = MAPPER.createObjectNode();
      try {
        long head = store.headPosition();
        try {
          ComponentState s =
              switch (step.get("op").asText()) {
                case "register" -> {
                  Payload p = Payload.parse(step.get("payload").toString());
                  yield kind == ComponentKind.HARDWARE
                      ? lc.registerHardware(id, p)
                      : lc.registerSoftware(id, p);
                }
                case "record" ->
                    lc.record(
                        id,
                        Objects.requireNonNull(
                            EventType.builtIn(step.get("eventType").asText()), "event type"),
                        resolve(store, id, step.get("payload")));
                case "execute" ->
                    lc.execute(
                        id,
                        table
                            .command(step.get("command").asText())
                            .orElseThrow(
                                () ->
                                    new IllegalArgumentException(
                                        "no command " + step.get("command"))));
                default -> throw new IllegalArgumentException("unknown op " + step.get("op"));
              };
          outcome.put("state", s.state().name());
          outcome.put("version", s.version());
        } catch (LifecycleException e) {
          outcome.put("errorCode", e.code().name());
          if (!e.failedGuards().isEmpty()) {
            ArrayNode g = outcome.putArray("failedGuards");
            e.failedGuards().keySet().forEach(g::add);
          }
          if (store.headPosition() != head) {
            outcome.put("wroteOnRejection", true);
          }
        }
      } catch (Exception e) {
        outcome.put("exception", e.toString());
      }
      out.add(outcome);
    }
    return out;
  }

  private static Payload resolve(EventStore store, String id, JsonNode payload) throws Exception {
    Map<String, Object> fields = new LinkedHashMap<>();
    List<RecordedEvent> history = store.readStream(id, 1, 10_000);
    RecordedEvent head = history.isEmpty() ? null : history.get(history.size() - 1);
    for (var it = payload.fields(); it.hasNext(); ) {
      var e = it.next();
      String text = e.getValue().isTextual() ? e.getValue().asText() : null;
      if ("${head.sequence}".equals(text)) {
        fields.put(e.getKey(), Objects.requireNonNull(head, "head").sequence());
      } else if ("${head.hash}".equals(text)) {
        fields.put(e.getKey(), Objects.requireNonNull(head, "head").hash());
      } else {
        fields.put(e.getKey(), MAPPER.treeToValue(e.getValue(), Object.class));
      }
    }
    return Payload.of(fields);
  }

  /** Runs every trace of the file; returns every step whose outcome differs from its "expect". */
  static List<String> check(JsonNode file) {
    List<String> mismatches = new ArrayList<>();
    for (JsonNode group : file.get("testGroups")) {
      ComponentKind kind =
          group.get("kind").asText().equals(ComponentKind.HARDWARE.payloadName())
              ? ComponentKind.HARDWARE
              : ComponentKind.SOFTWARE;
      String id = group.get("componentId").asText();
      for (JsonNode t : group.get("tests")) {
        String label = t.get("tcId").asInt() + " (" + t.get("comment").asText() + ")";
        List<JsonNode> steps = new ArrayList<>();
        t.get("steps").forEach(steps::add);
        List<JsonNode> actual = run(kind, id, steps);
        for (int i = 0; i < steps.size(); i++) {
          JsonNode expected = steps.get(i).get("expect");
          if (!expected.toString().equals(actual.get(i).toString())) {
            mismatches.add(
                String.format(
                    Locale.ROOT,
                    "%s step %d: expected %s, but got %s",
                    label,
                    i + 1,
                    expected,
                    actual.get(i)));
          }
        }
      }
    }
    return mismatches;
  }
}
