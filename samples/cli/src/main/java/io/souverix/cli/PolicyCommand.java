package io.souverix.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.souverix.attestation.policy.CelPolicyEngine;
import io.souverix.lifecycle.spi.Decision;
import io.souverix.lifecycle.spi.PolicyEngine;
import io.souverix.lifecycle.spi.PolicyException;
import io.souverix.lifecycle.spi.PolicyInput;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code souverix policy}: policy compliance. Its {@code eval} subcommand implements the {@code
 * policy eval} section of the attestation CLI contract: one policy, one JSON input, one decision.
 */
@Command(
    name = "policy",
    mixinStandardHelpOptions = true,
    description = "Policy compliance.",
    subcommands = {PolicyCommand.Eval.class})
final class PolicyCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a subcommand is required: eval");
  }

  /** {@code souverix policy eval}: evaluates one CEL policy against one JSON document. */
  @Command(
      name = "eval",
      mixinStandardHelpOptions = true,
      description = {
        "Evaluate a policy: --policy FILE.cel --input INPUT.json [--engine cel] --json",
        "FILE.cel holds one CEL expression over the variable `input` that yields a boolean.",
        "Exit 0 true, 1 false, 2 the policy does not compile, does not yield a boolean or fails,"
            + " or a file is unreadable (the error position is printed)."
      })
  static final class Eval implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin JsonOption json;

    @Option(names = "--policy", required = true, description = "The CEL policy file.")
    Path policy;

    @Option(names = "--input", required = true, description = "The JSON input document.")
    Path input;

    @Option(
        names = "--engine",
        defaultValue = "cel",
        description = "The policy engine: cel (the default, and the only embedded one).")
    String engine;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (!engine.equals("cel")) {
        return print(out, err, false, "UNKNOWN_ENGINE: " + engine + "; expected cel", 2);
      }
      String source;
      String document;
      try {
        source = Files.readString(policy, StandardCharsets.UTF_8);
        document = Files.readString(input, StandardCharsets.UTF_8);
      } catch (IOException e) {
        return print(out, err, false, "UNREADABLE: cannot read " + e.getMessage(), 2);
      }
      String name = String.valueOf(policy.getFileName());
      try {
        PolicyEngine cel = CelPolicyEngine.compile(Map.of(name, source));
        Decision d = cel.evaluate(name, PolicyInput.parse(document));
        return d.allow()
            ? print(out, err, true, "ok", 0)
            : print(out, err, false, String.join("; ", d.reasons()), 1);
      } catch (PolicyException e) {
        return print(out, err, false, e.code() + ": " + e.getMessage(), 2);
      }
    }

    private int print(PrintWriter out, PrintWriter err, boolean allow, String reason, int exit) {
      if (json.enabled) {
        ObjectNode n = Json.object();
        n.put("allow", allow);
        n.put("reason", reason);
        Json.print(out, n);
      } else {
        out.println((allow ? "allow" : "deny") + ": " + reason);
        out.flush();
      }
      if (exit == 2) {
        err.println("souverix policy eval: " + reason);
        err.flush();
      }
      return exit;
    }
  }
}
