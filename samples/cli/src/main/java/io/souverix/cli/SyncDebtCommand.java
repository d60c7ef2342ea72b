package io.souverix.cli;

import io.souverix.drift.Backlog;
import io.souverix.drift.DriftException;
import io.souverix.drift.DriftProjection;
import io.souverix.drift.ReplayCosts;
import io.souverix.drift.ReplayRate;
import io.souverix.drift.SyncDebt;
import io.souverix.drift.SyncDebtRequest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
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
 * {@code souverix sync-debt}: what a disconnected node owes on its return; implements the {@code
 * sync-debt} contract (../shared/contracts/drift.md) on an input file.
 */
@Command(
    name = "sync-debt",
    mixinStandardHelpOptions = true,
    description = {
      "Compute a node's sync debt (debt_hours, backlog, estimated_duration, replay_eta) from a"
          + " file, or from a store (--db, --node). Formulas: docs/drift.md.",
      "Exit 0 when computed, 2 on an unreadable or invalid input (nothing on stdout)."
    })
final class SyncDebtCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin JsonOption json;

  /** The stated rates used with {@code --db}: 10 messages/s, 60 s, 120 s and 300 s per update. */
  static final ReplayCosts DEFAULT_COSTS =
      new ReplayCosts(
          ReplayRate.withPrior(10, SyncDebtRequest.RATE_HALF_LIFE),
          Duration.ofSeconds(60),
          Duration.ofSeconds(120),
          Duration.ofSeconds(300));

  @Option(
      names = "--input",
      paramLabel = "DEBT.json",
      description = "The node, last_sync, current_time, backlog and rates.")
  Path input;

  @Option(
      names = "--db",
      paramLabel = "FILE",
      description =
          "Instead of --input: a store. last_sync is when the node went autonomous or offline,"
              + " the backlog what its stream recorded since; stated default rates.")
  Path db;

  @Option(names = "--node", paramLabel = "ID", description = "With --db: the node (required).")
  String node;

  @Option(
      names = "--at",
      paramLabel = "TIME",
      description = "With --db: current_time (default: now).")
  String at;

  @Override
  public Integer call() throws Exception {
    if ((input == null) == (db == null)) {
      throw new ParameterException(spec.commandLine(), "give exactly one of --input and --db");
    }
    if (db == null ? node != null || at != null : node == null) {
      throw new ParameterException(
          spec.commandLine(), "--db needs --node; --node and --at need --db");
    }
    PrintWriter err = spec.commandLine().getErr();
    SyncDebt debt;
    if (db != null) {
      Instant now = StoreDrift.at(at);
      DriftProjection projection = StoreDrift.load(db);
      StoreDrift.nodes(projection, db, node);
      try {
        debt =
            projection
                .syncDebt(node, now, DEFAULT_COSTS)
                .orElseGet(() -> SyncDebt.compute(node, now, now, Backlog.EMPTY, DEFAULT_COSTS));
      } catch (IllegalArgumentException e) {
        throw new CliException(CliException.Kind.USAGE, "--at: " + e.getMessage());
      }
    } else {
      try {
        try {
          debt = SyncDebtRequest.parse(DriftCommand.Inputs.read(input, err)).compute();
        } catch (DriftException e) {
          throw DriftCommand.Inputs.reject(err, input, e);
        }
      } catch (DriftCommand.Inputs.Rejected e) {
        return 2;
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled) {
      out.println(debt.toJson());
    } else {
      out.printf(
          Locale.ROOT,
          "%s: %.2f hours out of sync; replay takes %s, done at %s%n",
          debt.node(),
          debt.debtHours(),
          debt.estimatedDuration(),
          debt.replayEta());
    }
    out.flush();
    return 0;
  }
}
