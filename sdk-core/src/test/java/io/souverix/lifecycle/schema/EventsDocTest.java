package io.souverix.lifecycle.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.souverix.lifecycle.event.EventType;
import io.souverix.lifecycle.event.NewEvent;
import io.souverix.lifecycle.event.Payload;
import io.souverix.lifecycle.event.RecordedEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Renders {@code docs/events.md} from the built-in schemas and checks that the committed file is
 * current; with {@code -Dsouverix.regenerateDocs=true} it rewrites the file instead.
 */
class EventsDocTest {
  static final String REGENERATE =
      "mvn -q -pl sdk-core -am test -Dtest=EventsDocTest -Dsurefire.failIfNoSpecifiedTests=false"
          + " -Dsouverix.regenerateDocs=true";

  @Test
  void eventsDoc_isRenderedFromTheSchemas() throws Exception {
    Path doc = repositoryRoot().resolve("docs/events.md");
    String rendered = render();
    if (Boolean.getBoolean("souverix.regenerateDocs")) {
      Files.createDirectories(doc.getParent());
      Files.writeString(doc, rendered, StandardCharsets.UTF_8);
    }
    assertThat(Files.exists(doc)).as("%s exists; create it with: %s", doc, REGENERATE).isTrue();
    assertThat(Files.readString(doc, StandardCharsets.UTF_8))
        .as("docs/events.md is stale; regenerate it with: %s", REGENERATE)
        .isEqualTo(rendered);
  }

  @Test
  void render_coversEveryTypeAndVersion() {
    String doc = render();
    for (SchemaCases.Schema s : SchemaCases.builtInSchemas()) {
      assertThat(doc).contains("### `" + s.type() + "`");
      assertThat(doc).contains("#### Version " + s.version());
    }
    assertThat(doc).contains("| `manufacturing.batch_id` | string");
  }

  @Test
  void hashExample_isTheSha256OfTheShownText() throws Exception {
    String doc = render();
    int start = doc.indexOf("```json\n") + "```json\n".length();
    String hashed = doc.substring(start, doc.indexOf("\n```", start));
    int h = doc.indexOf("and its `hash` is `") + "and its `hash` is `".length();
    String shown = doc.substring(h, doc.indexOf('`', h));
    byte[] digest =
        java.security.MessageDigest.getInstance("SHA-256")
            .digest(hashed.getBytes(StandardCharsets.UTF_8));
    assertThat(java.util.HexFormat.of().formatHex(digest)).isEqualTo(shown);
  }

  static Path repositoryRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null
        && !(Files.isDirectory(p.resolve("sdk-core")) && Files.exists(p.resolve("pom.xml")))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException(
          "cannot find the repository root above " + Path.of("").toAbsolutePath());
    }
    return p;
  }

  // ---- the renderer ----

  static String render() {
    StringBuilder md = new StringBuilder();
    md.append("# Event catalogue\n\n");
    md.append(
        "<!-- Generated from the JSON Schemas in"
            + " sdk-core/src/main/resources/io/souverix/lifecycle/schemas/ by EventsDocTest."
            + " Do not edit by hand. -->\n\n");
    md.append(
        "This file is generated. After changing a schema, regenerate it from the repository root with:\n\n");
    md.append("```\n").append(REGENERATE).append("\n```\n\n");
    md.append(
        "Every lifecycle event is an envelope (below) around a payload: a JSON object whose shape is"
            + " fixed by the JSON Schema of the event's type and schema version. The schemas ship"
            + " with the SDK as classpath resources `io/souverix/lifecycle/schemas/<type>.v<N>.schema.json`"
            + " and are loaded by `EventSchemas.builtIn()`. They are strict: required fields must be"
            + " present, and a field a schema does not declare is rejected. A store wrapped with"
            + " `EventSchemas.validating(store)` rejects an append (code `INVALID_EVENT`, nothing"
            + " written) if any payload violates its schema. Events written at an older schema"
            + " version stay stored as written and are upcast to the newest version on read by"
            + " `Upcasters.upcast(event)`.\n\n");
    md.append(
        "Field names are snake_case. In the tables, a nested field is written with dots"
            + " (`manufacturing.batch_id`); it is required only if its parent object is present."
            + " Lengths count Unicode code points; patterns are regular expressions that must match"
            + " somewhere in the value (the catalogue's patterns are all anchored); `date-time` is"
            + " RFC 3339 with an offset, `date` is `YYYY-MM-DD`.\n\n");

    md.append("## Contents\n\n");
    Map<String, List<EventType>> byPhase = new LinkedHashMap<>();
    for (EventType t : EventType.catalogue()) {
      byPhase.computeIfAbsent(phase(t.name()), k -> new ArrayList<>()).add(t);
    }
    md.append("- [The envelope](#the-envelope)\n");
    for (Map.Entry<String, List<EventType>> e : byPhase.entrySet()) {
      md.append("- ").append(e.getKey()).append(": ");
      md.append(
          e.getValue().stream()
              .map(t -> "[`" + t.name() + "`](#" + anchor(t.name()) + ")")
              .collect(Collectors.joining(", ")));
      md.append('\n');
    }
    md.append('\n');

    renderEnvelope(md);

    for (Map.Entry<String, List<EventType>> e : byPhase.entrySet()) {
      md.append("## ").append(e.getKey()).append("\n\n");
      for (EventType t : e.getValue()) {
        renderType(md, t);
      }
    }
    return md.toString();
  }

  private static void renderEnvelope(StringBuilder md) {
    md.append("## The envelope\n\n");
    md.append(
        "Every event, whatever its type, is stored and transported in this envelope (DESIGN.md"
            + " section 2). The writer chooses the fields marked *writer*; the store assigns the"
            + " others when it accepts the append.\n\n");
    md.append("| Field | Type | Set by | Description |\n|---|---|---|---|\n");
    String[][] rows = {
      {
        "eventId",
        "string (UUID, version 7)",
        "writer",
        "The event's id. Appending an id that is already recorded with the same content is an idempotent retry."
      },
      {
        "streamId",
        "string, 1 to 200 characters, no whitespace or control characters",
        "store",
        "The component's stream: the node id for a hardware node (`node-000042`), `<nodeId>/<name>` for a software component (`node-000042/os`)."
      },
      {
        "sequence",
        "integer >= 1",
        "store",
        "The event's place in its stream: 1, 2, 3, ... without gaps."
      },
      {
        "type",
        "string",
        "writer",
        "The event type: one of the sections below, or a vendor type with a registered schema."
      },
      {
        "schemaVersion",
        "integer >= 1",
        "writer",
        "The version of the type's schema the payload follows."
      },
      {
        "occurredAt",
        "string (RFC 3339 instant, UTC, microsecond precision)",
        "writer",
        "When the fact happened, in the writer's view."
      },
      {
        "recordedAt",
        "string (RFC 3339 instant, UTC, microsecond precision)",
        "store",
        "When the store recorded the event, by the store's clock."
      },
      {
        "actor",
        "string, 1 to 200 characters",
        "writer",
        "Who caused the event: a user, service or node id."
      },
      {"region", "string or null", "writer", "The region the event belongs to."},
      {
        "causationId",
        "string (UUID) or null",
        "writer",
        "The id of the event or command that caused this one."
      },
      {"correlationId", "string (UUID) or null", "writer", "The id correlating a whole workflow."},
      {
        "payload",
        "object",
        "writer",
        "The type-specific fields documented below, at most 256 KiB in canonical form."
      },
      {
        "prevHash",
        "string (64 lower-case hex digits) or null",
        "store",
        "The `hash` of the previous event of the same stream; null for the first event."
      },
      {
        "hash",
        "string (64 lower-case hex digits)",
        "store",
        "The event's hash, computed as described below."
      },
    };
    for (String[] r : rows) {
      md.append("| `")
          .append(r[0])
          .append("` | ")
          .append(r[1])
          .append(" | ")
          .append(r[2])
          .append(" | ")
          .append(r[3])
          .append(" |\n");
    }
    md.append('\n');
    md.append("### How the hash is computed\n\n");
    md.append(
        "1. Take the envelope without its `hash` member. Absent optional fields are present as JSON"
            + " `null`; the store's global position is not part of the envelope (it says where the"
            + " event sits, not what it says).\n"
            + "2. Serialise it as RFC 8785 (JSON Canonicalization Scheme) canonical JSON: members"
            + " sorted by name, no insignificant whitespace, numbers and strings in their canonical"
            + " form. The payload is stored in this canonical form, so the stored text is what is"
            + " hashed.\n"
            + "3. `hash` is the lower-case hex SHA-256 of the UTF-8 bytes of that text.\n\n");
    md.append(
        "`prevHash` links each event to the one before it in the stream, so an edit, reordering or"
            + " deletion inside a stream breaks the chain from that point on. `RecordedEvent.hashMatches()`"
            + " recomputes the hash of one event. Verify chains on the events as stored: an upcast"
            + " event keeps its stored `hash`, which covers the stored (older) payload, not the"
            + " upcast one.\n\n");
    NewEvent e =
        NewEvent.builder(EventType.EMERGENCY_ISOLATED)
            .eventId(UUID.fromString("0190b567-d800-72ec-99b8-9cd868fb0e6f"))
            .occurredAt(Instant.parse("2024-07-15T08:00:00Z"))
            .actor("ops-console")
            .region("eu-west")
            .payload(Payload.of("reason", "tamper switch triggered"))
            .build();
    RecordedEvent r =
        RecordedEvent.seal(
            e, "node-000042", 7, "0f".repeat(32), Instant.parse("2024-07-15T08:00:01Z"), 1);
    md.append("For example, the hashed text of an `emergency.isolated` event is\n\n```json\n")
        .append(r.canonicalJsonWithoutHash())
        .append("\n```\n\nand its `hash` is `")
        .append(r.hash())
        .append("`.\n\n");
  }

  private static void renderType(StringBuilder md, EventType t) {
    md.append("### `").append(t.name()).append("`\n\n");
    JsonNode current = schema(t.name(), t.currentVersion());
    md.append("**")
        .append(current.path("title").asText())
        .append("** · current version ")
        .append(t.currentVersion())
        .append(" · phase: ")
        .append(phase(t.name()))
        .append("\n\n");
    md.append(current.path("description").asText()).append("\n\n");
    for (int v = t.currentVersion(); v >= 1; v--) {
      JsonNode s = schema(t.name(), v);
      md.append("#### Version ")
          .append(v)
          .append(v == t.currentVersion() ? " (current)" : " (superseded, upcast on read)")
          .append("\n\n");
      if (v != t.currentVersion()) {
        md.append(s.path("description").asText()).append("\n\n");
      }
      md.append("Schema: `").append(EventSchemas.resourceName(t.name(), v)).append("`\n\n");
      md.append("| Field | Type | Required | Description |\n|---|---|---|---|\n");
      renderFields(md, s, "");
      md.append('\n');
    }
  }

  private static void renderFields(StringBuilder md, JsonNode objectSchema, String prefix) {
    List<String> required = new ArrayList<>();
    objectSchema.path("required").forEach(r -> required.add(r.asText()));
    objectSchema
        .path("properties")
        .fields()
        .forEachRemaining(
            e -> {
              JsonNode p = e.getValue();
              md.append("| `")
                  .append(prefix)
                  .append(e.getKey())
                  .append("` | ")
                  .append(cell(typeOf(p)))
                  .append(" | ")
                  .append(required.contains(e.getKey()) ? "yes" : "no")
                  .append(" | ")
                  .append(cell(p.path("description").asText()))
                  .append(" |\n");
              if (p.has("properties")) {
                renderFields(md, p, prefix + e.getKey() + ".");
              }
            });
  }

  /** A human-readable type with its constraints, e.g. "string, 1 to 200 characters". */
  static String typeOf(JsonNode p) {
    List<String> parts = new ArrayList<>();
    JsonNode type = p.path("type");
    String base =
        type.isArray()
            ? java.util.stream.StreamSupport.stream(type.spliterator(), false)
                .map(JsonNode::asText)
                .collect(Collectors.joining(" or "))
            : type.asText("any");
    if (p.has("format")) {
      base += " (" + p.get("format").asText() + ")";
    }
    if (p.has("items")) {
      String item = typeOf(p.get("items"));
      base += " of " + (item.contains(",") ? "(" + item + ")" : item);
    }
    parts.add(base);
    if (p.has("enum")) {
      parts.add(
          "one of "
              + java.util.stream.StreamSupport.stream(p.get("enum").spliterator(), false)
                  .map(v -> "`" + (v.isNull() ? "null" : v.asText()) + "`")
                  .collect(Collectors.joining(", ")));
    }
    if (p.has("const")) {
      parts.add("exactly `" + p.get("const").asText() + "`");
    }
    if (p.has("minLength") && p.has("maxLength")) {
      parts.add(
          String.format(
              Locale.ROOT,
              "%d to %d characters",
              p.get("minLength").intValue(),
              p.get("maxLength").intValue()));
    } else if (p.has("minLength")) {
      parts.add("at least " + p.get("minLength").intValue() + " characters");
    } else if (p.has("maxLength")) {
      parts.add("at most " + p.get("maxLength").intValue() + " characters");
    }
    if (p.has("pattern")) {
      parts.add("matching `" + p.get("pattern").asText() + "`");
    }
    if (p.has("minimum") && p.has("maximum")) {
      parts.add("from " + p.get("minimum").asText() + " to " + p.get("maximum").asText());
    } else if (p.has("minimum")) {
      parts.add(">= " + p.get("minimum").asText());
    } else if (p.has("maximum")) {
      parts.add("<= " + p.get("maximum").asText());
    }
    if (p.has("minItems")) {
      parts.add(
          "at least "
              + p.get("minItems").intValue()
              + " item"
              + (p.get("minItems").intValue() == 1 ? "" : "s"));
    }
    return String.join(", ", parts);
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }

  private static String anchor(String typeName) {
    return typeName.replace(".", "");
  }

  private static String phase(String type) {
    return schema(type, 1).path("x-lifecycle-phase").asText();
  }

  private static JsonNode schema(String type, int version) {
    return SchemaCases.readTree(
        EventSchemas.readResource(EventSchemas.resourceName(type, version)));
  }
}
