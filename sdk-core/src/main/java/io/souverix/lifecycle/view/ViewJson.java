package io.souverix.lifecycle.view;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.souverix.lifecycle.internal.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Writing and reading the views' JSON with the shared mapper, in a fixed field order. */
final class ViewJson {
  private ViewJson() {}

  interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  static String write(Body body) {
    StringWriter w = new StringWriter(512);
    try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(w)) {
      g.writeStartObject();
      body.write(g);
      g.writeEndObject();
    } catch (IOException e) {
      // A StringWriter does not fail; anything else is a bug in the view.
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  static void text(JsonGenerator g, String field, @Nullable String value) throws IOException {
    if (value == null) {
      g.writeNullField(field);
    } else {
      g.writeStringField(field, value);
    }
  }

  static void time(JsonGenerator g, String field, @Nullable Instant value) throws IOException {
    text(g, field, value == null ? null : value.toString());
  }

  static JsonNode parse(String json, String view) {
    try {
      JsonNode n = Json.MAPPER.readTree(json);
      if (n == null || !n.isObject()) {
        throw new IllegalArgumentException(view + " must be a JSON object");
      }
      return n;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(view + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  static String required(JsonNode n, String field, String view) {
    String s = optional(n, field, view);
    if (s == null) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT, "%s field %s; expected a string, but got nothing", view, field));
    }
    return s;
  }

  static @Nullable String optional(JsonNode n, String field, String view) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "%s field %s; expected a string, but got %s",
              view,
              field,
              v.getNodeType()));
    }
    return v.textValue();
  }

  static Instant requiredInstant(JsonNode n, String field, String view) {
    Instant i = instant(n, field, view);
    if (i == null) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "%s field %s; expected an ISO 8601 instant, but got nothing",
              view,
              field));
    }
    return i;
  }

  static @Nullable Instant instant(JsonNode n, String field, String view) {
    String s = optional(n, field, view);
    try {
      return s == null ? null : Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "%s field %s; expected an ISO 8601 instant, but got '%s'",
              view,
              field,
              s),
          e);
    }
  }

  static JsonNode object(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v != null && v.isObject() ? v : Json.MAPPER.createObjectNode();
  }

  static List<String> strings(JsonNode n, String field) {
    JsonNode v = n.get(field);
    List<String> out = new ArrayList<>();
    if (v != null && v.isArray()) {
      for (JsonNode e : v) {
        out.add(e.asText());
      }
    }
    return out;
  }
}
