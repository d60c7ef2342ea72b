package io.souverix.tck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** The shared frame of the vector files: header members, groups, tests and the test count. */
final class VectorFiles {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private VectorFiles() {}

  static ObjectNode header(
      String suite, String description, String provenance, Map<String, String> notes) {
    ObjectNode file = MAPPER.createObjectNode();
    file.put("schema", "../schema/vector-file.schema.json");
    file.put("suite", suite);
    file.put("version", 1);
    file.put("description", description);
    file.put("provenance", provenance);
    file.put("numberOfTests", 0);
    ObjectNode n = file.putObject("notes");
    notes.keySet().stream().sorted().forEach(k -> n.put(k, notes.get(k)));
    file.putArray("testGroups");
    return file;
  }

  static ArrayNode group(ObjectNode file, String type) {
    ObjectNode g = ((ArrayNode) file.get("testGroups")).addObject();
    g.put("type", type);
    return g.putArray("tests");
  }

  /** Adds a test with the next tcId of the file. */
  static ObjectNode test(ObjectNode file, ArrayNode tests, String comment, List<String> flags) {
    int id = file.get("numberOfTests").asInt() + 1;
    file.put("numberOfTests", id);
    ObjectNode t = tests.addObject();
    t.put("tcId", id);
    t.put("comment", comment);
    ArrayNode f = t.putArray("flags");
    flags.forEach(f::add);
    return t;
  }

  static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String label(JsonNode test) {
    return "tcId " + test.path("tcId").asText("?") + " (" + test.path("comment").asText() + ")";
  }
}
