package io.souverix.tck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.souverix.lifecycle.event.NewEvent;
import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.event.RecordedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The event-hashing vectors ({@code vectors/event/event_hashing_v1.json}): envelope inputs with
 * their canonical JSON and hash, stored envelopes to accept or reject, and hash chains. {@link
 * #generate()} takes the expected values from the SDK; {@link #check(JsonNode)} re-checks every
 * vector against the SDK and against {@link IndependentCanonicalJson}.
 */
final class EventHashingVectors {
  static final String FILE = "event/event_hashing_v1.json";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private EventHashingVectors() {}

  // ---------------------------------------------------------------------------------------------
  // Generation

  private static UUID id(int n) {
    return UUID.fromString(String.format(Locale.ROOT, "0194d2a0-0000-7000-8000-%012d", n));
  }

  private static NewEvent.Builder base(String type, int version, int n) {
    return NewEvent.builder(type, version)
        .eventId(id(n))
        .occurredAt(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(n))
        .actor("vector-writer");
  }

  private static List<Object[]> envelopeCases() {
    Instant rec = Instant.parse("2026-01-01T00:01:00.123456Z");
    List<Object[]> cases = new ArrayList<>();
    NewEvent first =
        base("node.health_validated", 1, 1)
            .payload(Payload.parse("{\"healthy\":true,\"checks\":[\"liveness\"]}"))
            .build();
    RecordedEvent sealedFirst = RecordedEvent.seal(first, "node-000001", 1, null, rec, 1);
    cases.add(
        new Object[] {"first event of a stream; optional fields null", List.of(), sealedFirst});
    NewEvent second =
        base("node.health_validated", 1, 2)
            .region("eu-west")
            .causationId(id(101))
            .correlationId(id(102))
            .payload(Payload.parse("{\"checks\":[],\"healthy\":false}"))
            .build();
    cases.add(
        new Object[] {
          "second event: prevHash links the first; region, causation and correlation set",
          List.of("CHAINED"),
          RecordedEvent.seal(second, "node-000001", 2, sealedFirst.hash(), rec.plusMillis(5), 2)
        });
    NewEvent unicode =
        base("node.health_validated", 1, 3)
            .payload(
                Payload.parse(
                    "{\"checks\":[\"Zürich — 東京 — \\ud83d\\ude80\",\"quote \\\" backslash \\\\"
                        + " slash /\",\"controls \\n\\t\\r\\b\\f \\u0001 \\u001f\",\"line sep"
                        + " \\u2028 bom \\ufeff\"],\"healthy\":true,\"\\ufb01\":\"ligature key"
                        + " sorts after the emoji key\",\"\\ud83d\\ude00\":\"emoji key\",\"B\":\"upper"
                        + " case sorts first\",\"a\":\"lower\"}"))
            .build();
    cases.add(
        new Object[] {
          "unicode: escapes, raw non-ASCII, member order by UTF-16 code units",
          List.of("UNICODE", "KEY_ORDER"),
          RecordedEvent.seal(unicode, "node-ü-東京", 1, null, rec, 3)
        });
    NewEvent nested =
        base("node.drift_detected", 1, 4)
            .payload(
                Payload.parse(
                    "{\"z\":{\"b\":[1,-1,0,9007199254740991,-9007199254740991],\"a\":{}},"
                        + "\"y\":[[],[null,true,false],{\"k\":\"v\"}],\"x\":null}"))
            .build();
    cases.add(
        new Object[] {
          "nested objects and arrays, integers at the safe-integer limits, literals",
          List.of("NUMBERS", "KEY_ORDER"),
          RecordedEvent.seal(nested, "node-000004", 1, null, rec, 4)
        });
    NewEvent v2 =
        base("node.serial_registered", 2, 5)
            .actor("provisioner-é")
            .payload(
                Payload.parse(
                    "{\"serial\":\"SX-42\",\"model\":\"sx-1\",\"region\":\"eu-west\","
                        + "\"cluster\":\"c1\"}"))
            .build();
    cases.add(
        new Object[] {
          "schema version 2; instants with milliseconds and whole seconds",
          List.of(),
          RecordedEvent.seal(
              v2, "node-000005", 1, null, Instant.parse("2026-02-03T04:05:06.789Z"), 5)
        });
    return cases;
  }

  static ObjectNode generate() {
    ObjectNode file = MAPPER.createObjectNode();
    file.put("schema", "../schema/vector-file.schema.json");
    file.put("suite", "event-hashing");
    file.put("version", 1);
    file.put(
        "description",
        "The event envelope hash of DESIGN.md section 2: the lower-case hex SHA-256 of the RFC 8785"
            + " canonical JSON (UTF-8) of the envelope without 'hash', absent optional fields as"
            + " null, instants as ISO-8601 UTC with 0, 3, 6 or 9 fraction digits (Java"
            + " Instant.toString). A stored envelope is intact when its whole text, hash included,"
            + " is canonical and the hash matches; a stream's chain is intact when sequences run"
            + " 1, 2, 3, ... and each prevHash is the previous event's hash.");
    file.put(
        "provenance",
        "Generated by io.souverix.tck.VectorsTest (run with -Dsouverix.regenerateVectors=true)"
            + " from the SDK's RecordedEvent.seal/toJson; every canonical text and hash is"
            + " re-computed by an independent implementation in the test (Jackson tree, members"
            + " sorted by UTF-16 code units, MessageDigest SHA-256) and every stored or chained"
            + " case re-checked by both.");
    ObjectNode notes = file.putObject("notes");
    notes.put("CHAINED", "The event is not the first of its stream: prevHash is set.");
    notes.put("UNICODE", "Strings with escapes, non-ASCII characters and surrogate pairs.");
    notes.put("KEY_ORDER", "Members whose RFC 8785 order differs from the input order.");
    notes.put("NUMBERS", "Integers, including +-(2^53-1); the vectors contain no fractions.");
    notes.put("TAMPERED", "A field was edited after the hash was computed.");
    notes.put("NOT_CANONICAL", "The stored text is not in canonical form.");
    notes.put("BROKEN_LINK", "The chain's order, sequence or prevHash is wrong.");
    ArrayNode groups = file.putArray("testGroups");
    int[] tcId = {0};

    ObjectNode envelopes = groups.addObject();
    envelopes.put("type", "EnvelopeHash");
    ArrayNode tests = envelopes.putArray("tests");
    List<RecordedEvent> sealed = new ArrayList<>();
    for (Object[] c : envelopeCases()) {
      RecordedEvent e = (RecordedEvent) c[2];
      sealed.add(e);
      ObjectNode t = test(tests, ++tcId[0], (String) c[0], castList(c[1]));
      ObjectNode in = envelopeInput(e);
      t.set("envelope", in);
      t.put("canonical", e.canonicalJsonWithoutHash());
      t.put("hash", e.hash());
      t.put("result", "valid");
    }

    ObjectNode stored = groups.addObject();
    stored.put("type", "StoredEnvelope");
    tests = stored.putArray("tests");
    String good = sealed.get(0).toJson();
    storedCase(tests, ++tcId[0], "intact envelope as a store keeps it", List.of(), good, null);
    storedCase(
        tests,
        ++tcId[0],
        "intact envelope with unicode",
        List.of("UNICODE"),
        sealed.get(2).toJson(),
        null);
    storedCase(
        tests,
        ++tcId[0],
        "payload value edited after hashing",
        List.of("TAMPERED"),
        good.replace("\"healthy\":true", "\"healthy\":false"),
        "HASH_MISMATCH");
    String hash = sealed.get(0).hash();
    String flipped = hash.substring(0, 63) + (hash.charAt(63) == '0' ? '1' : '0');
    storedCase(
        tests,
        ++tcId[0],
        "last hex digit of the hash changed",
        List.of("TAMPERED"),
        good.replace(hash, flipped),
        "HASH_MISMATCH");
    storedCase(
        tests,
        ++tcId[0],
        "actor edited after hashing",
        List.of("TAMPERED"),
        good.replace("\"actor\":\"vector-writer\"", "\"actor\":\"someone-else\""),
        "HASH_MISMATCH");
    storedCase(
        tests,
        ++tcId[0],
        "payload members out of canonical order",
        List.of("NOT_CANONICAL"),
        good.replace(
            "\"payload\":{\"checks\":[\"liveness\"],\"healthy\":true}",
            "\"payload\":{\"healthy\":true,\"checks\":[\"liveness\"]}"),
        "NOT_CANONICAL");
    storedCase(
        tests,
        ++tcId[0],
        "insignificant whitespace in the payload",
        List.of("NOT_CANONICAL"),
        good.replace("\"checks\":[\"liveness\"]", "\"checks\": [\"liveness\"]"),
        "NOT_CANONICAL");

    ObjectNode chains = groups.addObject();
    chains.put("type", "HashChain");
    tests = chains.putArray("tests");
    Instant rec = Instant.parse("2026-01-01T00:02:00Z");
    List<RecordedEvent> chain = new ArrayList<>();
    String prev = null;
    for (int i = 0; i < 3; i++) {
      NewEvent e =
          base("node.health_validated", 1, 20 + i)
              .payload(Payload.of("healthy", i % 2 == 0, "checks", List.of("check-" + i)))
              .build();
      RecordedEvent r =
          RecordedEvent.seal(e, "node-000020", i + 1, prev, rec.plusSeconds(i), 20 + i);
      chain.add(r);
      prev = r.hash();
    }
    chainCase(
        tests,
        ++tcId[0],
        "three events, intact",
        List.of(),
        List.of(chain.get(0), chain.get(1), chain.get(2)),
        null,
        null);
    chainCase(
        tests,
        ++tcId[0],
        "the middle event deleted",
        List.of("BROKEN_LINK"),
        List.of(chain.get(0), chain.get(2)),
        null,
        "CHAIN_BROKEN");
    chainCase(
        tests,
        ++tcId[0],
        "the last two events swapped",
        List.of("BROKEN_LINK"),
        List.of(chain.get(0), chain.get(2), chain.get(1)),
        null,
        "CHAIN_BROKEN");
    RecordedEvent relinked =
        RecordedEvent.seal(
            chain.get(1).toNewEvent(),
            "node-000020",
            2,
            "0".repeat(64),
            chain.get(1).recordedAt(),
            21);
    chainCase(
        tests,
        ++tcId[0],
        "the middle event re-sealed with a wrong prevHash: intact alone, not linked",
        List.of("BROKEN_LINK"),
        List.of(chain.get(0), relinked, chain.get(2)),
        null,
        "CHAIN_BROKEN");
    chainCase(
        tests,
        ++tcId[0],
        "the last event's payload edited",
        List.of("TAMPERED"),
        List.of(chain.get(0), chain.get(1), chain.get(2)),
        new String[] {"\"check-2\"", "\"check-9\""},
        "HASH_MISMATCH");

    file.put("numberOfTests", tcId[0]);
    // Keep "numberOfTests" before "testGroups" for readers.
    file.remove("testGroups");
    file.set("testGroups", groups);
    return file;
  }

  @SuppressWarnings("unchecked")
  private static List<String> castList(Object o) {
    return (List<String>) o;
  }

  private static ObjectNode test(ArrayNode tests, int tcId, String comment, List<String> flags) {
    ObjectNode t = tests.addObject();
    t.put("tcId", tcId);
    t.put("comment", comment);
    ArrayNode f = t.putArray("flags");
    flags.forEach(f::add);
    return t;
  }

  private static ObjectNode envelopeInput(RecordedEvent e) {
    try {
      // The envelope members without the hash, exactly as the canonical form names them.
      ObjectNode in = (ObjectNode) MAPPER.readTree(e.toJson());
      in.remove("hash");
      // Members in reverse canonical order, so that an implementation must sort them itself.
      return (ObjectNode) reversed(in);
    } catch (java.io.IOException x) {
      throw new java.io.UncheckedIOException(x);
    }
  }

  private static JsonNode reversed(JsonNode n) {
    if (n.isObject()) {
      List<String> names = new ArrayList<>();
      n.fieldNames().forEachRemaining(names::add);
      java.util.Collections.reverse(names);
      ObjectNode out = MAPPER.createObjectNode();
      for (String name : names) {
        out.set(name, reversed(n.get(name)));
      }
      return out;
    }
    if (n.isArray()) {
      ArrayNode out = MAPPER.createArrayNode();
      n.forEach(x -> out.add(reversed(x)));
      return out;
    }
    return n;
  }

  private static void storedCase(
      ArrayNode tests,
      int tcId,
      String comment,
      List<String> flags,
      String json,
      String errorCode) {
    ObjectNode t = test(tests, tcId, comment, flags);
    t.put("envelopeJson", json);
    t.put("result", errorCode == null ? "valid" : "invalid");
    if (errorCode != null) {
      t.put("errorCode", errorCode);
    }
  }

  private static void chainCase(
      ArrayNode tests,
      int tcId,
      String comment,
      List<String> flags,
      List<RecordedEvent> events,
      String[] editLast,
      String errorCode) {
    ObjectNode t = test(tests, tcId, comment, flags);
    ArrayNode a = t.putArray("events");
    for (int i = 0; i < events.size(); i++) {
      String json = events.get(i).toJson();
      if (editLast != null && i == events.size() - 1) {
        json = json.replace(editLast[0], editLast[1]);
      }
      a.add(json);
    }
    t.put("result", errorCode == null ? "valid" : "invalid");
    if (errorCode != null) {
      t.put("errorCode", errorCode);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Checking

  static List<String> check(JsonNode file) {
    List<String> mismatches = new ArrayList<>();
    for (JsonNode group : file.get("testGroups")) {
      String type = group.get("type").asText();
      for (JsonNode t : group.get("tests")) {
        String label = t.get("tcId").asInt() + " (" + t.get("comment").asText() + ")";
        try {
          switch (type) {
            case "EnvelopeHash" -> checkEnvelope(t, label, mismatches);
            case "StoredEnvelope" -> checkStored(t, label, mismatches);
            case "HashChain" -> checkChain(t, label, mismatches);
            default -> mismatches.add(label + ": unknown group type " + type);
          }
        } catch (RuntimeException e) {
          mismatches.add(label + ": threw " + e);
        }
      }
    }
    return mismatches;
  }

  private static void checkEnvelope(JsonNode t, String label, List<String> mismatches) {
    JsonNode in = t.get("envelope");
    String expectedCanonical = t.get("canonical").asText();
    String expectedHash = t.get("hash").asText();
    // Independent computation.
    String canonical = IndependentCanonicalJson.canonical(in);
    expect(mismatches, label, "independent canonical JSON", expectedCanonical, canonical);
    expect(
        mismatches,
        label,
        "independent hash",
        expectedHash,
        IndependentCanonicalJson.sha256Hex(canonical));
    // The SDK.
    NewEvent e =
        NewEvent.builder(in.get("type").asText(), in.get("schemaVersion").asInt())
            .eventId(UUID.fromString(in.get("eventId").asText()))
            .occurredAt(Instant.parse(in.get("occurredAt").asText()))
            .actor(in.get("actor").asText())
            .region(text(in, "region"))
            .causationId(uuid(in, "causationId"))
            .correlationId(uuid(in, "correlationId"))
            .payload(Payload.parse(in.get("payload").toString()))
            .build();
    RecordedEvent r =
        RecordedEvent.seal(
            e,
            in.get("streamId").asText(),
            in.get("sequence").asLong(),
            text(in, "prevHash"),
            Instant.parse(in.get("recordedAt").asText()),
            1);
    expect(
        mismatches, label, "SDK canonical JSON", expectedCanonical, r.canonicalJsonWithoutHash());
    expect(mismatches, label, "SDK hash", expectedHash, r.hash());
  }

  private static void checkStored(JsonNode t, String label, List<String> mismatches) {
    String json = t.get("envelopeJson").asText();
    String expected = t.has("errorCode") ? t.get("errorCode").asText() : "valid";
    expect(mismatches, label, "independent verdict", expected, independentVerdict(json));
    expect(
        mismatches,
        label,
        "SDK verdict",
        t.get("result").asText(),
        RecordedEvent.parse(json).hashMatches() ? "valid" : "invalid");
  }

  private static void checkChain(JsonNode t, String label, List<String> mismatches) {
    String expected = t.has("errorCode") ? t.get("errorCode").asText() : "valid";
    String independent = "valid";
    String sdk = "valid";
    JsonNode prevTree = null;
    RecordedEvent prevEvent = null;
    for (JsonNode text : t.get("events")) {
      String json = text.asText();
      JsonNode tree = readTree(json);
      if (independent.equals("valid")) {
        String v = independentVerdict(json);
        if (!v.equals("valid")) {
          independent = v;
        } else if (tree.get("sequence").asLong()
                != (prevTree == null ? 1 : prevTree.get("sequence").asLong() + 1)
            || !tree.get("prevHash")
                .equals(prevTree == null ? MAPPER.nullNode() : prevTree.get("hash"))) {
          independent = "CHAIN_BROKEN";
        }
      }
      RecordedEvent e = RecordedEvent.parse(json);
      if (sdk.equals("valid")) {
        if (!e.hashMatches()) {
          sdk = "HASH_MISMATCH";
        } else if (e.sequence() != (prevEvent == null ? 1 : prevEvent.sequence() + 1)
            || !java.util.Objects.equals(
                e.prevHash(), prevEvent == null ? null : prevEvent.hash())) {
          sdk = "CHAIN_BROKEN";
        }
      }
      prevTree = tree;
      prevEvent = e;
    }
    expect(mismatches, label, "independent verdict", expected, independent);
    // The SDK's hashMatches does not tell a tampered from a non-canonical text; both are
    // mismatches.
    expect(
        mismatches,
        label,
        "SDK verdict",
        expected.equals("NOT_CANONICAL") ? "HASH_MISMATCH" : expected,
        sdk);
  }

  /** valid, HASH_MISMATCH or NOT_CANONICAL, computed without the SDK. */
  private static String independentVerdict(String json) {
    JsonNode tree = readTree(json);
    if (!IndependentCanonicalJson.canonical(tree).equals(json)) {
      return "NOT_CANONICAL";
    }
    ObjectNode withoutHash = ((ObjectNode) tree).deepCopy();
    String hash = withoutHash.remove("hash").asText();
    return IndependentCanonicalJson.sha256Hex(IndependentCanonicalJson.canonical(withoutHash))
            .equals(hash)
        ? "valid"
        : "HASH_MISMATCH";
  }

  private static JsonNode readTree(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String text(JsonNode in, String field) {
    JsonNode n = in.get(field);
    return n == null || n.isNull() ? null : n.asText();
  }

  private static UUID uuid(JsonNode in, String field) {
    String s = text(in, field);
    return s == null ? null : UUID.fromString(s);
  }

  private static void expect(
      List<String> mismatches, String label, String what, String expected, String actual) {
    if (!expected.equals(actual)) {
      mismatches.add(
          String.format(
              Locale.ROOT, "%s: %s; expected %s, but got %s", label, what, expected, actual));
    }
  }
}
