package io.souverix.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code souverix demo}: the deterministic fleet scenario on an embedded SQLite store. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run a deterministic fleet scenario on an embedded SQLite store: provision a fleet in 3"
          + " regions, roll out an agent update in waves (about 1%% fails and is rolled back),"
          + " take a region offline and back (sync debt and replay), decommission one node"
          + " gracefully and one in an emergency, rebuild the projections from position 0 and"
          + " verify the hash chains.",
      "The same --nodes and --seed give byte-identical events (same hashes).",
      "The store runs in WAL mode with synchronous=NORMAL: an acknowledged append survives a"
          + " crash of the process, not a power loss."
    })
final class DemoCommand implements Callable<Integer> {
  static final String DEFAULT_DB = "souverix-demo.db";

  @Spec CommandSpec spec;
  @Mixin JsonOption json;

  @Option(
      names = "--nodes",
      defaultValue = "1000",
      paramLabel = "N",
      description = "Fleet size, 10 to 1,000,000 (default: ${DEFAULT-VALUE}).")
  int nodes;

  @Option(
      names = "--db",
      paramLabel = "FILE",
      description =
          "The store file (default: "
              + DEFAULT_DB
              + " in the current directory, replaced if it exists).")
  Path db;

  @Option(
      names = "--seed",
      defaultValue = "42",
      paramLabel = "S",
      description = "Seed of every random choice and of the event ids (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--overwrite", description = "Replace the --db file if it exists.")
  boolean overwrite;

  @Override
  public Integer call() throws Exception {
    if (nodes < FleetDemo.MIN_NODES || nodes > FleetDemo.MAX_NODES) {
      throw new ParameterException(
          spec.commandLine(),
          String.format(
              Locale.ROOT,
              "--nodes; expected %d to %,d, but got %d",
              FleetDemo.MIN_NODES,
              FleetDemo.MAX_NODES,
              nodes));
    }
    Path file = db == null ? Path.of(DEFAULT_DB) : db;
    prepare(file);
    PrintWriter err = spec.commandLine().getErr();
    ObjectNode report =
        FleetDemo.run(file, nodes, seed, new Progress(err, System.console() != null));
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled) {
      Json.print(out, report);
    } else {
      DemoText.print(report, out);
    }
    if (!report.get("ok").asBoolean()) {
      err.println(
          Main.errorLine(
              CliException.Kind.CHECK_FAILED,
              "hash chain verification of the demo store found problems"));
      err.flush();
      return CliException.Kind.CHECK_FAILED.exitCode();
    }
    return 0;
  }

  /**
   * Removes an old store at {@code file} when allowed: with --overwrite, or at the default path.
   */
  private void prepare(Path file) throws CliException {
    Path absolute = file.toAbsolutePath().normalize();
    Path parent = absolute.getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw new CliException(
          CliException.Kind.INPUT,
          String.format(
              Locale.ROOT, "cannot create %s: directory %s does not exist", file, parent));
    }
    if (Files.isDirectory(absolute)) {
      throw new CliException(
          CliException.Kind.INPUT,
          String.format(Locale.ROOT, "%s is a directory; expected a file path", file));
    }
    boolean isDefault = absolute.equals(Path.of(DEFAULT_DB).toAbsolutePath().normalize());
    if (Files.exists(absolute) && !overwrite && !isDefault) {
      throw new CliException(
          CliException.Kind.INPUT,
          String.format(
              Locale.ROOT,
              "%s already exists; pass --overwrite to replace it with a new demo store",
              file));
    }
    // The WAL and shared-memory files belong to the database: a stale WAL would be replayed
    // into the new file.
    for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
      Path p = Path.of(absolute + suffix);
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        throw new CliException(
            CliException.Kind.INPUT,
            String.format(Locale.ROOT, "cannot replace %s: %s", p, e.getMessage()),
            e);
      }
    }
  }
}
