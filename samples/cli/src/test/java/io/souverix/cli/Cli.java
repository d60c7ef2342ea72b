package io.souverix.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the CLI in-process through picocli with captured stdout and stderr. */
final class Cli {
  private Cli() {}

  record Result(int exitCode, String out, String err) {
    /** Parses stdout, which must hold exactly one JSON object. */
    JsonNode json() {
      try {
        JsonNode node = Json.MAPPER.readTree(out);
        if (node == null || !node.isObject() || out.strip().contains("\n")) {
          throw new AssertionError("expected one JSON object on one line, got: " + out);
        }
        return node;
      } catch (java.io.IOException e) {
        throw new AssertionError("stdout is not JSON: " + out, e);
      }
    }
  }

  static Result run(String... args) {
    CommandLine cl = Main.newCommandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Result(code, out.toString(), err.toString());
  }
}
