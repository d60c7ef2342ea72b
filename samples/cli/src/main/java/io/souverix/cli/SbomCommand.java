package io.souverix.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.souverix.supplychain.sbom.Sbom;
import io.souverix.supplychain.sbom.SbomDiffer;
import io.souverix.supplychain.sbom.SbomParseException;
import io.souverix.supplychain.sbom.SbomParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code souverix sbom}: CycloneDX BOMs. Its {@code diff} and {@code validate} subcommands
 * implement the {@code sbom diff} / {@code sbom validate} contract
 * (../shared/contracts/sbom-diff.md).
 */
@Command(
    name = "sbom",
    mixinStandardHelpOptions = true,
    description = "CycloneDX SBOMs (JSON or XML, spec 1.2 to 1.6).",
    subcommands = {SbomCommand.Diff.class, SbomCommand.Validate.class})
final class SbomCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a subcommand is required: diff or validate");
  }

  /** {@code souverix sbom diff OLD NEW [--json]}. */
  @Command(
      name = "diff",
      mixinStandardHelpOptions = true,
      description = {
        "Diff two BOMs: components added, removed, version changed (upgrade/downgrade),",
        "hash changed with the same version, licence changed, dependency edges.",
        "Exit 0 when the diff ran, 2 when an input is unreadable or not a valid CycloneDX BOM",
        "(a typed error on stderr and nothing on stdout)."
      })
  static final class Diff implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OLD", description = "The BOM before.")
    Path older;

    @Parameters(index = "1", paramLabel = "NEW", description = "The BOM after.")
    Path newer;

    @Mixin JsonOption json;

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      SbomParser parser = SbomParser.defaults();
      Sbom a;
      Sbom b;
      try {
        a = parser.parse(older);
        b = parser.parse(newer);
      } catch (IOException e) {
        return fail(err, CliException.Kind.INPUT, "cannot read " + e.getMessage());
      } catch (SbomParseException e) {
        return fail(err, CliException.Kind.INPUT, e.code() + ": " + e.getMessage());
      }
      var diff = SbomDiffer.diff(a, b);
      PrintWriter out = spec.commandLine().getOut();
      if (json.enabled) {
        out.println(diff.toJson());
      } else {
        out.print(diff.summaryText());
      }
      out.flush();
      return 0;
    }
  }

  /** {@code souverix sbom validate FILE [--json]}. */
  @Command(
      name = "validate",
      mixinStandardHelpOptions = true,
      description = {
        "Check FILE against the CycloneDX schema of the spec version it declares.",
        "Exit 0 valid, 1 not valid (each reason printed), 2 unreadable."
      })
  static final class Validate implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The BOM, JSON or XML.")
    Path file;

    @Mixin JsonOption json;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      ObjectNode o = Json.object();
      o.put("file", file.toString());
      int exit;
      try {
        Sbom bom = SbomParser.defaults().parse(file);
        o.put("valid", true);
        o.put("spec_version", bom.specVersion());
        o.put("format", bom.format().name().toLowerCase(java.util.Locale.ROOT));
        o.put("components", bom.components().size());
        o.putArray("problems");
        if (!json.enabled) {
          out.printf(
              "valid: CycloneDX %s %s, %d components%n",
              bom.format(), bom.specVersion(), bom.components().size());
        }
        exit = 0;
      } catch (IOException e) {
        return fail(err, CliException.Kind.INPUT, "cannot read " + e.getMessage());
      } catch (SbomParseException e) {
        o.put("valid", false);
        o.put("code", e.code().name());
        o.put("location", e.location());
        ArrayNode p = o.putArray("problems");
        e.problems().forEach(p::add);
        if (!json.enabled) {
          out.println("not valid: " + e.code() + " at " + e.location());
          e.problems().forEach(r -> out.println("  " + r));
        }
        err.println(Main.errorLine(CliException.Kind.CHECK_FAILED, e.getMessage()));
        err.flush();
        exit = 1;
      }
      if (json.enabled) {
        Json.print(out, o);
      }
      out.flush();
      return exit;
    }
  }

  private static int fail(PrintWriter err, CliException.Kind kind, String message) {
    err.println(Main.errorLine(kind, message));
    err.flush();
    return kind.exitCode();
  }
}
