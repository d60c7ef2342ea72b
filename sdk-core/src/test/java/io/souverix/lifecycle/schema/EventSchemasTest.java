package io.souverix.lifecycle.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.souverix.lifecycle.event.EventType;
import io.souverix.lifecycle.event.Payload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventSchemasTest {
  private static final EventSchemas SCHEMAS = EventSchemas.builtIn();

  @Test
  void builtIn_everyCatalogueTypeAndVersion_hasALoadedSchema() {
    List<String> loaded = new ArrayList<>();
    for (EventType t : EventType.catalogue()) {
      assertThat(SCHEMAS.versionsOf(t.name()).keySet())
          .as(t.name())
          .containsExactlyElementsOf(
              java.util.stream.IntStream.rangeClosed(1, t.currentVersion()).boxed().toList());
      SCHEMAS.versionsOf(t.name()).keySet().forEach(v -> loaded.add(t.name() + ".v" + v));
    }
    assertThat(loaded)
        .hasSize(33 + 12 /* rollouts */)
        .contains("node.serial_registered.v1", "node.serial_registered.v2");
    assertThat(EventSchemas.builtIn()).isSameAs(SCHEMAS);
  }

  @Test
  void builtIn_everySchema_documentsItselfAndIsStrict() {
    List<String> problems = new ArrayList<>();
    for (SchemaCases.Schema s : SchemaCases.builtInSchemas()) {
      JsonNode d = s.document();
      String label = s.type() + " v" + s.version();
      for (String k : List.of("$id", "title", "description", "x-lifecycle-phase")) {
        if (!d.path(k).isTextual() || d.path(k).textValue().isBlank()) {
          problems.add(label + " lacks " + k);
        }
      }
      checkStrict(label, d, "", problems);
    }
    assertThat(problems).isEmpty();
  }

  private static void checkStrict(String label, JsonNode schema, String at, List<String> problems) {
    if (!"false".equals(schema.path("additionalProperties").toString())) {
      problems.add(label + at + " allows additional properties");
    }
    schema
        .path("properties")
        .fields()
        .forEachRemaining(
            e -> {
              JsonNode p = e.getValue();
              if (!p.path("description").isTextual()) {
                problems.add(label + at + "/" + e.getKey() + " lacks a description");
              }
              if ("object".equals(p.path("type").asText())) {
                checkStrict(label, p, at + "/" + e.getKey(), problems);
              }
            });
  }

  @Test
  void samples_coverEverySchema_andAllPass() throws SchemaViolationException {
    Set<String> expected = new TreeSet<>();
    for (SchemaCases.Schema s : SchemaCases.builtInSchemas()) {
      expected.add(SamplePayloads.key(s.type(), s.version()));
      Payload sample = SamplePayloads.of(s.type(), s.version());
      assertThat(sample).as("sample of %s v%d", s.type(), s.version()).isNotNull();
      ValidatedPayload v = SCHEMAS.validate(s.type(), s.version(), sample);
      assertThat(v.schemaChecked()).isTrue();
      assertThat(v.payload()).isEqualTo(sample);
    }
    assertThat(new TreeSet<>(SamplePayloads.all().keySet())).isEqualTo(expected);
  }

  static List<SchemaCases.Case> negativeCases() {
    return SchemaCases.negativeCases();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("negativeCases")
  void validate_payloadBreakingOneRule_failsWithThatPointerAndRule(SchemaCases.Case c) {
    SchemaViolationException e =
        catchThrowableOfType(
            SchemaViolationException.class,
            () -> SCHEMAS.validate(c.type(), c.version(), c.payload()));
    assertThat(e).as("%s must be rejected", c.label()).isNotNull();
    assertThat(e.code()).isEqualTo(SchemaViolationException.Code.VIOLATION);
    assertThat(e.type()).isEqualTo(c.type());
    assertThat(e.schemaVersion()).isEqualTo(c.version());
    assertThat(e.violations())
        .extracting(Violation::pointer, Violation::keyword)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(c.pointer(), c.keyword()));
    assertThat(e.getMessage()).contains(c.pointer() + ": ");
  }

  @Test
  void negativeCases_coverEveryRuleTheSchemasUse() {
    Map<String, Long> byKeyword =
        negativeCases().stream()
            .collect(Collectors.groupingBy(SchemaCases.Case::keyword, Collectors.counting()));
    assertThat(byKeyword.keySet())
        .containsExactlyInAnyOrder(
            "required",
            "type",
            "additionalProperties",
            "enum",
            "format",
            "pattern",
            "minLength",
            "maxLength",
            "minimum",
            "maximum",
            "minItems");
    assertThat(negativeCases()).hasSizeGreaterThan(300);
  }

  @Test
  void validate_nestedWrongType_namesPointerAndRule() {
    Payload p =
        Payload.parse(
            "{\"serial\":\"S1\",\"model\":\"m\",\"region\":\"r\",\"cluster\":\"c\","
                + "\"manufacturing\":{\"batch_id\":7}}");
    SchemaViolationException e =
        catchThrowableOfType(
            SchemaViolationException.class, () -> SCHEMAS.validate("node.serial_registered", 2, p));
    assertThat(e.violations()).hasSize(1);
    assertThat(e.violations().get(0).toString())
        .isEqualTo("/manufacturing/batch_id: expected string, but got integer");
    assertThat(e.getMessage())
        .isEqualTo(
            "payload of node.serial_registered v2 violates its schema; expected no violations,"
                + " but got 1: /manufacturing/batch_id: expected string, but got integer");
  }

  @Test
  void validate_typeArray_acceptsNullAndRejectsOthers() throws SchemaViolationException {
    Payload withNull = SamplePayloads.of("lifecycle.state_changed", 1);
    assertThat(SCHEMAS.validate("lifecycle.state_changed", 1, withNull).schemaChecked()).isTrue();
    Payload withState = withNull.with("from", "ACTIVE").with("to", "MAINTENANCE");
    SCHEMAS.validate("lifecycle.state_changed", 1, withState);
    Payload withNumber = withNull.with("from", 3);
    SchemaViolationException e =
        catchThrowableOfType(
            SchemaViolationException.class,
            () -> SCHEMAS.validate("lifecycle.state_changed", 1, withNumber));
    assertThat(e.violations())
        .extracting(Violation::toString)
        .containsExactly("/from: expected string or null, but got integer");
  }

  @Test
  void validate_requiredNullableField_mustBePresent() {
    Payload missingFrom = SamplePayloads.of("lifecycle.state_changed", 1).without("from");
    SchemaViolationException e =
        catchThrowableOfType(
            SchemaViolationException.class,
            () -> SCHEMAS.validate("lifecycle.state_changed", 1, missingFrom));
    assertThat(e.violations())
        .extracting(Violation::toString)
        .containsExactly("/from: expected required property 'from', but got none");
  }

  @Test
  void validate_arrayItem_namesItsIndex() {
    Payload p =
        SamplePayloads.of("node.firmware_baseline_captured", 1)
            .with("signature_chain", List.of("a", 5, "c"));
    SchemaViolationException e =
        catchThrowableOfType(
            SchemaViolationException.class,
            () -> SCHEMAS.validate("node.firmware_baseline_captured", 1, p));
    assertThat(e.violations())
        .extracting(Violation::toString)
        .containsExactly("/signature_chain/1: expected string, but got integer");
  }

  @Test
  void validate_numberBounds_areInclusiveAndIntegersCountAsNumbers() throws Exception {
    Payload sample = SamplePayloads.of("node.policy_compliance_evaluated", 1);
    SCHEMAS.validate("node.policy_compliance_evaluated", 1, sample.with("score", 0));
    SCHEMAS.validate("node.policy_compliance_evaluated", 1, sample.with("score", 1));
    SchemaViolationException e =
        catchThrowableOfType(
            SchemaViolationException.class,
            () ->
                SCHEMAS.validate(
                    "node.policy_compliance_evaluated", 1, sample.with("score", 1.0001)));
    assertThat(e.violations())
        .extracting(Violation::toString)
        .containsExactly("/score: expected a number <= 1, but got 1.0001");
  }

  @Test
  void validate_integerType_rejectsFractionsAndAcceptsWholeDecimals() throws Exception {
    Payload sample = SamplePayloads.of("rollout.progressed", 1);
    SCHEMAS.validate(
        "rollout.progressed",
        1,
        Payload.parse(sample.json().replace("\"wave\":0", "\"wave\":2.0")));
    SchemaViolationException e =
        catchThrowableOfType(
            SchemaViolationException.class,
            () -> SCHEMAS.validate("rollout.progressed", 1, sample.with("wave", 1.5)));
    assertThat(e.violations())
        .extracting(Violation::toString)
        .containsExactly("/wave: expected integer, but got number");
  }

  @Test
  void validate_dateTimeFormat_requiresAnOffsetAndARealInstant() throws Exception {
    Payload sample = SamplePayloads.of("node.trust_chain_established", 1);
    SCHEMAS.validate(
        "node.trust_chain_established",
        1,
        sample.with("not_after", "2027-01-31T23:59:59.123+01:00"));
    for (String bad :
        List.of(
            "2027-01-31T23:59:59", "2027-02-30T00:00:00Z", "2027-01-31 23:59:59Z", "tomorrow")) {
      SchemaViolationException e =
          catchThrowableOfType(
              SchemaViolationException.class,
              () ->
                  SCHEMAS.validate(
                      "node.trust_chain_established", 1, sample.with("not_after", bad)));
      assertThat(e).as(bad).isNotNull();
      assertThat(e.violations()).extracting(Violation::keyword).containsExactly("format");
    }
  }

  @Test
  void validate_manyViolations_reportsRequiredThenEachPropertyInCanonicalOrder() {
    Payload p = Payload.parse("{\"kind\":\"sometimes\",\"passed\":\"yes\",\"extra\":1}");
    SchemaViolationException e =
        catchThrowableOfType(
            SchemaViolationException.class,
            () -> SCHEMAS.validate("node.attestation_completed", 1, p));
    assertThat(e.violations())
        .extracting(Violation::toString)
        .containsExactly(
            "/verifier: expected required property 'verifier', but got none",
            "/reasons: expected required property 'reasons', but got none",
            "/extra: expected only the properties [kind, passed, verifier, evidence_digest, reasons,"
                + " expires_at], but got unknown property 'extra'",
            "/kind: expected one of [\"initial\", \"runtime\", \"post_update\"], but got \"sometimes\"",
            "/passed: expected boolean, but got string");
  }

  @Test
  void validate_unknownType_failsClosed() {
    SchemaViolationException e =
        catchThrowableOfType(
            SchemaViolationException.class,
            () -> SCHEMAS.validate("acme.battery_replaced", 1, Payload.empty()));
    assertThat(e.code()).isEqualTo(SchemaViolationException.Code.UNKNOWN_TYPE);
    assertThat(e.violations()).isEmpty();
    assertThat(e.getMessage()).contains("acme.battery_replaced");
  }

  @Test
  void validate_unknownVersionOfKnownType_isRejected() {
    SchemaViolationException e =
        catchThrowableOfType(
            SchemaViolationException.class,
            () ->
                SCHEMAS.validate(
                    "node.serial_registered", 3, SamplePayloads.of("node.serial_registered", 2)));
    assertThat(e.code()).isEqualTo(SchemaViolationException.Code.UNKNOWN_VERSION);
    assertThat(e.getMessage())
        .isEqualTo(
            "schema version of event type 'node.serial_registered'; expected one of [1, 2], but got 3");
  }

  @Test
  void validate_oldVersionPayload_isCheckedAgainstItsOwnVersion() throws Exception {
    Payload v1 = SamplePayloads.of("node.serial_registered", 1);
    assertThat(SCHEMAS.validate("node.serial_registered", 1, v1).schemaVersion()).isEqualTo(1);
    assertThatThrownBy(() -> SCHEMAS.validate("node.serial_registered", 2, v1))
        .isInstanceOf(SchemaViolationException.class)
        .hasMessageContaining("/batch_id: expected only the properties");
  }

  @Test
  void allowingUnregisteredVendorTypes_letsOnlyUnregisteredVendorTypesPass() throws Exception {
    EventSchemas relaxed =
        SCHEMAS
            .withVendorSchema("acme.registered_thing", 1, VENDOR_SCHEMA)
            .allowingUnregisteredVendorTypes();
    ValidatedPayload unchecked =
        relaxed.validate("acme.battery_replaced", 1, Payload.of("anything", 1));
    assertThat(unchecked.schemaChecked()).isFalse();
    // Built-in types and registered vendor types stay strict.
    assertThatThrownBy(() -> relaxed.validate("node.health_validated", 1, Payload.empty()))
        .isInstanceOf(SchemaViolationException.class);
    assertThatThrownBy(() -> relaxed.validate("acme.registered_thing", 2, Payload.empty()))
        .isInstanceOfSatisfying(
            SchemaViolationException.class,
            e -> assertThat(e.code()).isEqualTo(SchemaViolationException.Code.UNKNOWN_VERSION));
    // The original instance is unchanged.
    assertThatThrownBy(() -> SCHEMAS.validate("acme.battery_replaced", 1, Payload.empty()))
        .isInstanceOf(SchemaViolationException.class);
  }

  static final String VENDOR_SCHEMA =
      "{\"type\":\"object\",\"description\":\"A battery was replaced.\","
          + "\"properties\":{\"cell_id\":{\"type\":\"string\",\"format\":\"uuid\"},"
          + "\"kind\":{\"const\":\"li-ion\"},"
          + "\"cycles\":{\"type\":[\"integer\",\"null\"],\"minimum\":0}},"
          + "\"required\":[\"cell_id\",\"kind\"],\"additionalProperties\":false}";

  @Test
  void withVendorSchema_validatesVendorPayloads() throws Exception {
    EventSchemas schemas = SCHEMAS.withVendorSchema("acme.registered_thing", 1, VENDOR_SCHEMA);
    schemas.validate(
        "acme.registered_thing",
        1,
        Payload.of(
            "cell_id", "0190f2a4-9c1e-7abc-8def-0123456789ab", "kind", "li-ion", "cycles", null));
    SchemaViolationException e =
        catchThrowableOfType(
            SchemaViolationException.class,
            () ->
                schemas.validate(
                    "acme.registered_thing",
                    1,
                    Payload.of("cell_id", "not-a-uuid", "kind", "nimh", "cycles", -1)));
    assertThat(e.violations())
        .extracting(Violation::toString)
        .containsExactly(
            "/cell_id: expected an RFC 9562 UUID, but got \"not-a-uuid\"",
            "/cycles: expected a number >= 0, but got -1",
            "/kind: expected \"li-ion\", but got \"nimh\"");
  }

  @Test
  void withVendorSchema_builtInTypeOrDuplicateVersion_isRejected() {
    assertThatThrownBy(() -> SCHEMAS.withVendorSchema("node.serial_registered", 3, VENDOR_SCHEMA))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("built-in type 'node.serial_registered'");
    EventSchemas once = SCHEMAS.withVendorSchema("acme.thing", 1, VENDOR_SCHEMA);
    assertThatThrownBy(() -> once.withVendorSchema("acme.thing", 1, VENDOR_SCHEMA))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already registered");
    assertThatThrownBy(() -> SCHEMAS.withVendorSchema("Not A Name", 1, VENDOR_SCHEMA))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SCHEMAS.withVendorSchema("acme.thing", 0, VENDOR_SCHEMA))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void withVendorSchema_unknownKeyword_failsAtLoad() {
    String misspelt = VENDOR_SCHEMA.replace("\"minimum\"", "\"minimun\"");
    assertThatThrownBy(() -> SCHEMAS.withVendorSchema("acme.thing", 1, misspelt))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "acme.thing v1: schema /properties/cycles keyword; expected one of the supported"
                + " keywords, but got unsupported 'minimun'");
  }

  @Test
  void withVendorSchema_unsupportedOrMalformedRules_failAtLoad() {
    Map<String, String> bad =
        Map.of(
            "{\"type\":\"object\",\"properties\":{\"a\":{\"anyOf\":[]}}}", "unsupported 'anyOf'",
            "{\"type\":\"object\",\"additionalProperties\":{\"type\":\"string\"}}",
                "subschemas are not supported",
            "{\"type\":\"object\",\"properties\":{\"a\":{\"format\":\"email\"}}}",
                "expected date-time, date or uuid",
            "{\"type\":\"object\",\"properties\":{\"a\":{\"pattern\":\"(\"}}}",
                "expected a regular expression",
            "{\"type\":\"object\",\"required\":[\"b\"],\"additionalProperties\":false}",
                "required property",
            "{\"type\":\"array\"}", "root type",
            "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"text\"}}}",
                "expected distinct names",
            "{\"type\":\"object\",\"properties\":{\"a\":{\"$id\":\"x\"}}}", "unsupported '$id'",
            "{\"type\":\"object\",\"properties\":{\"a\":{\"minLength\":-1}}}",
                "non-negative integer",
            "not json", "expected JSON");
    bad.forEach(
        (schema, message) ->
            assertThatThrownBy(() -> SCHEMAS.withVendorSchema("acme.thing", 1, schema))
                .as(schema)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message));
  }

  @Test
  void withVendorSchema_deepNesting_isBounded() {
    String leaf = "{\"type\":\"string\"}";
    String schema = leaf;
    for (int i = 0; i < JsonSchema.MAX_DEPTH + 1; i++) {
      schema = "{\"type\":\"object\",\"properties\":{\"a\":" + schema + "}}";
    }
    String tooDeep = schema;
    assertThatThrownBy(() -> SCHEMAS.withVendorSchema("acme.thing", 1, tooDeep))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected at most 16 levels");
  }

  @Test
  void validate_violationFlood_isCapped() {
    StringBuilder json = new StringBuilder("{");
    for (int i = 0; i < 500; i++) {
      json.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":1");
    }
    Payload flood = Payload.parse(json.append('}').toString());
    SchemaViolationException e =
        catchThrowableOfType(
            SchemaViolationException.class, () -> SCHEMAS.validate("emergency.isolated", 1, flood));
    assertThat(e.violations()).hasSize(JsonSchema.MAX_VIOLATIONS);
    assertThat(e.getMessage()).contains("and 90 more");
  }
}
