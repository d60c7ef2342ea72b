package io.souverix.lifecycle.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A compiled JSON Schema of the supported draft 2020-12 subset (see the package documentation):
 * immutable and thread-safe. Compiling rejects every keyword it does not implement.
 */
final class JsonSchema {
  /** Deepest nesting of subschemas accepted; event payloads are shallow. */
  static final int MAX_DEPTH = 16;

  /** Most violations collected for one payload; the rest are not reported. */
  static final int MAX_VIOLATIONS = 100;

  static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";

  private static final Set<String> ANNOTATIONS = Set.of("title", "description", "$comment");
  private static final Set<String> ROOT_ONLY = Set.of("$schema", "$id", "x-lifecycle-phase");
  private static final Set<String> ASSERTIONS =
      Set.of(
          "type",
          "properties",
          "required",
          "additionalProperties",
          "enum",
          "const",
          "minimum",
          "maximum",
          "minLength",
          "maxLength",
          "pattern",
          "format",
          "items",
          "minItems");

  private static final Pattern DATE_PATTERN = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern DATE_TIME_PATTERN =
      Pattern.compile(
          "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");
  private static final Pattern UUID_PATTERN =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  /** The JSON types of the {@code type} keyword. */
  enum JsonType {
    OBJECT("object"),
    ARRAY("array"),
    STRING("string"),
    INTEGER("integer"),
    NUMBER("number"),
    BOOLEAN("boolean"),
    NULL("null");

    final String jsonName;

    JsonType(String jsonName) {
      this.jsonName = jsonName;
    }

    static @Nullable JsonType named(String name) {
      for (JsonType t : values()) {
        if (t.jsonName.equals(name)) {
          return t;
        }
      }
      return null;
    }

    /** The most specific type of a value: an integral number is an integer. */
    static JsonType of(JsonNode n) {
      if (n.isObject()) {
        return OBJECT;
      } else if (n.isArray()) {
        return ARRAY;
      } else if (n.isTextual()) {
        return STRING;
      } else if (n.isNumber()) {
        return isIntegral(n) ? INTEGER : NUMBER;
      } else if (n.isBoolean()) {
        return BOOLEAN;
      } else if (n.isNull()) {
        return NULL;
      }
      throw new IllegalArgumentException("not a JSON value: " + n.getNodeType());
    }
  }

  /** The supported {@code format} values, all asserted. */
  enum Format {
    DATE_TIME("date-time", "an RFC 3339 date-time such as 2026-01-31T12:00:00Z"),
    DATE("date", "an RFC 3339 full-date such as 2026-01-31"),
    UUID("uuid", "an RFC 9562 UUID");

    final String jsonName;
    final String expected;

    Format(String jsonName, String expected) {
      this.jsonName = jsonName;
      this.expected = expected;
    }

    boolean matches(String s) {
      try {
        switch (this) {
          case DATE_TIME:
            if (!DATE_TIME_PATTERN.matcher(s).matches()) {
              return false;
            }
            OffsetDateTime.parse(s.toUpperCase(Locale.ROOT));
            return true;
          case DATE:
            if (!DATE_PATTERN.matcher(s).matches()) {
              return false;
            }
            LocalDate.parse(s);
            return true;
          case UUID:
            return UUID_PATTERN.matcher(s).matches();
        }
      } catch (DateTimeParseException e) {
        return false;
      }
      throw new AssertionError(this);
    }
  }

  private final @Nullable Set<JsonType> types;
  private final Map<String, JsonSchema> properties;
  private final List<String> required;
  private final boolean additionalProperties;
  private final @Nullable List<JsonNode> enumValues;
  private final @Nullable JsonNode constValue;
  private final @Nullable BigDecimal minimum;
  private final @Nullable BigDecimal maximum;
  private final int minLength;
  private final int maxLength;
  private final @Nullable Pattern pattern;
  private final @Nullable Format format;
  private final @Nullable JsonSchema items;
  private final int minItems;

  private JsonSchema(JsonNode s, String at, int depth) {
    if (depth > MAX_DEPTH) {
      throw error(at, "nesting; expected at most %d levels of subschemas, but got more", MAX_DEPTH);
    }
    if (!s.isObject()) {
      throw error(at, "schema; expected an object, but got %s", JsonType.of(s).jsonName);
    }
    for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      boolean known =
          ASSERTIONS.contains(k)
              || ANNOTATIONS.contains(k)
              || (depth == 0 && ROOT_ONLY.contains(k));
      if (!known) {
        throw error(
            at, "keyword; expected one of the supported keywords, but got unsupported '%s'", k);
      }
      if (ANNOTATIONS.contains(k) || ROOT_ONLY.contains(k)) {
        if (!s.get(k).isTextual()) {
          throw error(
              at + "/" + k, "annotation; expected a string, but got %s", typeName(s.get(k)));
        }
      }
    }
    if (s.has("$schema") && !DRAFT_2020_12.equals(s.get("$schema").textValue())) {
      throw error(
          at + "/$schema",
          "dialect; expected %s, but got %s",
          DRAFT_2020_12,
          s.get("$schema").textValue());
    }
    this.types = compileTypes(s.get("type"), at + "/type");
    Map<String, JsonSchema> props = new LinkedHashMap<>();
    JsonNode p = s.get("properties");
    if (p != null) {
      if (!p.isObject()) {
        throw error(at + "/properties", "value; expected an object, but got %s", typeName(p));
      }
      for (Map.Entry<String, JsonNode> e : iterable(p.fields())) {
        props.put(
            e.getKey(),
            new JsonSchema(e.getValue(), at + "/properties/" + escape(e.getKey()), depth + 1));
      }
    }
    this.properties = Collections.unmodifiableMap(props);
    JsonNode ap = s.get("additionalProperties");
    if (ap != null && !ap.isBoolean()) {
      throw error(
          at + "/additionalProperties",
          "value; expected a boolean (subschemas are not supported), but got %s",
          typeName(ap));
    }
    this.additionalProperties = ap == null || ap.booleanValue();
    this.required = compileRequired(s.get("required"), at + "/required");
    if (!additionalProperties) {
      for (String r : required) {
        if (!properties.containsKey(r)) {
          throw error(
              at + "/required",
              "required property; expected one declared in properties (additionalProperties is"
                  + " false), but got '%s'",
              r);
        }
      }
    }
    JsonNode en = s.get("enum");
    if (en != null) {
      if (!en.isArray() || en.isEmpty()) {
        throw error(at + "/enum", "value; expected a non-empty array, but got %s", en);
      }
      List<JsonNode> values = new ArrayList<>();
      en.forEach(values::add);
      this.enumValues = List.copyOf(values);
    } else {
      this.enumValues = null;
    }
    this.constValue = s.get("const");
    this.minimum = number(s.get("minimum"), at + "/minimum");
    this.maximum = number(s.get("maximum"), at + "/maximum");
    this.minLength = count(s.get("minLength"), at + "/minLength");
    this.maxLength = count(s.get("maxLength"), at + "/maxLength");
    this.minItems = count(s.get("minItems"), at + "/minItems");
    JsonNode pat = s.get("pattern");
    if (pat != null) {
      if (!pat.isTextual()) {
        throw error(at + "/pattern", "value; expected a string, but got %s", typeName(pat));
      }
      try {
        this.pattern = Pattern.compile(pat.textValue());
      } catch (PatternSyntaxException e) {
        throw error(at + "/pattern", "value; expected a regular expression, but got %s", pat);
      }
    } else {
      this.pattern = null;
    }
    JsonNode f = s.get("format");
    if (f != null) {
      Format found = null;
      for (Format candidate : Format.values()) {
        if (candidate.jsonName.equals(f.textValue())) {
          found = candidate;
        }
      }
      if (found == null) {
        throw error(at + "/format", "value; expected date-time, date or uuid, but got %s", f);
      }
      this.format = found;
    } else {
      this.format = null;
    }
    JsonNode it = s.get("items");
    this.items = it == null ? null : new JsonSchema(it, at + "/items", depth + 1);
  }

  /**
   * Compiles a schema document.
   *
   * @param schema the parsed document
   * @return the compiled schema
   * @throws IllegalArgumentException if the document uses an unsupported keyword, nests too deeply,
   *     or a keyword's value is malformed; the message names the schema location
   */
  static JsonSchema compile(JsonNode schema) {
    return new JsonSchema(schema, "", 0);
  }

  /**
   * Validates a value.
   *
   * @param value the value, typically a payload object
   * @return the violations, in document order, at most {@link #MAX_VIOLATIONS}; empty if valid
   */
  List<Violation> validate(JsonNode value) {
    List<Violation> out = new ArrayList<>();
    validate(value, "", out);
    return Collections.unmodifiableList(out);
  }

  /** The declared types, or null if the schema does not restrict the type. */
  @Nullable Set<JsonType> types() {
    return types;
  }

  private void validate(JsonNode v, String ptr, List<Violation> out) {
    if (out.size() >= MAX_VIOLATIONS) {
      return;
    }
    JsonType actual = JsonType.of(v);
    if (types != null
        && !types.contains(actual)
        && !(actual == JsonType.INTEGER && types.contains(JsonType.NUMBER))) {
      add(
          out,
          ptr,
          "type",
          "expected %s, but got %s",
          types.stream().map(t -> t.jsonName).collect(Collectors.joining(" or ")),
          actual.jsonName);
      return;
    }
    if (constValue != null && !jsonEquals(constValue, v)) {
      add(out, ptr, "const", "expected %s, but got %s", constValue, shorten(v));
    }
    if (enumValues != null && enumValues.stream().noneMatch(e -> jsonEquals(e, v))) {
      add(
          out,
          ptr,
          "enum",
          "expected one of %s, but got %s",
          enumValues.stream().map(JsonNode::toString).collect(Collectors.joining(", ", "[", "]")),
          shorten(v));
    }
    switch (actual) {
      case STRING:
        validateString(v.textValue(), ptr, out);
        break;
      case INTEGER:
      case NUMBER:
        validateNumber(v.decimalValue(), ptr, out);
        break;
      case OBJECT:
        validateObject(v, ptr, out);
        break;
      case ARRAY:
        validateArray(v, ptr, out);
        break;
      default:
        break;
    }
  }

  private void validateString(String s, String ptr, List<Violation> out) {
    if (minLength >= 0 || maxLength >= 0) {
      int length = s.codePointCount(0, s.length());
      if (minLength >= 0 && length < minLength) {
        add(
            out,
            ptr,
            "minLength",
            "expected at least %d characters, but got %d",
            minLength,
            length);
      }
      if (maxLength >= 0 && length > maxLength) {
        add(out, ptr, "maxLength", "expected at most %d characters, but got %d", maxLength, length);
      }
    }
    if (pattern != null && !pattern.matcher(s).find()) {
      add(
          out,
          ptr,
          "pattern",
          "expected a string matching %s, but got %s",
          pattern.pattern(),
          shorten(s));
    }
    if (format != null && !format.matches(s)) {
      add(out, ptr, "format", "expected %s, but got %s", format.expected, shorten(s));
    }
  }

  private void validateNumber(BigDecimal n, String ptr, List<Violation> out) {
    if (minimum != null && n.compareTo(minimum) < 0) {
      add(out, ptr, "minimum", "expected a number >= %s, but got %s", plain(minimum), plain(n));
    }
    if (maximum != null && n.compareTo(maximum) > 0) {
      add(out, ptr, "maximum", "expected a number <= %s, but got %s", plain(maximum), plain(n));
    }
  }

  private void validateObject(JsonNode v, String ptr, List<Violation> out) {
    for (String r : required) {
      if (!v.has(r)) {
        add(
            out,
            ptr + "/" + escape(r),
            "required",
            "expected required property '%s', but got none",
            r);
      }
    }
    for (Map.Entry<String, JsonNode> e : iterable(v.fields())) {
      String child = ptr + "/" + escape(e.getKey());
      JsonSchema sub = properties.get(e.getKey());
      if (sub != null) {
        sub.validate(e.getValue(), child, out);
      } else if (!additionalProperties) {
        add(
            out,
            child,
            "additionalProperties",
            "expected only the properties %s, but got unknown property '%s'",
            properties.keySet(),
            e.getKey());
      }
    }
  }

  private void validateArray(JsonNode v, String ptr, List<Violation> out) {
    if (minItems >= 0 && v.size() < minItems) {
      add(out, ptr, "minItems", "expected at least %d items, but got %d", minItems, v.size());
    }
    if (items != null) {
      for (int i = 0; i < v.size(); i++) {
        items.validate(v.get(i), ptr + "/" + i, out);
      }
    }
  }

  private static void add(
      List<Violation> out, String ptr, String keyword, String format, Object... args) {
    if (out.size() < MAX_VIOLATIONS) {
      out.add(new Violation(ptr, keyword, String.format(Locale.ROOT, format, args)));
    }
  }

  /** JSON equality as JSON Schema defines it: numbers compare by value, objects ignore order. */
  static boolean jsonEquals(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    if (a.isArray() && b.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!jsonEquals(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a.isObject() && b.isObject()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (Map.Entry<String, JsonNode> e : iterable(a.fields())) {
        JsonNode other = b.get(e.getKey());
        if (other == null || !jsonEquals(e.getValue(), other)) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  static boolean isIntegral(JsonNode n) {
    if (n.isIntegralNumber()) {
      return true;
    }
    BigDecimal d = n.decimalValue();
    return d.signum() == 0 || d.stripTrailingZeros().scale() <= 0;
  }

  /** Escapes a property name as an RFC 6901 reference token. */
  static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }

  private static @Nullable Set<JsonType> compileTypes(@Nullable JsonNode t, String at) {
    if (t == null) {
      return null;
    }
    List<JsonNode> names = new ArrayList<>();
    if (t.isArray() && !t.isEmpty()) {
      t.forEach(names::add);
    } else {
      names.add(t);
    }
    Set<JsonType> result = EnumSet.noneOf(JsonType.class);
    for (JsonNode n : names) {
      JsonType type = n.isTextual() ? JsonType.named(n.textValue()) : null;
      if (type == null || !result.add(type)) {
        throw error(
            at,
            "value; expected distinct names of object, array, string, integer, number, boolean or"
                + " null, but got %s",
            t);
      }
    }
    return Collections.unmodifiableSet(result);
  }

  private static List<String> compileRequired(@Nullable JsonNode r, String at) {
    if (r == null) {
      return List.of();
    }
    if (!r.isArray()) {
      throw error(at, "value; expected an array of property names, but got %s", typeName(r));
    }
    Set<String> names = new LinkedHashSet<>();
    for (JsonNode n : r) {
      if (!n.isTextual() || !names.add(n.textValue())) {
        throw error(at, "value; expected distinct property names, but got %s", r);
      }
    }
    return List.copyOf(names);
  }

  private static @Nullable BigDecimal number(@Nullable JsonNode n, String at) {
    if (n == null) {
      return null;
    }
    if (!n.isNumber()) {
      throw error(at, "value; expected a number, but got %s", typeName(n));
    }
    return n.decimalValue();
  }

  private static int count(@Nullable JsonNode n, String at) {
    if (n == null) {
      return -1;
    }
    if (!n.isNumber() || !isIntegral(n) || n.decimalValue().signum() < 0 || !n.canConvertToInt()) {
      throw error(at, "value; expected a non-negative integer, but got %s", n);
    }
    return n.intValue();
  }

  private static String typeName(JsonNode n) {
    return JsonType.of(n).jsonName;
  }

  private static String plain(BigDecimal d) {
    return d.stripTrailingZeros().toPlainString();
  }

  private static String shorten(Object value) {
    String s = value instanceof String ? '"' + (String) value + '"' : String.valueOf(value);
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }

  private static IllegalArgumentException error(String at, String format, Object... args) {
    return new IllegalArgumentException(
        "schema "
            + (at.isEmpty() ? "(root)" : at)
            + " "
            + String.format(Locale.ROOT, format, args));
  }

  private static <T> Iterable<T> iterable(Iterator<T> it) {
    return () -> it;
  }
}
