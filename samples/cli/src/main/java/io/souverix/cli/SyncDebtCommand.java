package io.souverix.cli;

import io.souverix.drift.DriftException;
import io.souverix.drift.SyncDebt;
import io.souverix.drift.SyncDebtRequest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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
          + " file. Formulas: docs/drift.md.",
      "Exit 0 when computed, 2 on an unreadable or invalid file (nothing on stdout)."
    })
final class SyncDebtCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin JsonOption json;

  @Option(
      names = "--input",
      required = true,
      paramLabel = "DEBT.json",
      description = "The node, last_sync, current_time, backlog and rates.")
  Path input;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    SyncDebt debt;
    try {
      try {
        debt = SyncDebtRequest.parse(DriftCommand.Inputs.read(input, err)).compute();
      } catch (DriftException e) {
        throw DriftCommand.Inputs.reject(err, input, e);
      }
    } catch (DriftCommand.Inputs.Rejected e) {
      return 2;
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
