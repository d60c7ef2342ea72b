package io.souverix.attestation.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.souverix.lifecycle.internal.Json;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A JSON object a policy is evaluated against, parsed once so it can be evaluated by many policies.
 * Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class PolicyInput {
  private final JsonNode tree;
  private final String json;
  private volatile @Nullable Converted converted;

  private record Converted(Function<JsonNode, Object> by, Object value) {}

  private PolicyInput(JsonNode tree, String json) {
    this.tree = tree;
    this.json = json;
  }

  /**
   * Parses a JSON object.
   *
   * @param json the document's text
   * @return the parsed input
   * @throws PolicyException with {@link PolicyException.Code#INVALID_INPUT} if the text is not JSON
   *     or not a JSON object
   */
  public static PolicyInput parse(String json) throws PolicyException {
    Objects.requireNonNull(json, "json");
    JsonNode tree;
    try {
      tree = Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new PolicyException(
          PolicyException.Code.INVALID_INPUT,
          "input",
          null,
          "not JSON: " + e.getOriginalMessage(),
          e);
    }
    if (tree == null || !tree.isObject()) {
      throw new PolicyException(
          PolicyException.Code.INVALID_INPUT,
          "input",
          null,
          String.format(
              Locale.ROOT,
              "input; expected a JSON object, but got %s",
              tree == null ? "nothing" : tree.getNodeType().name().toLowerCase(Locale.ROOT)),
          null);
    }
    return new PolicyInput(tree, json);
  }

  /**
   * The document as given to {@link #parse}.
   *
   * @return its JSON text
   */
  public String json() {
    return json;
  }

  /** The parsed tree, for engines in this package. */
  JsonNode tree() {
    return tree;
  }

  /**
   * The input converted once into an engine's own representation; the conversion must be a pure
   * function of the tree (racing threads may both run it).
   */
  Object engineValue(Function<JsonNode, Object> convert) {
    Converted c = converted;
    if (c == null || c.by() != convert) {
      c = new Converted(convert, convert.apply(tree));
      converted = c;
    }
    return c.value();
  }

  @Override
  public String toString() {
    return json;
  }
}
