package io.souverix.attestation.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.souverix.lifecycle.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Reads and rewrites log files line by line, to tamper with them in tests. */
final class LogFiles {
  private LogFiles() {}

  static List<String> lines(Path file) {
    try {
      return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(Path file, List<String> lines) {
    try {
      Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The line number (0 = header) of entry {@code index}. */
  static int entryLine(List<String> lines, long index) {
    return find(lines, "entry", "index", index);
  }

  /** The line number of head number {@code number} (the first head is 0). */
  static int headLine(List<String> lines, long number) {
    int seen = 0;
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).startsWith("{\"type\":\"head\"") && seen++ == number) {
        return i;
      }
    }
    throw new AssertionError("no head " + number);
  }

  private static int find(List<String> lines, String type, String field, long value) {
    for (int i = 1; i < lines.size(); i++) {
      JsonNode n = parse(lines.get(i));
      if (n.path("type").asText().equals(type) && n.path(field).asLong(-1) == value) {
        return i;
      }
    }
    throw new AssertionError("no " + type + " with " + field + " " + value);
  }

  static JsonNode parse(String line) {
    try {
      return Json.MAPPER.readTree(line);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Rewrites one line's JSON object. */
  static void edit(Path file, int line, UnaryOperator<ObjectNode> change) {
    List<String> lines = lines(file);
    ObjectNode n = (ObjectNode) parse(lines.get(line));
    try {
      lines.set(line, Json.MAPPER.writeValueAsString(change.apply(n)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    write(file, lines);
  }
}
