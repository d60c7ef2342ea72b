package io.souverix.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The generated blocks of {@code docs/lifecycle.md} (diagrams, transition tables, guard table)
 * match {@link TransitionTable} and {@link Guards#defaults()}. Run with {@code
 * -Dsouverix.regenerateDocs=true} to rewrite them.
 */
class LifecycleDocsTest {
  private static final Pattern BLOCK =
      Pattern.compile(
          "(<!-- generated:([a-z-]+) -->\n)(.*?)(<!-- end generated -->)", Pattern.DOTALL);

  static Map<String, String> render() {
    Map<String, String> blocks = new LinkedHashMap<>();
    blocks.put("hardware-diagram", mermaid(TransitionTable.hardware()));
    blocks.put("hardware-table", TransitionTable.hardware().toMarkdown());
    blocks.put("software-diagram", mermaid(TransitionTable.software()));
    blocks.put("software-table", TransitionTable.software().toMarkdown());
    blocks.put("guards", guards());
    return blocks;
  }

  private static String mermaid(TransitionTable t) {
    return "```mermaid\n" + t.toMermaid() + "```\n";
  }

  private static String guards() {
    StringBuilder sb =
        new StringBuilder("| Guard | Used by | Default: passes when |\n|---|---|---|\n");
    for (Guard g : Guards.defaults().all()) {
      String usedBy =
          List.of(TransitionTable.hardware(), TransitionTable.software()).stream()
              .flatMap(t -> t.transitions().stream())
              .filter(t -> t.guards().contains(g.id()))
              .map(t -> "`" + t.command().name() + "`")
              .collect(Collectors.joining(", "));
      sb.append("| `")
          .append(g.id())
          .append("` | ")
          .append(usedBy)
          .append(" | ")
          .append(g.description().replace("|", "\\|"))
          .append(" |\n");
    }
    return sb.toString();
  }

  static Path docsFile() {
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("sdk-core"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("repository root above %s", System.getProperty("user.dir")).isNotNull();
    return dir.resolve("docs").resolve("lifecycle.md");
  }

  @Test
  void generatedBlocks_matchTheTransitionTablesAndGuards() throws IOException {
    Path file = docsFile();
    String doc = Files.readString(file, StandardCharsets.UTF_8);
    Map<String, String> expected = render();
    Map<String, String> actual = new LinkedHashMap<>();
    StringBuilder rewritten = new StringBuilder();
    Matcher m = BLOCK.matcher(doc);
    while (m.find()) {
      actual.put(m.group(2), m.group(3));
      String body = expected.getOrDefault(m.group(2), m.group(3));
      m.appendReplacement(rewritten, Matcher.quoteReplacement(m.group(1) + body + m.group(4)));
    }
    m.appendTail(rewritten);
    if (Boolean.getBoolean("souverix.regenerateDocs")) {
      Files.writeString(file, rewritten.toString(), StandardCharsets.UTF_8);
      actual.putAll(expected);
    }
    assertThat(actual.keySet())
        .as("generated blocks in %s", file)
        .containsExactlyElementsOf(expected.keySet());
    for (Map.Entry<String, String> e : expected.entrySet()) {
      assertThat(actual.get(e.getKey()))
          .as("block '%s' of %s; regenerate with -Dsouverix.regenerateDocs=true", e.getKey(), file)
          .isEqualTo(e.getValue());
    }
  }
}
