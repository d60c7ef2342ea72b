package io.souverix.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code souverix events}: commands on a store's events. */
@Command(
    name = "events",
    mixinStandardHelpOptions = true,
    description = "Commands on the events of a store.",
    subcommands = {VerifyCommand.class})
final class EventsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a subcommand is required: verify");
  }
}
