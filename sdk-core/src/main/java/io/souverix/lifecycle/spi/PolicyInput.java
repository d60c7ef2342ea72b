package io.souverix.lifecycle.spi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.souverix.lifecycle.internal.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A JSON object a policy is evaluated against, parsed once so it can be evaluated by many policies.
 * Immutable and thread-safe.
 *
 * <p>Engines that send JSON over the wire use {@link #json()}; engines that evaluate in process use
 * {@link #engineValue}, which converts the document once into their own representation.
 *
 * @since 0.1
 */
public final class PolicyInput {
  private final JsonNode tree;
  private final String json;
  private volatile @Nullable Converted converted;

  private record Converted(Function<?, ?> by, Object value) {}

  private PolicyInput(JsonNode tree, String json) {
    this.tree = tree;
    this.json = json;
  }

  /**
   * Parses a JSON object.
   *
   * @param json the document's text; not null
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
   * Returns the document as given to {@link #parse}.
   *
   * @return its JSON text
   */
  public String json() {
    return json;
  }

  /**
   * Returns the input in an engine's own representation, converting it at most once per conversion
   * (racing threads may both convert, so the conversion must be a pure function). An engine passes
   * the same function instance, a constant, every time; this input keeps the latest conversion.
   *
   * <p>The conversion receives the document as unmodifiable JDK values: a JSON object is a {@code
   * Map<String, Object>} in document order, an array a {@code List<Object>}, a string a {@code
   * String}, true and false a {@code Boolean}, null is {@code null}, an integral number a {@code
   * Long} when it fits in 64 bits and a {@code BigInteger} otherwise, any other number a {@code
   * BigDecimal}.
   *
   * @param conversion from the JDK representation to the engine's; not null
   * @param <T> the engine's representation
   * @return the converted input
   */
  @SuppressWarnings("unchecked")
  public <T> T engineValue(Function<? super Map<String, Object>, T> conversion) {
    Objects.requireNonNull(conversion, "conversion");
    Converted c = converted;
    if (c == null || c.by() != conversion) {
      @SuppressWarnings("unchecked")
      Map<String, Object> map = (Map<String, Object>) jdk(tree);
      c = new Converted(conversion, Objects.requireNonNull(conversion.apply(map), "conversion"));
      converted = c;
    }
    // The function instance fixed T when the value was stored.
    return (T) c.value();
  }

  private static @Nullable Object jdk(JsonNode n) {
    switch (n.getNodeType()) {
      case OBJECT -> {
        Map<String, @Nullable Object> m = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          m.put(e.getKey(), jdk(e.getValue()));
        }
        return Collections.unmodifiableMap(m);
      }
      case ARRAY -> {
        List<@Nullable Object> l = new ArrayList<>(n.size());
        for (JsonNode x : n) {
          l.add(jdk(x));
        }
        return Collections.unmodifiableList(l);
      }
      case STRING -> {
        return n.textValue();
      }
      case BOOLEAN -> {
        return n.booleanValue();
      }
      case NUMBER -> {
        if (n.isIntegralNumber()) {
          return n.canConvertToLong() ? (Object) n.longValue() : n.bigIntegerValue();
        }
        return n.decimalValue();
      }
      case NULL -> {
        return null;
      }
      default -> throw new IllegalArgumentException("unsupported JSON node " + n.getNodeType());
    }
  }

  @Override
  public String toString() {
    return json;
  }
}
