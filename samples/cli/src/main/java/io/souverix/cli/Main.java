package io.souverix.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;

/**
 * The entry point of the {@code souverix} command-line tool.
 *
 * <p>Exit codes: 0 when the command succeeded, 1 when a check failed (or the operation failed), 2
 * for a usage error or unreadable input. Every failure is reported as one line {@code souverix:
 * <TYPE>: <message>} on stderr; with {@code --json} the single JSON object on stdout then carries
 * {@code error.type} and {@code error.message} too.
 */
public final class Main {
  private Main() {}

  /**
   * Runs the tool and exits the JVM with its exit code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(newCommandLine().execute(args));
  }

  /**
   * Builds the command line with its subcommands and error handling; tests call {@code
   * setOut}/{@code setErr} on it and then {@code execute}.
   *
   * @return a new command line for the {@code souverix} command
   */
  public static CommandLine newCommandLine() {
    CommandLine cl = new CommandLine(new SouverixCommand());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setParameterExceptionHandler(
        (ex, args) ->
            report(
                ex.getCommandLine(),
                List.of(args),
                new CliException(
                    CliException.Kind.USAGE,
                    ex.getMessage()
                        + " (see '"
                        + ex.getCommandLine().getCommandSpec().qualifiedName()
                        + " --help')")));
    cl.setExecutionExceptionHandler(
        (ex, cmd, parsed) -> report(cmd, parsed.originalArgs(), classify(ex)));
    return cl;
  }

  private static CliException classify(Exception ex) {
    if (ex instanceof CliException) {
      return (CliException) ex;
    }
    String message = ex.getMessage() == null ? ex.getClass().getName() : ex.getMessage();
    return new CliException(
        CliException.Kind.FAILED, ex.getClass().getSimpleName() + ": " + message, ex);
  }

  private static int report(CommandLine cmd, List<String> args, CliException e) {
    PrintWriter err = cmd.getErr();
    err.println(errorLine(e.kind(), e.getMessage()));
    err.flush();
    if (args.contains("--json")) {
      ObjectNode o = Json.object();
      o.put("ok", false);
      o.put("exit_code", e.kind().exitCode());
      ObjectNode error = o.putObject("error");
      error.put("type", e.kind().name());
      error.put("message", e.getMessage());
      Json.print(cmd.getOut(), o);
    }
    return e.kind().exitCode();
  }

  /** Formats the one-line error every command writes to stderr. */
  static String errorLine(CliException.Kind kind, String message) {
    // One line, whatever the message holds: a multi-line message would break line-based callers.
    return String.format(
        Locale.ROOT, "souverix: %s: %s", kind.name(), message.replace('\n', ' ').strip());
  }
}
