package io.souverix.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressTest {
  @Test
  void step_notATerminal_writesOneLineWithDeciles() {
    StringWriter sw = new StringWriter();
    Progress.Step step = new Progress(new PrintWriter(sw), false).start("provision", 200);
    for (int i = 0; i < 200; i++) {
      step.advance();
    }
    step.finish("200 nodes ACTIVE");
    assertThat(sw.toString())
        .doesNotContain("\r")
        .matches(
            "provision: +0% 10% 20% 30% 40% 50% 60% 70% 80% 90% 100% 200 nodes ACTIVE \\(\\d+\\.\\d s\\)"
                + System.lineSeparator());
  }

  @Test
  void step_onATerminal_redrawsBarInPlaceOncePerPercent() {
    StringWriter sw = new StringWriter();
    Progress.Step step = new Progress(new PrintWriter(sw), true).start("rollout", 1000);
    for (int i = 0; i < 1000; i++) {
      step.advance();
    }
    step.finish("done");
    String out = sw.toString();
    assertThat(out.chars().filter(c -> c == '\r').count()).isEqualTo(102); // 0..100%, then result
    assertThat(out).contains("[##############################] 100% 1,000/1,000");
    String[] draws = out.split("\r");
    String bar = draws[draws.length - 2];
    String last = draws[draws.length - 1];
    assertThat(last).startsWith("rollout        done (").endsWith("\n");
    // The result line covers the whole bar it replaces.
    assertThat(last.length() - 1).isGreaterThanOrEqualTo(bar.length());
  }
}
