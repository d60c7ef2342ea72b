package io.souverix.lifecycle.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.souverix.lifecycle.internal.Instants;
import io.souverix.lifecycle.internal.Json;
import java.io.IOException;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Streaming parser of the envelope JSON: strict, single pass, payload kept as its text. */
final class EnvelopeParser {
  private static final String[] FIELDS = {
    "actor", "causationId", "correlationId", "eventId", "hash", "occurredAt", "payload",
    "prevHash", "recordedAt", "region", "schemaVersion", "sequence", "streamId", "type"
  };
  private static final int ALL = (1 << FIELDS.length) - 1;

  private EnvelopeParser() {}

  static RecordedEvent parse(String json, long position) throws IOException {
    String[] text = new String[FIELDS.length];
    long sequence = 0;
    int schemaVersion = 0;
    String payload = null;
    int seen = 0;
    try (JsonParser p = Json.MAPPER.getFactory().createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("event envelope must be a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        int field = indexOf(name);
        if (field < 0) {
          throw new IllegalArgumentException(
              String.format(
                  Locale.ROOT,
                  "event envelope field; expected one of the envelope's, but got '%s'",
                  name));
        }
        if ((seen & (1 << field)) != 0) {
          throw new IllegalArgumentException("event envelope repeats field '" + name + "'");
        }
        seen |= 1 << field;
        JsonToken t = p.nextToken();
        switch (name) {
          case "payload":
            if (t != JsonToken.START_OBJECT) {
              throw new IllegalArgumentException(
                  "event envelope field 'payload' must be an object");
            }
            int start = (int) p.currentTokenLocation().getCharOffset();
            p.skipChildren();
            int end = (int) p.currentTokenLocation().getCharOffset() + 1;
            payload = json.substring(start, end);
            break;
          case "sequence":
            sequence = number(p, t, name);
            break;
          case "schemaVersion":
            schemaVersion = (int) number(p, t, name);
            break;
          default:
            if (t == JsonToken.VALUE_NULL) {
              text[field] = null;
            } else if (t == JsonToken.VALUE_STRING) {
              text[field] = p.getText();
            } else {
              throw new IllegalArgumentException(
                  "event envelope field '" + name + "' must be a string or null");
            }
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
        throw new IllegalArgumentException("event envelope has trailing content");
      }
    }
    if (seen != ALL) {
      for (int i = 0; i < FIELDS.length; i++) {
        if ((seen & (1 << i)) == 0) {
          throw new IllegalArgumentException("event envelope lacks field '" + FIELDS[i] + "'");
        }
      }
    }
    NewEvent e =
        NewEvent.builder(required(text, "type"), schemaVersion)
            .eventId(UUID.fromString(required(text, "eventId")))
            .occurredAt(Instants.parse(required(text, "occurredAt")))
            .actor(required(text, "actor"))
            .region(text[indexOf("region")])
            .causationId(uuid(text[indexOf("causationId")]))
            .correlationId(uuid(text[indexOf("correlationId")]))
            .payload(Payload.fromStored(payload))
            .build();
    return RecordedEvent.restore(
        e,
        required(text, "streamId"),
        sequence,
        text[indexOf("prevHash")],
        Instants.parse(required(text, "recordedAt")),
        required(text, "hash"),
        position);
  }

  private static long number(JsonParser p, JsonToken t, String name) throws IOException {
    if (t != JsonToken.VALUE_NUMBER_INT) {
      throw new IllegalArgumentException("event envelope field '" + name + "' must be an integer");
    }
    return p.getLongValue();
  }

  private static int indexOf(String name) {
    // FIELDS is sorted: the canonical order of the envelope.
    return java.util.Arrays.binarySearch(FIELDS, name);
  }

  private static String required(String[] text, String name) {
    String v = text[indexOf(name)];
    if (v == null) {
      throw new IllegalArgumentException("event envelope field '" + name + "' must not be null");
    }
    return v;
  }

  private static @Nullable UUID uuid(@Nullable String s) {
    return s == null ? null : UUID.fromString(s);
  }
}
