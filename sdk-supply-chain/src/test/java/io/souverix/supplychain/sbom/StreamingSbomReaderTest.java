package io.souverix.supplychain.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class StreamingSbomReaderTest {
  /** Every JSON document of the vectors that SbomParser accepts reads to the same Sbom. */
  @Test
  void read_everyValidJsonVector_sameSbomAsSbomParser() throws Exception {
    Path dir = Vectors.cyclonedx();
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files =
          s.filter(p -> p.toString().endsWith(".json"))
              .filter(p -> !p.getFileName().toString().startsWith("invalid-"))
              .filter(p -> !p.startsWith(dir.resolve("expected")))
              .filter(p -> !p.getFileName().toString().equals("pairs.json"))
              .sorted()
              .toList();
    }
    List<String> differ = new ArrayList<>();
    int compared = 0;
    for (Path f : files) {
      byte[] b = Files.readAllBytes(f);
      Sbom want;
      try {
        want = SbomParser.defaults().parse(b);
      } catch (SbomParseException e) {
        continue;
      }
      compared++;
      Sbom got = StreamingSbomReader.defaults().read(b);
      Sbom trusted = SbomParser.defaults().withoutSchemaCheck().parse(b);
      if (!got.equals(want) || !trusted.equals(want)) {
        differ.add(dir.relativize(f).toString());
      }
    }
    assertThat(compared).isGreaterThan(100);
    assertThat(differ).isEmpty();
  }

  @Test
  void read_notCycloneDx_typedErrors() {
    assertThat(code("{\"bomFormat\":\"SPDX\",\"specVersion\":\"1.6\"}"))
        .isEqualTo(SbomParseException.Code.NOT_CYCLONEDX);
    assertThat(code("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.1\"}"))
        .isEqualTo(SbomParseException.Code.UNSUPPORTED_SPEC_VERSION);
    assertThat(code("{\"bomFormat\":\"CycloneDX\",\"components\":[1]}"))
        .isEqualTo(SbomParseException.Code.MALFORMED);
    assertThat(code("<bom/>")).isEqualTo(SbomParseException.Code.MALFORMED);
    assertThat(code("{\"a\":" + "[".repeat(200) + "]".repeat(200) + "}"))
        .isEqualTo(SbomParseException.Code.TOO_DEEP);
    assertThat(code("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\"} {}"))
        .isEqualTo(SbomParseException.Code.MALFORMED);
  }

  private static SbomParseException.Code code(String json) {
    return catchThrowableOfType(
            SbomParseException.class,
            () -> StreamingSbomReader.defaults().read(json.getBytes(StandardCharsets.UTF_8)))
        .code();
  }
}
