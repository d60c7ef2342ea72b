package io.souverix.supplychain.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The specification's own valid-* and invalid-* documents of 1.2 to 1.6. */
class SpecTestsTest {
  @Test
  void parse_everySpecTest_acceptsValidAndRejectsInvalid() throws Exception {
    Path root = Vectors.cyclonedx().resolve("spec-tests");
    SbomParser parser = SbomParser.defaults();
    List<String> mismatches = new ArrayList<>();
    int total = 0;
    for (String v : List.of("1.2", "1.3", "1.4", "1.5", "1.6")) {
      List<Path> files;
      try (Stream<Path> s = Files.list(root.resolve(v))) {
        files = s.sorted().toList();
      }
      for (Path f : files) {
        String name = f.getFileName().toString();
        boolean expectValid = name.startsWith("valid-");
        if (!expectValid && !name.startsWith("invalid-")) {
          continue;
        }
        total++;
        try {
          Sbom bom = parser.parse(f);
          if (!expectValid) {
            mismatches.add(v + "/" + name + ": accepted");
          } else if (!bom.specVersion().equals(v)) {
            mismatches.add(v + "/" + name + ": spec version " + bom.specVersion());
          }
        } catch (SbomParseException e) {
          if (expectValid) {
            mismatches.add(v + "/" + name + ": rejected " + e.getMessage());
          }
        }
      }
    }
    System.out.printf("spec tests: %d of %d agree%n", total - mismatches.size(), total);
    assertThat(total).isGreaterThan(500);
    assertThat(mismatches).isEmpty();
  }
}
