package io.souverix.cli;

import io.souverix.drift.DriftAnalysis;
import io.souverix.drift.DriftException;
import io.souverix.drift.DriftScorer;
import io.souverix.drift.FleetState;
import io.souverix.drift.NodeDrift;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code souverix drift}: desired versus actual state. Its {@code score} subcommand implements the
 * {@code drift score} contract (../shared/contracts/drift.md) on a fleet file.
 */
@Command(
    name = "drift",
    mixinStandardHelpOptions = true,
    description = "Drift between desired and actual state.",
    subcommands = {DriftCommand.Score.class})
final class DriftCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a subcommand is required: score");
  }

  /** {@code souverix drift score}: scores every node of a fleet file and aggregates. */
  @Command(
      name = "score",
      mixinStandardHelpOptions = true,
      description = {
        "Score the drift of every node of a fleet file, or of a store (--db), 0..100 explained"
            + " by factors, and aggregate per cluster, region and fleet. Formulas: docs/drift.md.",
        "Exit 0 when scored, 2 on an unreadable or invalid input (nothing on stdout)."
      })
  static final class Score implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin JsonOption json;

    @Option(
        names = "--fleet",
        paramLabel = "FLEET.json",
        description = "The fleet: now and, per node, desired and actual state.")
    Path fleet;

    @Option(
        names = "--db",
        paramLabel = "FILE",
        description = "Instead of --fleet: a store; desired and actual state come from its events.")
    Path db;

    @Option(names = "--node", paramLabel = "ID", description = "With --db: score this node only.")
    String node;

    @Option(
        names = "--at",
        paramLabel = "TIME",
        description = "With --db: the time stale_by is measured to (default: now).")
    String at;

    @Override
    public Integer call() throws Exception {
      if ((fleet == null) == (db == null)) {
        throw new ParameterException(spec.commandLine(), "give exactly one of --fleet and --db");
      }
      if (db == null && (node != null || at != null)) {
        throw new ParameterException(spec.commandLine(), "--node and --at need --db");
      }
      if (db != null) {
        Instant now = StoreDrift.at(at);
        return print(
            DriftScorer.withDefaults()
                .analyze(StoreDrift.nodes(StoreDrift.load(db), db, node), now));
      }
      PrintWriter err = spec.commandLine().getErr();
      DriftAnalysis analysis;
      try {
        FleetState state;
        try {
          state = FleetState.parse(Inputs.read(fleet, err));
        } catch (DriftException e) {
          throw Inputs.reject(err, fleet, e);
        }
        analysis = DriftScorer.withDefaults().analyze(state.nodes(), state.now());
      } catch (Inputs.Rejected e) {
        return 2;
      }
      return print(analysis);
    }

    private int print(DriftAnalysis analysis) {
      PrintWriter out = spec.commandLine().getOut();
      if (json.enabled) {
        out.println(analysis.toJson());
      } else {
        for (NodeDrift n : analysis.nodes()) {
          out.printf(Locale.ROOT, "%-40s %6.2f %s%n", n.node(), n.score(), n.severity().label());
        }
        out.printf(
            Locale.ROOT,
            "%d nodes, p50 %s, p95 %s, worst %s%n",
            analysis.fleet().nodes(),
            analysis.fleet().scoreP50(),
            analysis.fleet().scoreP95(),
            analysis.fleet().worst());
      }
      out.flush();
      return 0;
    }
  }

  /**
   * Reading the input file of {@code drift score} and {@code sync-debt}. A bad input is reported as
   * one typed line on stderr with exit 2 and nothing on stdout, even with {@code --json}: the drift
   * contract reserves stdout for the result document.
   */
  static final class Inputs {
    private Inputs() {}

    /** An input that was reported on stderr; the command exits 2. */
    static final class Rejected extends Exception {
      private static final long serialVersionUID = 1L;

      Rejected() {
        super(null, null, false, false);
      }
    }

    static String read(Path file, PrintWriter err) throws Rejected {
      try {
        return Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException | RuntimeException e) {
        throw reject(err, String.format(Locale.ROOT, "cannot read %s: %s", file, e.getMessage()));
      }
    }

    static Rejected reject(PrintWriter err, Path file, DriftException e) {
      return reject(err, String.format(Locale.ROOT, "%s: %s: %s", file, e.code(), e.getMessage()));
    }

    private static Rejected reject(PrintWriter err, String message) {
      err.println(Main.errorLine(CliException.Kind.INPUT, message));
      err.flush();
      return new Rejected();
    }
  }
}
