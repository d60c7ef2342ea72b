package io.souverix.supplychain.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SbomParserTest {
  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void parse_nestedComponents_flattensAndKeys() throws Exception {
    Sbom bom =
        SbomParser.defaults()
            .parse(
                utf8(
                    "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",\"version\":1,"
                        + "\"components\":[{\"type\":\"library\",\"bom-ref\":\"a\",\"name\":\"a\","
                        + "\"group\":\"g\",\"version\":\"1\",\"hashes\":[{\"alg\":\"SHA-256\","
                        + "\"content\":\""
                        + "ab".repeat(32)
                        + "\"}],"
                        + "\"licenses\":[{\"license\":{\"id\":\"MIT\"}}],"
                        + "\"components\":[{\"type\":\"library\",\"bom-ref\":\"b\",\"name\":\"b\"}]}],"
                        + "\"dependencies\":[{\"ref\":\"a\",\"dependsOn\":[\"b\"]}]}"));
    assertThat(bom.specVersion()).isEqualTo("1.5");
    assertThat(bom.components()).extracting(SbomComponent::key).containsExactly("gn:g/a", "gn:/b");
    assertThat(bom.components().get(0).hashes()).containsEntry("SHA-256", "ab".repeat(32));
    assertThat(bom.components().get(0).licences()).containsExactly("MIT");
    assertThat(bom.dependencies()).containsExactly(new Sbom.Edge("a", "b"));
  }

  @Test
  void parse_tooLarge_rejectedBeforeParsing() {
    SbomParseException e =
        catchThrowableOfType(
            SbomParseException.class,
            () -> SbomParser.withLimits(10, 16).parse(utf8("{\"bomFormat\":\"CycloneDX\"}")));
    assertThat(e.code()).isEqualTo(SbomParseException.Code.TOO_LARGE);
  }

  @Test
  void parse_tooDeepJson_rejected() {
    String deep = "{\"a\":".repeat(40) + "1" + "}".repeat(40);
    SbomParseException e =
        catchThrowableOfType(
            SbomParseException.class, () -> SbomParser.withLimits(1 << 20, 16).parse(utf8(deep)));
    assertThat(e.code()).isEqualTo(SbomParseException.Code.TOO_DEEP);
  }

  @Test
  void parse_tooDeepXml_rejected() {
    String deep =
        "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.4\">"
            + "<x>".repeat(40)
            + "</x>".repeat(40)
            + "</bom>";
    SbomParseException e =
        catchThrowableOfType(
            SbomParseException.class, () -> SbomParser.withLimits(1 << 20, 16).parse(utf8(deep)));
    assertThat(e.code()).isEqualTo(SbomParseException.Code.TOO_DEEP);
    assertThat(e.location()).startsWith("line 1, column");
  }

  @Test
  void parse_malformedJson_namesLineAndColumn() {
    SbomParseException e =
        catchThrowableOfType(
            SbomParseException.class,
            () ->
                SbomParser.defaults().parse(utf8("{\n  \"bomFormat\": \"CycloneDX\",\n  oops\n}")));
    assertThat(e.code()).isEqualTo(SbomParseException.Code.MALFORMED);
    assertThat(e.location()).startsWith("line 3");
  }

  @Test
  void parse_unsupportedSpecVersion_rejected() {
    SbomParseException e =
        catchThrowableOfType(
            SbomParseException.class,
            () ->
                SbomParser.defaults()
                    .parse(
                        utf8(
                            "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.1\",\"version\":1}")));
    assertThat(e.code()).isEqualTo(SbomParseException.Code.UNSUPPORTED_SPEC_VERSION);
  }

  @Test
  void parse_schemaViolation_namesThePath() {
    SbomParseException e =
        catchThrowableOfType(
            SbomParseException.class,
            () ->
                SbomParser.defaults()
                    .parse(
                        utf8(
                            "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.4\",\"version\":1,"
                                + "\"components\":[{\"type\":\"nope\",\"name\":\"x\"}]}")));
    assertThat(e.code()).isEqualTo(SbomParseException.Code.SCHEMA_INVALID);
    assertThat(e.problems()).isNotEmpty();
    assertThat(e.getMessage()).contains("components");
  }
}
