package io.souverix.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code souverix lifecycle}: commands on the lifecycle state machine. */
@Command(
    name = "lifecycle",
    mixinStandardHelpOptions = true,
    description = "Commands on the lifecycle state machine.",
    subcommands = {TableCommand.class})
final class LifecycleCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a subcommand is required: table");
  }
}
