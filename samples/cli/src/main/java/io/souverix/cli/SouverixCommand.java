package io.souverix.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top command: dispatches to the subcommands and prints help and the version. */
@Command(
    name = "souverix",
    mixinStandardHelpOptions = true,
    versionProvider = SouverixCommand.Version.class,
    description = "Lifecycle of fleet components on an event-sourced, hash-chained store.",
    subcommands = {
      DemoCommand.class,
      EventsCommand.class,
      TimelineCommand.class,
      LifecycleCommand.class,
      ChainCommand.class,
      DriftCommand.class,
      SyncDebtCommand.class,
      SbomCommand.class,
      PolicyCommand.class,
      AuditCommand.class,
      AttestCommand.class,
      ProvenanceCommand.class,
      RolloutCommand.class
    },
    footer = {
      "",
      "Exit codes: 0 ok, 1 a check failed, 2 usage error or unreadable input.",
      "Every command accepts --json and then prints exactly one JSON object on stdout."
    })
final class SouverixCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(),
        "a subcommand is required: " + String.join(", ", spec.subcommands().keySet()));
  }

  /** Reads the version Maven wrote into {@code version.properties}. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in = SouverixCommand.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {"souverix " + p.getProperty("version", "unknown")};
    }
  }
}
